"""The fetch watchdog: one thread runs the actions of deadlines that were not disarmed,
in time order, and many requests start no thread of their own."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

import pytest

from app.core.downloads.deadlines import Deadlines
from app.core.downloads.fetch import FetchTimeout, StorageClient

WAIT_S = 10.0  # generous: a loaded machine runs the watchdog late, never early


def _threads_named(name: str) -> int:
    return sum(t.name == name for t in threading.enumerate())


def test_an_armed_deadline_runs_its_action_and_a_disarmed_one_does_not() -> None:
    deadlines = Deadlines()
    fired, disarmed_ran = threading.Event(), threading.Event()
    disarmed = deadlines.arm(0.01, disarmed_ran.set)  # due first, but disarmed
    deadlines.disarm(disarmed)
    kept = deadlines.arm(0.1, fired.set)
    assert fired.wait(WAIT_S)
    assert kept.fired and not disarmed.fired
    assert not disarmed_ran.is_set()
    assert deadlines.fired == 1
    assert deadlines.pending == 0


def test_an_earlier_deadline_wakes_the_watchdog_sleeping_towards_a_later_one() -> None:
    deadlines = Deadlines()
    order: list[str] = []
    done = threading.Event()

    def early() -> None:
        order.append("early")
        done.set()

    deadlines.arm(3600.0, lambda: order.append("late"))
    deadlines.arm(0.01, early)
    assert done.wait(WAIT_S), "the watchdog kept sleeping towards the hour-long deadline"
    assert order == ["early"]
    assert deadlines.pending == 1


def test_thousands_of_requests_share_one_thread_and_leave_no_heap_behind() -> None:
    deadlines = Deadlines()
    before = _threads_named("fetch-deadlines")
    for _ in range(5000):
        deadlines.disarm(deadlines.arm(60.0, lambda: None))
    assert _threads_named("fetch-deadlines") == before + 1
    assert deadlines.pending == 0
    assert deadlines.kept <= 2 * 256 + 1, "disarmed deadlines are dropped, not hoarded"


def test_an_action_that_raises_does_not_stop_the_watchdog() -> None:
    deadlines = Deadlines()
    after = threading.Event()

    def broken() -> None:
        raise RuntimeError("boom")

    deadlines.arm(0.0, broken)
    deadlines.arm(0.02, after.set)
    assert after.wait(WAIT_S)
    assert deadlines.fired == 2


def test_not_even_system_exit_from_an_action_ends_the_watchdog() -> None:
    deadlines = Deadlines()
    ran = threading.Event()

    def exits() -> None:
        ran.set()
        raise SystemExit  # not an Exception: uncaught, it would end the watchdog thread

    deadlines.arm(0.0, exits)
    assert ran.wait(WAIT_S)
    later = threading.Event()
    deadlines.arm(0.01, later.set)
    assert later.wait(WAIT_S), "the deadline waited for a watchdog that was gone"


def test_a_host_dripping_its_headers_is_cut_off_by_the_deadline() -> None:
    """Every byte comes within the socket timeout: only the deadline ends the request."""
    stop = threading.Event()
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]

        def serve() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.recv(65536)
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nX-Pad: " + b"a" * 500:
                    if stop.wait(0.02):
                        return
                    with contextlib.suppress(OSError):
                        conn.sendall(bytes([byte]))

        server = threading.Thread(target=serve, daemon=True)
        server.start()
        client = StorageClient(timeout=0.3)  # the 500 dripped bytes would take 10 s
        started = time.monotonic()
        try:
            with pytest.raises(FetchTimeout):
                client.get(f"http://127.0.0.1:{port}/photo.jpg", {})
        finally:
            stop.set()
            client.close()
        assert time.monotonic() - started < 3.0, "the dripped headers held the request"
        server.join(WAIT_S)
