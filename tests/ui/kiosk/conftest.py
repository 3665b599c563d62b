"""Kiosk fixtures: the real kiosk shell on the real stand-in, with short idle times."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.kiosk.options import KioskOptions
from app.core.kiosk.pin import hash_pin
from app.core.settings import Settings
from app.demo.server import DemoServer
from app.ui.downloads import DownloadController
from app.ui.kiosk.drives import Target
from app.ui.kiosk.launch import build_kiosk_window
from app.ui.kiosk.window import KioskWindow
from app.ui.runtime import TaskRunner
from tests.ui.conftest import DRAIN_TIMEOUT, FAST_DOWNLOADS, FAST_RETRIES, _no_wait, until

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The kiosk raises its window; the offscreen platform says it cannot, as expected."""
    for item in items:
        if _HERE in Path(str(item.fspath)).parents:
            item.add_marker(
                pytest.mark.qt_log_ignore("does not support (raise|propagateSizeHints)")
            )


PIN = "2468"
QUIET = KioskOptions(idle_seconds=600, phone_host="127.0.0.1")
"""No idle reset during a test unless it asks for one."""


@dataclass
class Kiosk:
    window: KioskWindow
    loop: asyncio.AbstractEventLoop
    client: NinePicClient
    qtbot: QtBot
    temp_root: Path
    closed: bool = False

    @property
    def controller(self) -> Any:
        return self.window.controller

    @property
    def downloads(self) -> DownloadController:
        assert self.window.downloads is not None
        return self.window.downloads

    def button(self, name: str) -> QPushButton:
        found = self.window.findChild(QPushButton, name)
        assert found is not None, name
        return found

    def tap(self, name: str) -> None:
        button = self.button(name)
        assert button.isVisible() and button.isEnabled(), name
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def drain(self, timeout: float = DRAIN_TIMEOUT) -> None:
        async def idle() -> None:
            async with asyncio.timeout(timeout):
                await self.window.runner.wait_idle()

        self.loop.run_until_complete(idle())

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    def wait_for(self, check: Callable[[], bool]) -> None:
        self.run(until(check))

    def search_bib(self, bib: str) -> None:
        for key in bib.upper():
            if not key.isdigit() and not self.button(f"keypadKey{key}").isVisible():
                self.tap("keypadLetters")
            elif key.isdigit() and not self.button(f"keypadKey{key}").isVisible():
                self.tap("keypadDigits")
            self.tap(f"keypadKey{key}")
        self.tap("keypadSearch")
        self.drain()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.run(self.window.shutdown())
        self.run(self.client.aclose())
        self.window.leave()
        self.window.deleteLater()


KioskFactory = Callable[..., Kiosk]


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_kiosk(
    loop: asyncio.AbstractEventLoop, qtbot: QtBot, tmp_path: Path
) -> Iterator[KioskFactory]:
    made: list[Kiosk] = []

    def make(
        server: DemoServer,
        *,
        options: KioskOptions = QUIET,
        drives: list[Target] | None = None,
        pin: str | None = PIN,
        clock: Callable[[], float] = time.monotonic,
    ) -> Kiosk:
        backend = BackendConfig(
            server.base_url,
            server.org_id,
            server.event_id,
            server.api_key,
            is_demo=True,
            sample_bibs=tuple(server.sample_bibs),
        )
        client = NinePicClient(
            backend.api_url,
            org_id=backend.org_id,
            api_key=backend.api_key,
            retry_policy=FAST_RETRIES,
            sleep=_no_wait,
        )
        settings = Settings(kiosk_pin_hash=hash_pin(pin, n=2**10) if pin else None)
        temp_root = tmp_path / f"kiosk-temp-{len(made)}"
        window = build_kiosk_window(
            backend,
            client,
            TaskRunner(loop),
            settings=settings,
            options=options,
            drives=lambda: list(drives or []),
            temp_root=temp_root,
            download_options=FAST_DOWNLOADS,
            idle_clock=clock,
        )
        kiosk = Kiosk(window, loop, client, qtbot, temp_root)
        made.append(kiosk)
        window.resize(1280, 800)
        window.start()
        kiosk.drain()
        return kiosk

    yield make
    for kiosk in made:
        kiosk.close()
    loop.run_until_complete(asyncio.sleep(0))
