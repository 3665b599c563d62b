"""`build_kiosk_window`: the kiosk shell with the same downloads as the window."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.downloads import DownloadOptions
from app.core.kiosk.options import KioskOptions
from app.core.settings import Settings
from app.ui.downloads import DownloadController
from app.ui.kiosk.drives import DriveSource, removable_drives
from app.ui.kiosk.window import KioskWindow
from app.ui.runtime import TaskRunner


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
