"""PySide6, loaded with the one change that makes every later import cheaper.

Importing PySide6 installs an import hook for its opt-in `__feature__` syntax (snake_case
names, true properties), which this app never uses. After every import the hook asks
whether the new module uses PySide by reading its whole source with
`inspect.getsource` (tokenizing it, keeping its lines in `linecache`): about 140 µs a
module, 14-21 ms of the 107 modules before the window's first frame and 46-79 ms of the
311 before it is ready. `uses_pyside` gives the same answer (does the file name
"PySide6"?) from one read of the file's bytes. Anything but a plain `.py` file is left
to PySide's own check, and a PySide6 without that hook is left as it is.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the hook, and its `feature` module)

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"

pyside_check: Callable[[ModuleType], bool] | None = None
"""PySide's own check, once replaced: still used for what is not a plain `.py` file."""


def uses_pyside(module: ModuleType) -> bool:
    """Whether the module's source names PySide6: PySide's own test, without tokenizing."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:  # as PySide's: no source, not a PySide module
            return False
    return pyside_check(module) if pyside_check is not None else False


def install() -> bool:
    """Put `uses_pyside` in place of PySide's check; False where there is none."""
    global pyside_check
    feature = sys.modules.get(_FEATURE_MODULE)
    check = getattr(feature, _CHECK, None)
    if feature is None or not callable(check):
        return False
    if check is not uses_pyside:
        pyside_check = check
        setattr(feature, _CHECK, uses_pyside)
    return True


install()
