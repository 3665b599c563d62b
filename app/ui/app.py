"""`run_gui`: the window (or the kiosk) on a qasync loop, and an orderly shutdown."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

from app.core.credentials import KeyStore
from app.core.logsafe import log_dir
from app.core.malloc_tuning import limit_malloc_arenas
from app.core.retry import RetryPolicy
from app.ui.app_look import DESKTOP_FILE as DESKTOP_FILE
from app.ui.app_look import prepare_app
from app.ui.first_paint import after_first_paint
from app.ui.gc_guard import GuiThreadCollector
from app.ui.main_window import MainWindow
from app.ui.messages import Action, error_message
from app.ui.runtime import TaskRunner, new_event_loop
from app.ui.shell import AppShell

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.backend import BackendConfig, BackendProvider
    from app.core.client import NinePicClient
    from app.core.downloads import DownloadOptions
    from app.core.kiosk.options import KioskOptions
    from app.core.settings import LoadedSettings, Settings

log = logging.getLogger(__name__)

GUI_RETRIES = RetryPolicy(max_attempts=4, max_total=20.0)
"""Someone is watching: give up sooner than a headless run would, and offer Retry."""

Driver = Callable[[MainWindow], Awaitable[int]]
"""Drives a shown window (the self-test) and closes it; its result is the exit code."""


def run_gui(
    provider: BackendProvider,
    backend: BackendConfig | None = None,
    *,
    keys: KeyStore | None = None,
    demo_event_id: int | None = None,
    kiosk: KioskOptions | None = None,
    driver: Driver | None = None,
    settings: LoadedSettings | None = None,
    frame: MainWindow | None = None,
) -> int:
    """Open the window and run until it is closed; the caller stops the demo server.
    `settings`: read already by the caller (read here otherwise). `frame`: the window's
    first frame, already on screen (`app.ui.start`): completed here, not built again.

    Without `backend` (no command-line flags) the window opens on what the settings
    remember: the demo on the first run, the last event after connecting once. With
    `kiosk` (and a `backend`) the locked kiosk shell opens instead; it never switches.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare_app(app)
    limit_malloc_arenas()  # before the thumbnail and download threads start
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the coroutine below decides when we are done
    collector = GuiThreadCollector(settle=True)
    collector.start()
    try:
        with asyncio.Runner(loop_factory=lambda: new_event_loop(app)) as runner:
            if kiosk is not None:
                assert backend is not None, "a kiosk runs on the backend it was given"
                return runner.run(_run_kiosk(backend, kiosk))
            return runner.run(
                _run_window(
                    app,
                    provider,
                    backend,
                    keys or KeyStore(),
                    demo_event_id,
                    driver,
                    settings,
                    frame,
                )
            )
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
    settings_read_only: bool = False,
    log_folder: Path | None = None,
    downloads_after_paint: bool = False,
    frame: MainWindow | None = None,
) -> MainWindow:
    """The window and its downloads, put together the one way the app and the tests use.

    The download folder and parallelism come from `settings` unless given. With
    `downloads_after_paint` (the app's start) they are attached once the window has
    been painted, so that the engine's imports never hold its first appearance back.
    With `frame` (the first frame the start has shown) that window is completed.
    """
    if frame is None:
        window = MainWindow(
            backend,
            client,
            runner,
            settings=settings,
            settings_read_only=settings_read_only,
            log_folder=log_folder,
        )
    else:
        window = frame
        window.menus.set_log_folder(log_folder)
        window.complete(
            client,
            runner,
            settings=settings,
            settings_read_only=settings_read_only,
            backend=backend,
        )
    if with_downloads:

        def attach() -> None:
            from app.core.downloads import DownloadOptions
            from app.core.downloads.filenames import NamePattern
            from app.core.folders import download_folder
            from app.ui.downloads import DownloadController

            options = download_options or DownloadOptions(
                parallel=settings.parallel_downloads,
                name_pattern=NamePattern.parse(settings.name_pattern),
            )
            folder = downloads_folder or download_folder(settings)
            per_event = downloads_folder is None and not settings.download_folder
            window.attach_downloads(
                DownloadController(
                    client,
                    runner,
                    folder=folder,
                    options=options,
                    event_folders=per_event,
                    folder_confirmed=downloads_folder is not None or bool(settings.download_folder),
                    parent=window,
                )
            )
            _add_clips(window, client, runner)

        if downloads_after_paint:
            after_first_paint(window, attach)  # the engine loads once the window shows
        else:
            attach()
    else:
        _add_clips(window, client, runner)
    return window


def _add_clips(window: MainWindow, client: NinePicClient, runner: TaskRunner) -> None:
    """The video clips dock (it downloads through the window's downloads, if any)."""
    from app.ui.clips_dock import ClipsDock

    ClipsDock(window, window.controller, window.downloads, client, runner)


def initial_backend(
    provider: BackendProvider,
    settings: Settings,
    keys: KeyStore,
    demo_event_id: int | None = None,
) -> BackendConfig:
    """What the window opens on without flags. A key is never asked for up front (an
    event relay needs none): the service's first 401 opens the connect dialog
    (`SearchController.key_needed`)."""
    if settings.backend == "service" and settings.org_id is not None:
        found = keys.find(settings.api_url, settings.org_id)
        key = found.key if found is not None else None
        return provider.service(settings.api_url, settings.org_id, settings.last_event_id, key)
    return provider.demo(demo_event_id)


async def _run_window(
    app: QApplication,
    provider: BackendProvider,
    backend: BackendConfig | None,
    keys: KeyStore,
    demo_event_id: int | None,
    driver: Driver | None = None,
    loaded: LoadedSettings | None = None,
    frame: MainWindow | None = None,
) -> int:
    if frame is not None and not frame.isVisible():
        return 0  # the first frame was closed while the rest loaded: nothing to open
    if loaded is None:
        from app.core.settings import read_settings

        loaded = read_settings()
    loop = asyncio.get_running_loop()
    shell = make_shell(
        provider, keys, loop, loaded, log_folder=log_dir(), downloads_after_paint=True, frame=frame
    )
    if backend is None:
        backend = initial_backend(provider, loaded.settings, keys, demo_event_id)
    shell.open(backend, loaded.settings)
    driving = asyncio.ensure_future(driver(shell.window)) if driver and shell.window else None

    def close() -> None:
        if shell.window is not None:
            shell.window.close()

    def report(error: BaseException) -> None:
        if shell.window is not None:
            shell.window.message_bar.show_message(error_message(error, Action.LOAD_PAGE))

    async def shutdown() -> None:
        window = shell.window
        await shell.shutdown()  # cancel tasks first, then close the connections
        if window is not None:
            window.deleteLater()

    await _until_closed(shell.closed, close, report, shutdown)
    if driving is None:
        return 0
    if not driving.done():  # closed by hand before the driver finished
        driving.cancel()
        return 1
    return driving.result()


async def _run_kiosk(backend: BackendConfig, options: KioskOptions) -> int:
    from app.core.settings import load_settings
    from app.ui.kiosk.launch import build_kiosk_window  # the kiosk's widgets: only for a kiosk

    client = backend.make_client(GUI_RETRIES)
    tasks = TaskRunner(asyncio.get_running_loop())
    window = build_kiosk_window(backend, client, tasks, settings=load_settings(), options=options)

    async def shutdown() -> None:
        await window.shutdown()  # cancel tasks first
        await client.aclose()  # then close the connections
        window.deleteLater()

    window.show()
    window.start()
    await _until_closed(window.closed, window.leave, lambda _error: window.recover(), shutdown)
    return 0


async def _until_closed(
    closed_signal: SignalInstance,
    close: Callable[[], None],
    report: Callable[[BaseException], None],
    shutdown: Callable[[], Awaitable[None]],
) -> None:
    """Wait for the window to close: Ctrl+C closes it, a slot that raises is logged and
    `report`ed (the app keeps running), and `shutdown` runs in order at the end."""
    loop = asyncio.get_running_loop()
    closed = asyncio.Event()
    closed_signal.connect(closed.set)
    previous_sigint = _close_on_sigint(loop, close)
    # Let Python see Ctrl+C while Qt waits for events.
    heartbeat = QTimer()
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
    previous_hook = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, tb))
        report(error)

    sys.excepthook = hook
    loop.set_exception_handler(_log_loop_error)
    try:
        await closed.wait()
    finally:
        sys.excepthook = previous_hook
        if previous_sigint is not None:
            signal.signal(signal.SIGINT, previous_sigint)
        heartbeat.stop()
        await shutdown()


def make_shell(
    provider: BackendProvider,
    keys: KeyStore,
    loop: asyncio.AbstractEventLoop,
    loaded: LoadedSettings,
    *,
    log_folder: Path | None = None,
    retry_policy: RetryPolicy = GUI_RETRIES,
    frame: MainWindow | None = None,
    **window_options: Any,
) -> AppShell:
    """The shell whose windows are built by `build_window` (the app's and the tests' way);
    `frame`, a first frame on screen, becomes its first window."""
    frames = [frame] if frame is not None else []

    def make_window(
        backend: BackendConfig, client: NinePicClient, runner: TaskRunner, settings: Settings
    ) -> MainWindow:
        return build_window(
            backend,
            client,
            runner,
            settings=settings,
            settings_read_only=not loaded.writable,
            log_folder=log_folder,
            frame=frames.pop() if frames else None,
            **window_options,
        )

    return AppShell(
        provider,
        keys,
        loop,
        make_window,
        retry_policy=retry_policy,
        settings_problem=loaded.problem,
        settings_path=loaded.path,
    )


def _log_loop_error(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    error = context.get("exception")
    log.error("event loop: %s", context.get("message", ""), exc_info=error)


def _close_on_sigint(loop: asyncio.AbstractEventLoop, close: Callable[[], None]) -> Any:
    """Ctrl+C in the terminal closes the window (and so shuts down in order)."""
    try:
        return signal.signal(signal.SIGINT, lambda *_: loop.call_soon_threadsafe(close))
    except ValueError:  # not the main thread
        log.debug("no SIGINT handler installed")
        return None
