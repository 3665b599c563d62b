"""The asyncio-on-Qt runtime: the only module that imports qasync.

PySide6 is imported first so qasync binds to it (qasync picks a Qt binding on its own).
`TaskRunner` is how plain slots start async work: it keeps strong references to the
tasks, cancels a keyed task when a newer one replaces it, turns unexpected failures into
one `failed` signal, and offers `wait_idle()` so tests can drain everything.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

import qasync  # after PySide6, on purpose
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

T = TypeVar("T")

QT_CORE_MODULE: str = qasync.QtCore.__name__
"""Which Qt binding qasync picked; a test asserts it is PySide6."""


def new_event_loop(app: QApplication) -> asyncio.AbstractEventLoop:
    """An asyncio loop that runs on the Qt event loop of `app`.

    `asyncio.to_thread` gets a plain thread pool: qasync's own default executor starts
    ten QThreads whose teardown Qt warns about.
    """
    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
    loop.set_default_executor(
        concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="gui-io")
    )
    return loop


class TaskRunner(QObject):
    """Starts and tracks coroutines on one loop.

    Signals:
        failed(object, str): an unexpected exception and the task name (cancellation is
            not a failure; expected errors are handled inside the coroutines).
        busy_changed(bool): some named ("busy") work started or all of it ended.
    """

    failed = Signal(object, str)
    busy_changed = Signal(bool)

    def __init__(self, loop: asyncio.AbstractEventLoop, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loop = loop
        self._tasks: set[asyncio.Task[Any]] = set()
        self._keyed: dict[str, asyncio.Task[Any]] = {}
        self._busy: set[asyncio.Task[Any]] = set()
        self._closed = False

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return self._loop

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def busy(self) -> bool:
        return bool(self._busy)

    def start(
        self,
        coro: Coroutine[Any, Any, T],
        *,
        key: str | None = None,
        busy: bool = False,
    ) -> asyncio.Task[T]:
        """Run `coro`; a task with the same `key` still running is cancelled first.

        `busy` tasks drive the busy indicator (searches and page loads, not thumbnails).
        """
        if self._closed:
            coro.close()
            raise RuntimeError("the task runner is shut down")
        if key is not None:
            self.cancel(key)
        task = self._loop.create_task(coro, name=key)
        self._tasks.add(task)
        if key is not None:
            self._keyed[key] = task
        if busy:
            was_busy = self.busy
            self._busy.add(task)
            if not was_busy:
                self.busy_changed.emit(True)
        task.add_done_callback(self._on_task_done)
        return task

    def cancel(self, *keys: str) -> None:
        for key in keys:
            task = self._keyed.pop(key, None)
            if task is not None and not task.done():
                task.cancel()

    async def wait_idle(self) -> None:
        """Wait until no task is left, including tasks started by other tasks.

        Callers bound the wait with `asyncio.timeout` (tests do)."""
        while True:
            pending = [t for t in self._tasks if not t.done()]
            if not pending:
                break
            await asyncio.wait(pending)
        await asyncio.sleep(0)  # let done callbacks run

    async def shutdown(self) -> None:
        """Cancel everything and wait for the cancellations to land."""
        self._closed = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=5.0)

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        name = task.get_name()
        if self._keyed.get(name) is task:
            del self._keyed[name]
        if task in self._busy:
            self._busy.discard(task)
            if not self._busy:
                self.busy_changed.emit(False)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("task %s failed", name, exc_info=error)
            self.failed.emit(error, name)
