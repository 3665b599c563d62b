"""Start a thread pool's threads ahead of its work, without the caller waiting for them.

`ThreadPoolExecutor` starts a thread on a `submit` that finds none idle, and
`Thread.start` waits until the new thread runs: on the GUI thread of a busy machine that
is milliseconds per thread, paid just when the first work arrives. `start_threads` has
every thread started by a short-lived thread of its own, before the work comes.
"""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

HOLD_LIMIT_S = 0.1
"""A started thread waits at most this long for the others, then is free for work: on
a slow machine fewer threads start early (the rest start on demand, as before), and
work that came before all had started waits no longer than this."""


def start_threads(
    executor: ThreadPoolExecutor, count: int, ready: threading.Event | None = None
) -> threading.Barrier:
    """Have `executor` run `count` threads now; `ready` is set once they all run. Abort
    the returned barrier when the executor shuts down, so no thread waits for the rest."""
    barrier = threading.Barrier(count, action=ready.set if ready is not None else None)

    def hold() -> None:  # every task holds its thread until all threads run one
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=HOLD_LIMIT_S)

    def submit_all() -> None:
        try:
            for _ in range(count):
                executor.submit(hold)
        except RuntimeError:  # shut down meanwhile
            barrier.abort()

    threading.Thread(target=submit_all, name="thread-start", daemon=True).start()
    return barrier
