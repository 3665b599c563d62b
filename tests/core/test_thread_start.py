"""`start_threads`: a pool's threads started ahead of its work, never in its way."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import app.core.thread_start as thread_start
from app.core.thread_start import HOLD_LIMIT_S, start_threads


def _pool_threads(prefix: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(prefix)]


def test_every_thread_starts_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thread_start, "HOLD_LIMIT_S", 10.0)  # a slow machine still makes it
    executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="early-pool")
    ready = threading.Event()
    try:
        start_threads(executor, 5, ready)
        assert ready.wait(10)
        assert len(_pool_threads("early-pool")) == 5
        names = {executor.submit(lambda: threading.current_thread().name).result(10)}
        assert names <= {t.name for t in _pool_threads("early-pool")}
        assert len(_pool_threads("early-pool")) == 5  # the work found them: none started
    finally:
        executor.shutdown(wait=True)


def test_work_that_came_first_is_not_held_up_for_long() -> None:
    """A long task took a thread before the others started: the barrier cannot fill, so
    the started threads give up waiting and take the work queued behind them."""
    executor = ThreadPoolExecutor(max_workers=3, thread_name_prefix="busy-pool")
    release = threading.Event()
    try:
        long_task = executor.submit(release.wait, 10)
        start_threads(executor, 3)
        began = time.monotonic()
        assert executor.submit(lambda: 42).result(10) == 42
        waited = time.monotonic() - began
        assert waited < HOLD_LIMIT_S + 5, waited  # bounded by the hold limit, not by the long task
        assert not long_task.done()
    finally:
        release.set()
        executor.shutdown(wait=True)
