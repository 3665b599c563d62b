"""`run_gui` end to end: opens on the backend, shuts down in order when the window closes."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Awaitable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from app.demo.server import DemoServer
from app.ui.app import run_gui
from app.ui.main_window import MainWindow
from app.ui.widgets.style import FocusRingStyle
from tests.ui.conftest import StandinBackends


def test_run_gui_opens_the_demo_event_and_closes_cleanly(demo: DemoServer, qapp) -> None:
    """The first run (no settings file): the demo event, with the Connect button in view."""
    seen: dict[str, object] = {}
    hook, sigint = sys.excepthook, signal.getsignal(signal.SIGINT)

    def close_when_ready(tries: int = 200) -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        ready = [w for w in windows if w.isVisible() and w.controller.details is not None]
        if ready:
            window = ready[0]
            seen["title"] = window.windowTitle()
            seen["banner"] = window.demo_banner is not None and window.demo_banner.isVisible()
            button = window.findChild(QPushButton, "demoBannerConnect")
            seen["connect"] = button is not None and button.isVisible()
            seen["focus_ring"] = isinstance(QApplication.style(), FocusRingStyle)
            window.close()
        elif tries:
            QTimer.singleShot(50, lambda: close_when_ready(tries - 1))

    QTimer.singleShot(50, close_when_ready)
    assert run_gui(StandinBackends(demo)) == 0
    assert seen["title"] == "Race Photo Retriever — Demo City Marathon 2026 (demo)"
    assert seen["banner"] is True
    assert seen["connect"] is True
    assert seen["focus_ring"] is True
    assert sys.excepthook is hook and signal.getsignal(signal.SIGINT) is sigint


def test_the_window_shows_before_its_client_and_downloads_are_made(demo: DemoServer, qapp) -> None:
    """The app's start: the client (httpx, the wire models) is made on the first call and
    the downloads (the engine) are attached once the window has painted."""
    seen: dict[str, object] = {}

    async def drive(window: MainWindow) -> int:
        opened = asyncio.Event()
        window.controller.events.event_changed.connect(lambda d: d is not None and opened.set())
        if window.controller.details is None:
            await opened.wait()
        seen["downloads_later"] = window.downloads is not None
        seen["client_later"] = window.controller.client.made  # type: ignore[attr-defined]
        window.close()
        return 0

    def driver(window: MainWindow) -> Awaitable[int]:  # called the moment it is shown
        seen["visible"] = window.isVisible()
        seen["downloads_at_show"] = window.downloads is not None
        seen["client_at_show"] = window.controller.client.made  # type: ignore[attr-defined]
        return drive(window)

    assert run_gui(StandinBackends(demo), driver=driver) == 0
    assert seen == {
        "visible": True,
        "downloads_at_show": False,
        "client_at_show": False,
        "downloads_later": True,
        "client_later": True,
    }
