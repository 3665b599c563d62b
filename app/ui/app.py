"""`run_gui`: the window on a qasync loop, and an orderly shutdown."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.core.backend import BackendConfig
from app.core.settings import load_settings
from app.ui.main_window import MainWindow
from app.ui.runtime import TaskRunner, new_event_loop

log = logging.getLogger(__name__)

APP_ID = "io.github.photo_retriever.PhotoRetriever"


def run_gui(backend: BackendConfig) -> int:
    """Open the window and run until it is closed; the caller stops the demo server."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("photo-retriever")
    app.setApplicationDisplayName("Race Photo Retriever")
    app.setDesktopFileName(APP_ID)
    app.setQuitOnLastWindowClosed(False)  # the coroutine below decides when we are done
    with asyncio.Runner(loop_factory=lambda: new_event_loop(app)) as runner:
        return runner.run(_run_window(app, backend))


async def _run_window(app: QApplication, backend: BackendConfig) -> int:
    loop = asyncio.get_running_loop()
    client = backend.make_client()
    tasks = TaskRunner(loop)
    window = MainWindow(backend, client, tasks, settings=load_settings())
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    _close_on_sigint(loop, window)
    # Let Python see Ctrl+C while Qt waits for events.
    heartbeat = QTimer()
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
    window.show()
    window.start()
    try:
        await closed.wait()
    finally:
        heartbeat.stop()
        await window.shutdown()  # cancel tasks first
        await client.aclose()  # then close the connections
        window.deleteLater()
    return 0


def _close_on_sigint(loop: asyncio.AbstractEventLoop, window: MainWindow) -> None:
    try:
        signal.signal(signal.SIGINT, lambda *_: loop.call_soon_threadsafe(window.close))
    except ValueError:  # not the main thread
        log.debug("no SIGINT handler installed")
