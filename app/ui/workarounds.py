"""Work-arounds for library bugs, applied once when `app.ui` is first imported.

`protect_singletons`: a PySide6 6.12 reference-count bug that crashes long sessions on
Python 3.11.

With PySide6 6.12.0 on CPython 3.11, every call of a Qt method that returns nothing
(`setText`, `processEvents`, `render`, …) and every `Signal.emit()` hands back `None`
or `True` without taking a reference to it. Each call therefore drops one reference to
the singleton; after some thousands of calls its count reaches zero and the interpreter
aborts ("none_dealloc" / "bool_dealloc"). From Python 3.12 these singletons are immortal
and the bug is harmless. Here we give them a reference count no session can use up:
they are never freed anyway, so the extra references cost nothing.
"""

from __future__ import annotations

import ctypes
import importlib.util
import sys

_FLOOR = 1 << 40
"""About 10^12 calls: more than any session makes."""


def protect_singletons() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for value in (None, True, False, Ellipsis, NotImplemented):
        count = ctypes.c_ssize_t.from_address(id(value))  # ob_refcnt, the first field
        if count.value < _FLOOR:
            count.value += _FLOOR


def skip_missing_sniffio() -> None:
    """httpcore tries `import sniffio` on every lock and connection; without sniffio
    installed each try scans sys.path (~0.2 ms, hundreds of times per page of
    thumbnails). Recording it as absent makes the same ImportError instant."""
    if "sniffio" in sys.modules:
        return
    if importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]
