"""`run_gui`: the window on a qasync loop, and an orderly shutdown."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.downloads import DownloadOptions
from app.core.kiosk.options import KioskOptions
from app.core.retry import RetryPolicy
from app.core.settings import Settings, load_settings
from app.resources import resource_path
from app.ui.downloads import DownloadController, download_folder
from app.ui.gc_guard import GuiThreadCollector
from app.ui.kiosk.drives import DriveSource, removable_drives
from app.ui.kiosk.window import KioskWindow
from app.ui.main_window import MainWindow
from app.ui.messages import Action, error_message
from app.ui.runtime import TaskRunner, new_event_loop
from app.ui.translations import install_translator

log = logging.getLogger(__name__)

DESKTOP_FILE = "photo-retriever"
GUI_RETRIES = RetryPolicy(max_attempts=4, max_total=20.0)
"""Someone is watching: give up sooner than a headless run would, and offer Retry."""


Driver = Callable[[MainWindow], Awaitable[int]]
"""Drives a shown window (the self-test) and closes it; its result is the exit code."""


def run_gui(
    backend: BackendConfig, kiosk: KioskOptions | None = None, *, driver: Driver | None = None
) -> int:
    """Open the window (the kiosk shell with `kiosk`) and run until it is closed; the
    caller stops the demo server."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("photo-retriever")
    app.setApplicationDisplayName("Race Photo Retriever")
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(_app_icon())
    install_translator(app)
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the coroutine below decides when we are done
    collector = GuiThreadCollector()
    collector.start()
    try:
        with asyncio.Runner(loop_factory=lambda: new_event_loop(app)) as runner:
            return runner.run(_run_window(app, backend, kiosk, driver))
    finally:
        collector.stop()
        app.setQuitOnLastWindowClosed(quit_on_close)


def build_window(
    backend: BackendConfig,
    client: NinePicClient,
    runner: TaskRunner,
    *,
    settings: Settings,
    with_downloads: bool = True,
    downloads_folder: Path | None = None,
    download_options: DownloadOptions | None = None,
) -> MainWindow:
    """The window and its downloads, put together the one way the app and the tests use.

    The download folder and parallelism come from `settings` unless given.
    """
    window = MainWindow(backend, client, runner, settings=settings)
    if with_downloads:
        options = download_options or DownloadOptions(parallel=settings.parallel_downloads)
        folder = downloads_folder or download_folder(settings)
        window.attach_downloads(
            DownloadController(client, runner, folder=folder, options=options, parent=window)
        )
    return window


def build_kiosk_window(
    backend: BackendConfig,
    client: NinePicClient,
    runner: TaskRunner,
    *,
    settings: Settings,
    options: KioskOptions,
    drives: DriveSource | None = removable_drives,
    temp_root: Path | None = None,
    download_options: DownloadOptions | None = None,
    idle_clock: Callable[[], float] = time.monotonic,
) -> KioskWindow:
    """The kiosk shell with the same downloads as the window (saving goes per runner)."""
    window = KioskWindow(
        backend,
        client,
        runner,
        settings=settings,
        options=options,
        drives=drives,
        temp_root=temp_root,
        idle_clock=idle_clock,
    )
    options_ = download_options or DownloadOptions(parallel=settings.parallel_downloads)
    window.attach_downloads(
        DownloadController(client, runner, folder=window.temp_root, options=options_, parent=window)
    )
    return window


async def _run_window(
    app: QApplication,
    backend: BackendConfig,
    kiosk: KioskOptions | None = None,
    driver: Driver | None = None,
) -> int:
    loop = asyncio.get_running_loop()
    client = backend.make_client(GUI_RETRIES)
    tasks = TaskRunner(loop)
    window: MainWindow | KioskWindow
    if kiosk is not None:
        window = build_kiosk_window(backend, client, tasks, settings=load_settings(), options=kiosk)
    else:
        window = build_window(backend, client, tasks, settings=load_settings())
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    previous_sigint = _close_on_sigint(loop, window)
    # Let Python see Ctrl+C while Qt waits for events.
    heartbeat = QTimer()
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
    previous_hook = sys.excepthook
    sys.excepthook = _report_to(window)
    loop.set_exception_handler(_log_loop_error)
    window.show()
    window.start()
    driving = (
        asyncio.ensure_future(driver(window)) if driver and isinstance(window, MainWindow) else None
    )
    try:
        await closed.wait()
    finally:
        sys.excepthook = previous_hook
        if previous_sigint is not None:
            signal.signal(signal.SIGINT, previous_sigint)
        heartbeat.stop()
        await window.shutdown()  # cancel tasks first
        await client.aclose()  # then close the connections
        window.deleteLater()
    if driving is None:
        return 0
    if not driving.done():  # closed by hand before the driver finished
        driving.cancel()
        return 1
    return driving.result()


def _report_to(window: MainWindow | KioskWindow) -> Callable[..., None]:
    """A slot that raised: log the details, show plain words (the kiosk starts over),
    keep running."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, tb))
        if isinstance(window, KioskWindow):
            window.recover()
        else:
            window.message_bar.show_message(error_message(error, Action.LOAD_PAGE))

    return hook


def _log_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    error = context.get("exception")
    log.error("event loop: %s", context.get("message", ""), exc_info=error)


def _app_icon() -> QIcon:
    """Every size we ship, so Qt picks a crisp one on any screen."""
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = resource_path("icons", f"photo-retriever-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def _close_on_sigint(loop: asyncio.AbstractEventLoop, window: MainWindow | KioskWindow) -> Any:
    """Ctrl+C in the terminal closes the window (and so shuts down in order)."""
    close = window.leave if isinstance(window, KioskWindow) else window.close
    try:
        return signal.signal(signal.SIGINT, lambda *_: loop.call_soon_threadsafe(close))
    except ValueError:  # not the main thread
        log.debug("no SIGINT handler installed")
        return None
