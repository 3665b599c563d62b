"""Child processes that Ctrl-C can reach, however the test run itself was started."""

from __future__ import annotations

import signal


def interruptible() -> None:
    """`preexec_fn` for a child that must see SIGINT: a shell starts background jobs
    (a CI run, `make test &`) with SIGINT ignored, and children inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
