from __future__ import annotations

import asyncio

import pytest
from pytestqt.qtbot import QtBot

from app.ui.runtime import QT_CORE_MODULE, TaskRunner


def test_qasync_binds_to_pyside6() -> None:
    import qasync

    assert QT_CORE_MODULE == "PySide6.QtCore"
    assert qasync.QtCore.__name__ == "PySide6.QtCore"


def test_keyed_task_replaces_the_older_one(loop: asyncio.AbstractEventLoop) -> None:
    runner = TaskRunner(loop)
    done: list[str] = []

    async def work(name: str, delay: float) -> None:
        await asyncio.sleep(delay)
        done.append(name)

    first = runner.start(work("old", 0.05), key="search")
    runner.start(work("new", 0.0), key="search")
    loop.run_until_complete(runner.wait_idle())
    assert done == ["new"]
    assert first.cancelled()


def test_failure_becomes_a_signal_not_a_crash(
    loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    runner = TaskRunner(loop)
    seen: list[tuple[BaseException, str]] = []
    runner.failed.connect(lambda error, name: seen.append((error, name)))

    async def boom() -> None:
        raise ValueError("bad")

    runner.start(boom(), key="boom")
    loop.run_until_complete(runner.wait_idle())
    assert len(seen) == 1
    assert isinstance(seen[0][0], ValueError)
    assert seen[0][1] == "boom"


def test_busy_follows_busy_tasks_only(loop: asyncio.AbstractEventLoop) -> None:
    runner = TaskRunner(loop)
    states: list[bool] = []
    runner.busy_changed.connect(states.append)

    async def nap() -> None:
        await asyncio.sleep(0.01)

    runner.start(nap())
    assert not runner.busy
    runner.start(nap(), busy=True)
    runner.start(nap(), busy=True)
    assert runner.busy
    loop.run_until_complete(runner.wait_idle())
    assert states == [True, False]


def test_shutdown_cancels_and_refuses_new_work(loop: asyncio.AbstractEventLoop) -> None:
    runner = TaskRunner(loop)

    async def forever() -> None:
        await asyncio.Event().wait()

    task = runner.start(forever())
    loop.run_until_complete(runner.shutdown())
    assert task.cancelled()

    async def later() -> None:
        return None

    with pytest.raises(RuntimeError):
        runner.start(later())


def test_many_signal_emits_and_void_calls_keep_singleton_refcounts(qapp) -> None:
    """PySide6 6.12.0 dropped a reference to True per emit and to None per void call,
    which aborts Python 3.11 after a few thousand calls (pyproject excludes it)."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        ping = Signal(str)

    source = Source()
    source.ping.connect(lambda _text: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(5_000):
        source.ping.emit("x")
        source.setObjectName("x")
    assert sys.getrefcount(True) >= true_before - 100
    assert sys.getrefcount(None) >= none_before - 100
