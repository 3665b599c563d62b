"""Input given on the first frame, before the window is complete, is never lost: the
thumbnail size, a selfie chosen or dropped with its folder, and the text typed, also
when the settings file turns out to be one the model refuses.

Each test runs the app's own start in-process: `first_frame` draws the frame from what
the quick reader sees, the user acts on it, then the shell completes it with the
settings the model read (as `run_gui` does), on the real stand-in server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.credentials import KeyStore
from app.core.settings import SETTINGS_FILE, read_settings
from app.demo.samples import sample_selfie_path
from app.demo.server import DemoServer
from app.ui.app import initial_backend, make_shell
from app.ui.main_window import MainWindow
from app.ui.shell import AppShell
from app.ui.start import first_frame
from tests.ui.conftest import DRAIN_TIMEOUT, FAST_RETRIES, StandinBackends, until


@pytest.fixture(autouse=True)
def _keep_running(qapp: QApplication) -> Iterator[None]:
    before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(before)


class Start:
    """The staged start: a first frame now, the shell completing it on `complete()`."""

    def __init__(self, loop: asyncio.AbstractEventLoop, demo: DemoServer, qtbot: QtBot) -> None:
        self.loop = loop
        self.demo = demo
        self.provider = StandinBackends(demo)
        self.frame = first_frame(self.provider)
        self.frame.show()
        self.frame.search_bar.input.setFocus()
        self.shell: AppShell | None = None

    def complete(self) -> MainWindow:
        loaded = read_settings()
        keys = KeyStore({})
        self.shell = make_shell(
            self.provider, keys, self.loop, loaded, retry_policy=FAST_RETRIES, frame=self.frame
        )
        backend = initial_backend(self.provider, loaded.settings, keys)
        window = self.shell.open(backend, loaded.settings)
        self.drain()
        return window

    @property
    def window(self) -> MainWindow:
        assert self.shell is not None and self.shell.window is not None
        return self.shell.window

    def drain(self) -> None:
        async def idle() -> None:
            async with asyncio.timeout(DRAIN_TIMEOUT):
                await self.window.runner.wait_idle()
                await self.window.saver.flush()

        self.loop.run_until_complete(idle())

    def close(self) -> None:
        windows = [self.frame]
        if self.shell is not None:
            windows.append(self.shell.window)
            self.loop.run_until_complete(self.shell.shutdown())
        for window in windows:
            if window is not None and shiboken6.isValid(window):
                window.close()
                window.deleteLater()


@pytest.fixture
def start(loop: asyncio.AbstractEventLoop, fresh_demo: DemoServer, qtbot: QtBot) -> Iterator[Start]:
    staged = Start(loop, fresh_demo, qtbot)
    yield staged
    staged.close()


def _drop(widget: MainWindow, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    try:  # Qt 6 takes a QPoint here; some PySide6 releases want a QPointF
        enter = QDragEnterEvent(QPoint(20, 20), *args)
    except TypeError:
        enter = QDragEnterEvent(QPointF(20, 20), *args)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(20, 20), *args)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_a_thumbnail_size_set_on_the_first_frame_stays_and_is_saved(start: Start) -> None:
    slider = start.frame.size_slider
    assert slider.value() == 180  # the quick reader's default: no settings file yet
    slider.setValue(300)
    assert start.frame.grid.delegate.cell == 300
    window = start.complete()
    assert window is start.frame
    assert window.size_slider.value() == 300 and window.grid.delegate.cell == 300
    assert window.settings.thumbnail_size == 300
    assert read_settings().settings.thumbnail_size == 300


def test_the_remembered_size_is_kept_when_the_first_frame_left_it_alone(
    loop: asyncio.AbstractEventLoop, fresh_demo: DemoServer, qtbot: QtBot, _config_dir: Path
) -> None:
    _config_dir.mkdir(parents=True, exist_ok=True)
    (_config_dir / SETTINGS_FILE).write_text(json.dumps({"version": 1, "thumbnail_size": 240}))
    staged = Start(loop, fresh_demo, qtbot)
    try:
        assert staged.frame.size_slider.value() == 240
        window = staged.complete()
        assert window.size_slider.value() == 240 and window.settings.thumbnail_size == 240
        assert not window.saver.pending  # nothing changed: nothing to write
    finally:
        staged.close()


def test_a_selfie_chosen_on_the_first_frame_is_searched_shown_and_its_folder_saved(
    start: Start, tmp_path: Path
) -> None:
    folder = tmp_path / "selfies"
    folder.mkdir()
    photo = folder / "me.jpg"
    photo.write_bytes(sample_selfie_path(start.demo.sample_bibs[0]).read_bytes())
    bar = start.frame.search_bar
    bar.choose_photo()
    dialog = bar.photo_dialog
    assert dialog is not None
    dialog.fileSelected.emit(str(photo))  # what the dialog says when a file is picked
    dialog.close()
    window = start.complete()
    assert window.search_bar.photo_folder == str(folder)
    assert window.settings.selfie_folder == str(folder)
    assert read_settings().settings.selfie_folder == str(folder)
    start.loop.run_until_complete(until(lambda: window.search_bar.selfie_thumb.has_photo))
    start.loop.run_until_complete(until(lambda: window.controller.model.rowCount() > 0))
    assert start.demo.stats.api_calls.get("faces_post") == 1


def test_a_selfie_dropped_on_the_first_frame_is_taken_and_searched(start: Start) -> None:
    assert not start.frame.completed
    assert _drop(start.frame, sample_selfie_path(start.demo.sample_bibs[0]))
    assert start.frame.search_bar.input.text().endswith(".jpg")
    window = start.complete()
    start.loop.run_until_complete(until(lambda: window.controller.model.rowCount() > 0))
    start.drain()
    assert start.demo.stats.api_calls.get("faces_post") == 1


@pytest.mark.parametrize(
    "extra",
    [
        {"unknown_key": 1},  # the model forbids keys it does not know
        {"api_url": "http://photos.example"},  # plain HTTP is only for loopback
    ],
)
def test_a_settings_file_the_model_refuses_keeps_the_frame_and_what_was_typed(
    extra: dict[str, object],
    loop: asyncio.AbstractEventLoop,
    fresh_demo: DemoServer,
    qtbot: QtBot,
    _config_dir: Path,
) -> None:
    """The quick reader takes the file for a service, the model refuses it and the demo
    opens: the same window gets the demo's banner, the typing goes on where it was."""
    _config_dir.mkdir(parents=True, exist_ok=True)
    data = {"version": 1, "backend": "service", "org_id": 903, "api_url": "https://a.example"}
    (_config_dir / SETTINGS_FILE).write_text(json.dumps({**data, **extra}))
    staged = Start(loop, fresh_demo, qtbot)
    try:
        frame = staged.frame
        assert frame.demo_banner is None  # drawn as the service the reader saw
        qtbot.keyClicks(frame.search_bar.input, "1488")
        qtbot.keyClick(frame.search_bar.input, Qt.Key.Key_Left)
        assert frame.search_bar.input.cursorPosition() == 3
        window = staged.complete()
        assert window is frame and window.isVisible()
        assert window.backend.is_demo and window.demo_banner is not None
        assert window.demo_banner.isVisibleTo(window)
        assert window.search_bar.input.text() == "1488"
        assert window.search_bar.input.cursorPosition() == 3
        assert window.focusWidget() is window.search_bar.input
        assert "demo" in window.windowTitle().lower()
    finally:
        staged.close()
