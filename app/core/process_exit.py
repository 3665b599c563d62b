"""Leaving the process once its job is done, without the interpreter's teardown.

After a `download` has printed its summary, a normal exit still spends 40-90 ms (of a
0.8 s run of 100 photos on loopback) collecting garbage and unloading every module one
by one, work whose only result the kernel produces anyway when the process ends. So the
process entry (`app.cli.run`) ends through `end_process`: it takes the first steps of
Python's own exit (the `atexit` handlers, the streams flushed), then `os._exit`. It
keeps the whole normal exit wherever that still has work: a thread still running (it
would be cut off, not joined), or Qt loaded (its objects are torn down at exit).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


def end_process(code: int) -> NoReturn:
    """Exit with `code`: at once when nothing is left for the teardown, else normally."""
    if teardown_has_work():
        sys.exit(code)
    atexit._run_exitfuncs()  # logging's shutdown, lock files released, as at any exit
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the normal exit reports it as usual
        sys.exit(code)
    os._exit(code)


def teardown_has_work() -> bool:
    """A thread the normal exit would wait for is still alive, or Qt is loaded."""
    main = threading.main_thread()
    waited_for = [t for t in threading.enumerate() if t is not main and not t.daemon]
    return bool(waited_for) or "PySide6.QtCore" in sys.modules
