"""Switching backends without a restart, the first run, the next run, a refused settings file."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.credentials import KeyStore
from app.core.settings import SETTINGS_FILE, Settings, read_settings, save_settings
from app.demo.server import DemoServer
from app.ui.app import initial_backend, make_shell
from app.ui.main_window import MainWindow
from app.ui.shell import AppShell
from tests.ui.conftest import DRAIN_TIMEOUT, FAST_RETRIES, StandinBackends, WindowFactory


@pytest.fixture(autouse=True)
def _keep_running(qapp: QApplication) -> Iterator[None]:
    before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(before)


class ShellHarness:
    def __init__(self, loop: asyncio.AbstractEventLoop, demo: DemoServer, config: Path) -> None:
        self.loop = loop
        self.provider = StandinBackends(demo)
        self.keys = KeyStore({})
        self.loaded = read_settings(config)
        self.shell: AppShell = make_shell(
            self.provider,
            self.keys,
            loop,
            self.loaded,
            log_folder=config / "logs",
            retry_policy=FAST_RETRIES,
        )

    @property
    def window(self) -> MainWindow:
        assert self.shell.window is not None
        return self.shell.window

    def start(self) -> MainWindow:
        backend = initial_backend(self.provider, self.loaded.settings, self.keys)
        window = self.shell.open(backend, self.loaded.settings)
        self.drain()
        return window

    def drain(self) -> None:
        async def idle() -> None:
            async with asyncio.timeout(DRAIN_TIMEOUT):
                await self.shell.tasks.wait_idle()
                if self.shell.window is not None:
                    await self.shell.window.runner.wait_idle()
                    await self.shell.window.saver.flush()

        self.loop.run_until_complete(idle())

    def close(self) -> None:
        window = self.shell.window
        self.loop.run_until_complete(self.shell.shutdown())
        if window is not None:
            window.close()
            window.deleteLater()


@pytest.fixture
def shell(
    loop: asyncio.AbstractEventLoop, demo: DemoServer, _config_dir: Path
) -> Iterator[ShellHarness]:
    made = ShellHarness(loop, demo, _config_dir)
    yield made
    made.close()


def test_connect_switches_the_window_to_the_service_and_the_next_run_opens_it(
    shell: ShellHarness,
    demo: DemoServer,
    qtbot: QtBot,
    loop: asyncio.AbstractEventLoop,
    _config_dir: Path,
) -> None:
    first = shell.start()
    assert first.backend.is_demo
    assert shell.shell.dialog is None, "the first run asks for nothing"
    assert first.demo_banner is not None
    qtbot.mouseClick(first.demo_banner.connect_button, Qt.MouseButton.LeftButton)
    dialog = shell.shell.dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.form
    form.service_button.setChecked(True)
    form.url.setText(demo.base_url)
    form.org.setText(str(demo.org_id))
    form.key.setText(demo.api_key)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    shell.drain()  # the test, then the switch
    assert shell.shell.dialog is None
    window = shell.window
    assert window is not first and not shiboken6.isValid(first)  # put away and deleted
    assert not window.backend.is_demo and window.demo_banner is None
    assert window.controller.details is not None
    assert window.controller.event_id in {item.event_id for item in window.controller.event_list}
    assert window.isVisible()

    saved = json.loads((_config_dir / SETTINGS_FILE).read_text())
    assert saved["backend"] == "service" and saved["org_id"] == demo.org_id
    assert saved["last_event_id"] == window.controller.event_id
    assert demo.api_key not in (_config_dir / SETTINGS_FILE).read_text()

    # The next run: it opens on that event; no keychain kept the key, so the service's 401
    # (not a guess made up front: a relay needs no key) opens the dialog to ask for one.
    again = ShellHarness(loop, demo, _config_dir)
    try:
        reopened = again.start()
        assert not reopened.backend.is_demo
        assert reopened.backend.event_id == window.controller.event_id
        assert again.shell.dialog is not None and again.shell.dialog.isVisible()
    finally:
        again.close()


def test_switching_back_to_the_demo(shell: ShellHarness, qtbot: QtBot) -> None:
    first = shell.start()
    dialog = shell.shell.open_connect()
    dialog.form.thumbnail_size.setValue(240)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    shell.drain()
    window = shell.window
    assert window is not first and window.backend.is_demo
    assert window.size_slider.value() == 240 and window.settings.thumbnail_size == 240


def test_a_newer_settings_file_is_reported_and_never_written_over(
    loop: asyncio.AbstractEventLoop, demo: DemoServer, _config_dir: Path
) -> None:
    _config_dir.mkdir(parents=True, exist_ok=True)
    path = _config_dir / SETTINGS_FILE
    text = json.dumps({"version": 99, "theme": "from the future"})
    path.write_text(text)
    made = ShellHarness(loop, demo, _config_dir)
    try:
        window = made.start()
        assert "newer version" in window.message_bar.text
        assert str(path) in window.message_bar.text
        window.size_slider.setValue(300)  # a change that would normally be saved
        made.drain()
        assert window.settings.thumbnail_size == 300  # used in memory, not saved
        assert path.read_text() == text
    finally:
        made.close()


def test_a_window_from_flags_keeps_the_remembered_event_of_another_service(
    fresh_demo: DemoServer, make_window: WindowFactory, _config_dir: Path
) -> None:
    """A window opened with --api-url/--org (or a profile) on another service than the one
    the settings remember must not write its event next to that service's address."""
    remembered = Settings(
        backend="service", api_url="https://api.9pic.ai", org_id=903, last_event_id=77
    )
    save_settings(remembered, _config_dir)
    h = make_window(fresh_demo, settings=remembered, is_demo=False)
    assert h.controller.details is not None
    h.close()
    saved = read_settings(_config_dir).settings
    assert (saved.api_url, saved.org_id, saved.last_event_id) == ("https://api.9pic.ai", 903, 77)


def test_the_dialog_opens_on_the_service_a_profile_opened(
    shell: ShellHarness, demo: DemoServer
) -> None:
    """The settings remember the demo; the window came from a profile's service: the
    dialog shows that service, so pressing Connect does not fall back to the demo."""
    backend = shell.provider.service(demo.base_url, demo.org_id, demo.event_id, demo.api_key)
    shell.shell.open(backend, shell.loaded.settings)
    shell.drain()
    form = shell.shell.open_connect().form
    assert form.service_button.isChecked()
    assert (form.url.text(), form.org.text()) == (demo.base_url, str(demo.org_id))
