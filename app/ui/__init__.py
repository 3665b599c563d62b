"""Everything PySide6: the window, its models and widgets, and the qasync runtime."""
