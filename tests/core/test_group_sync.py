"""`GroupSync`: callers that overlap share one flush, and nobody returns before a flush
that began after its call has ended."""

from __future__ import annotations

import threading
import time

import pytest

from app.core.downloads.group_sync import GroupSync


class Gate:
    """A flush that blocks until released, noting how many callers had asked when it began."""

    def __init__(self) -> None:
        self.group = GroupSync(self.flush)
        self.release = threading.Event()
        self.began = threading.Event()
        self.seen_at_start: list[int] = []
        self.fail_next = False

    def flush(self) -> None:
        self.seen_at_start.append(self.group.asked)
        self.began.set()
        assert self.release.wait(10)
        if self.fail_next:
            self.fail_next = False
            raise OSError("disk gone")


def _run(target: object, count: int) -> list[threading.Thread]:
    threads = [threading.Thread(target=target) for _ in range(count)]  # type: ignore[arg-type]
    for thread in threads:
        thread.start()
    return threads


def test_callers_that_arrive_during_a_flush_share_the_next_one() -> None:
    gate = Gate()
    returned: list[int] = []
    lock = threading.Lock()

    def call() -> None:
        gate.group.sync()
        with lock:
            returned.append(gate.group.flushes)

    first = _run(call, 1)
    assert gate.began.wait(10)  # the first caller leads, its flush is running
    later = _run(call, 7)
    # all seven have their tickets (they wait for the flush): plain state, so poll it
    deadline = time.monotonic() + 10
    while gate.group.asked < 8 and time.monotonic() < deadline:
        threading.Event().wait(0.001)
    assert gate.group.asked == 8
    gate.release.set()
    for thread in first + later:
        thread.join(10)
    assert gate.group.flushes == 2  # not eight
    assert gate.seen_at_start == [1, 8]
    assert all(n >= 1 for n in returned) and returned.count(2) >= 7  # the later ones waited


def test_a_failed_flush_raises_for_its_leader_and_the_others_try_again() -> None:
    gate = Gate()
    gate.fail_next = True
    gate.release.set()
    with pytest.raises(OSError, match="disk gone"):
        gate.group.sync()
    gate.group.sync()  # a flush that works covers the next caller
    assert gate.group.flushes == 2
