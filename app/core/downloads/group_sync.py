"""Group commit: an fsync that many worker threads need at about the same time, done once.

Every finished photo must have its rename and its journal line on disk before it is
reported saved, but each such fsync is a commit of the file system's own journal, and
with eight or more transfers finishing together they queue up behind one another (two
extra fsyncs per photo on loopback). `GroupSync.sync()` returns only once an fsync that
*started after the call* has finished, so whatever the caller wrote before calling is
durable; callers that arrive while one runs are all covered by the next one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class GroupSync:
    """Shares one `flush` (an fsync) among the threads that ask for it at the same time."""

    def __init__(self, flush: Callable[[], None]) -> None:
        self._flush = flush
        self._cond = threading.Condition()
        self.asked = 0
        """Tickets handed out: one per `sync` call so far."""
        self._covered = 0
        """Every ticket up to this one is durable."""
        self._running = False
        self.flushes = 0
        """How many times `flush` ran (tests: fewer than the calls when they overlap)."""

    def sync(self) -> None:
        """Return once a flush begun after this call has ended; raise what it raised."""
        with self._cond:
            self.asked += 1
            ticket = self.asked
            while self._covered < ticket:
                if self._running:
                    self._cond.wait()
                    continue
                # Lead: this flush covers every ticket handed out so far, since each of
                # those callers wrote what it needs before asking.
                self._running = True
                target = self.asked
                self._cond.release()
                try:
                    self._flush()
                    covered = target
                except BaseException:
                    covered = 0
                    raise
                finally:
                    self._cond.acquire()
                    self._running = False
                    self.flushes += 1
                    self._covered = max(self._covered, covered)
                    self._cond.notify_all()
