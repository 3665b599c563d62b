"""Counting bytes and photos for the progress bar: totals, speed over a short window, ETA."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable

from app.core.downloads.events import ItemResult, ItemStatus, ProgressSnapshot
from app.core.downloads.reasons import FailureReason

_SPEED_WINDOW_S = 5.0


class ProgressTracker:
    """Byte and item counts for one batch; touched only from the event-loop thread.

    Every total is kept up to date as items change (never summed again per snapshot):
    a flood of 100,000 failures costs 100,000 small updates, not 10^10.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started = clock()
        self.items_total: int | None = None
        self._sizes: dict[str, int] = {}
        self._done: dict[str, int] = {}
        self._known_bytes = 0
        self._done_bytes = 0
        self._finished: dict[str, ItemStatus] = {}
        self._counts: dict[ItemStatus, int] = dict.fromkeys(ItemStatus, 0)
        self.received = 0
        self._samples: deque[tuple[float, int]] = deque([(self._started, 0)])
        self.paused = False

    def expect(self, total: int) -> None:
        self.items_total = max(total, self.items_total or 0)

    def item_size(self, key: str, total: int | None) -> None:
        if total is not None:
            self._known_bytes += total - self._sizes.get(key, 0)
            self._sizes[key] = total

    def item_bytes(self, key: str, done: int) -> None:
        self._done_bytes += done - self._done.get(key, 0)
        self._done[key] = done

    def _forget(self, key: str) -> None:
        self._known_bytes -= self._sizes.pop(key, 0)
        self._done_bytes -= self._done.pop(key, 0)

    def add_received(self, count: int) -> None:
        """Bytes that came over the network in this run (for speed)."""
        self.received += count
        now = self._clock()
        if now - self._samples[-1][0] >= 0.1:
            self._samples.append((now, self.received))
            while len(self._samples) > 2 and now - self._samples[0][0] > _SPEED_WINDOW_S:
                self._samples.popleft()

    def finish(self, result: ItemResult) -> None:
        previous = self._finished.get(result.key)
        if previous is not None:
            self._counts[previous] -= 1
        self._finished[result.key] = result.status
        self._counts[result.status] += 1
        if result.status is not ItemStatus.DOWNLOADED:
            self._forget(result.key)
        elif result.size is not None:
            self.item_size(result.key, result.size)
            self.item_bytes(result.key, result.size)

    def speed(self) -> float:
        now = self._clock()
        first_t, first_b = self._samples[0]
        span = now - first_t
        return (self.received - first_b) / span if span >= 0.2 else 0.0

    def snapshot(self) -> ProgressSnapshot:
        counts = self._counts
        failed = counts[ItemStatus.FAILED] + counts[ItemStatus.CANCELLED]
        bytes_done = self._done_bytes
        known = self._known_bytes
        bytes_total: int | None = known or None
        if self.items_total is not None and self._sizes:
            unknown = (
                self.items_total - len(self._sizes) - failed - counts[ItemStatus.ALREADY_THERE]
            )
            bytes_total = known + max(0, unknown) * known // len(self._sizes)
        speed = self.speed()
        eta = None
        if bytes_total is not None and speed > 0:
            eta = max(0.0, (bytes_total - bytes_done) / speed)
        finished = len(self._finished)
        total = None if self.items_total is None else max(self.items_total, finished)
        return ProgressSnapshot(
            items_total=total,  # never below what has finished: the bar stops at 100 %
            items_finished=finished,
            downloaded=counts[ItemStatus.DOWNLOADED],
            already_there=counts[ItemStatus.ALREADY_THERE],
            failed=failed,
            bytes_done=bytes_done,
            bytes_total=bytes_total,
            speed_bps=speed,
            eta_s=eta,
            elapsed_s=self._clock() - self._started,
            paused=self.paused,
        )


class Control:
    """Pause, resume, cancel and stop flags shared by the workers of one batch.

    Call its methods from the event-loop thread (Qt slots under qasync run there).
    """

    def __init__(self) -> None:
        self._running = asyncio.Event()
        self._running.set()
        self.stop_reason: FailureReason | None = None
        self.discard_partial = False
        self._watchers: list[Callable[[], None]] = []

    def watch(self, interrupt: Callable[[], None]) -> None:
        """`interrupt` is called on pause and stop: a running transfer lets go now."""
        self._watchers.append(interrupt)

    def unwatch(self, interrupt: Callable[[], None]) -> None:
        with contextlib.suppress(ValueError):
            self._watchers.remove(interrupt)

    def _interrupt_all(self) -> None:
        for interrupt in list(self._watchers):
            interrupt()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def stopped(self) -> bool:
        return self.stop_reason is not None

    def pause(self) -> None:
        self._running.clear()
        self._interrupt_all()

    def resume(self) -> None:
        self._running.set()

    def stop(self, reason: FailureReason, *, discard_partial: bool = False) -> None:
        """End the batch: workers finish their current step and take no new photo."""
        if self.stop_reason is None:
            self.stop_reason = reason
            self.discard_partial = discard_partial
        self._running.set()
        self._interrupt_all()

    async def wait_running(self) -> None:
        await self._running.wait()
