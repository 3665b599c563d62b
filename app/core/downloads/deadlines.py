"""Deadlines for blocking requests, kept by one watchdog thread for the whole process.

Each GET bounds its header phase (a host that drips its headers a byte at a time must
not hold a worker). A `threading.Timer` per request did that by starting a thread per
request: ~100 µs of CPU each, and two more threads a request wanting the GIL, which the
GUI thread then waits for while a page of thumbnails loads. Here a request arms a
deadline (a heap push under a lock) and disarms it (a flag); one daemon thread sleeps
until the earliest deadline and runs the action of any that was not disarmed.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

_REBUILD_AFTER = 256
"""Disarmed deadlines left in the heap before it is rebuilt without them."""


class Deadline:
    """One armed deadline; `disarm` it once the guarded step is done. `fired`: its time
    came first, so its action runs (or has run) and what it guarded must not be used."""

    __slots__ = ("action", "disarmed", "fired")

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action
        self.disarmed = False
        self.fired = False


class Deadlines:
    """`arm(seconds, action)`: run `action` on the watchdog thread unless disarmed first."""

    def __init__(self) -> None:
        self._wake = threading.Condition(threading.Lock())
        self._heap: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()
        self._disarmed = 0
        self._thread: threading.Thread | None = None
        self.fired = 0
        """Actions run so far (for tests and logs)."""

    def arm(self, seconds: float, action: Callable[[], None]) -> Deadline:
        deadline = Deadline(action)
        entry = (time.monotonic() + seconds, next(self._order), deadline)
        with self._wake:
            if self._thread is None or not self._thread.is_alive():
                # the first deadline, or a start that failed last time: start it before
                # taking the deadline, so a failed start leaves none behind
                thread = threading.Thread(target=self._watch, name="fetch-deadlines", daemon=True)
                thread.start()
                self._thread = thread
            heapq.heappush(self._heap, entry)
            if self._heap[0] is entry:
                self._wake.notify()  # earlier than what the watchdog sleeps towards
        return deadline

    def disarm(self, deadline: Deadline) -> None:
        with self._wake:
            if deadline.disarmed:
                return
            deadline.disarmed = True
            self._disarmed += 1
            if self._disarmed > _REBUILD_AFTER and self._disarmed * 2 > len(self._heap):
                self._heap = [entry for entry in self._heap if not entry[2].disarmed]
                heapq.heapify(self._heap)
                self._disarmed = 0

    @property
    def pending(self) -> int:
        """Armed deadlines neither disarmed nor run yet."""
        with self._wake:
            return sum(not entry[2].disarmed for entry in self._heap)

    @property
    def kept(self) -> int:
        """Entries held, disarmed ones not yet dropped included (memory stays bounded)."""
        with self._wake:
            return len(self._heap)

    def _watch(self) -> None:
        while True:
            with self._wake:
                due = self._next_due()
            if due is not None:
                self.fired += 1
                try:
                    due.action()
                except BaseException:  # the watchdog must outlive any one action
                    log.exception("a deadline's action failed")

    def _next_due(self) -> Deadline | None:
        """Wait (lock held) until a deadline is due and take it off the heap."""
        while True:
            while self._heap and self._heap[0][2].disarmed:
                heapq.heappop(self._heap)
                self._disarmed -= 1
            if not self._heap:
                self._wake.wait()
                continue
            when, _, deadline = self._heap[0]
            left = when - time.monotonic()
            if left <= 0:
                heapq.heappop(self._heap)
                deadline.disarmed = True  # done: a late disarm changes nothing
                deadline.fired = True
                return deadline
            self._wake.wait(left)


WATCHDOG = Deadlines()
"""The process's one watchdog (its thread starts with the first deadline)."""
