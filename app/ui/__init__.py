"""Everything PySide6: the window, its models and widgets, and the qasync runtime."""

from app.ui import pyside_boot as _pyside_boot  # noqa: F401  (first: see its docstring)
