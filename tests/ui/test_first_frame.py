"""The window's first frame: on screen before the controller and what it needs have loaded,
typing works at once, and an Enter pressed before the controller is there is not lost."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.settings import Settings, read_settings, save_settings
from app.core.settings_peek import FirstFrame, peek_settings
from app.demo.server import DemoServer
from app.ui.app import build_window
from app.ui.main_window import MainWindow
from app.ui.runtime import TaskRunner
from tests.ui.conftest import DRAIN_TIMEOUT, until

HEAVY = (
    *("asyncio", "qasync", "pydantic", "httpx", "PIL", "uvicorn", "logging.handlers"),
    *("app.core.settings", "app.core.client", "app.core.logsafe", "app.demo.server"),
    *("app.ui.runtime", "app.ui.controller", "app.ui.app", "app.ui.shell", "app.ui.messages"),
    *("app.ui.preview_presenter", "app.ui.nearby_presenter", "app.ui.downloads"),
)
"""What the first frame draws without: each of these loads after it has been painted."""

PROBE = """
import gc, json, os, sys
from PySide6.QtCore import QTimer
import app.ui.main_window as main_window
HEAVY = {heavy!r}
seen = {{}}
_show = main_window.MainWindow.show
def show(self):
    _show(self)
    if "first" in seen:
        return
    def painted():  # the first event-loop turn after show(): the first frame is up
        seen["first"] = {{
            "loaded": sorted(m for m in HEAVY if m in sys.modules),
            "completed": self.completed,
            "visible": self.isVisible(),
            "focus": self.focusWidget() is self.search_bar.input,
            "automatic_collection": gc.isenabled(),
        }}
    def ready():
        seen["ready"] = {{
            "same_window": seen.get("window") is self,
            "loaded": sorted(m for m in HEAVY if m in sys.modules),
            "completed": self.completed,
        }}
        QTimer.singleShot(0, self.close)  # the window's end: main() returns
    seen["window"] = self
    QTimer.singleShot(0, painted)
    self.ready.connect(ready)
main_window.MainWindow.show = show
from app.cli import main
code = main([])
seen.pop("window")
seen["after"] = {{"code": code, "automatic_collection": gc.isenabled()}}
print(json.dumps(seen), flush=True)
os._exit(0)
"""


def test_the_first_frame_is_painted_before_the_heavy_modules_load(tmp_path: Path) -> None:
    """A real start (the demo, no flags) in a fresh interpreter: at the first frame none
    of the heavy modules is loaded; the same window then completes with them. No
    automatic garbage collection runs during the start; it is back once the window has
    closed (meanwhile the GUI thread's collector collects)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "PHOTO_RETRIEVER_CONFIG_DIR": str(tmp_path / "config"),
        "PHOTO_RETRIEVER_LOG_DIR": str(tmp_path / "logs"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["first"] == {
        **{"loaded": [], "completed": False, "visible": True, "focus": True},
        "automatic_collection": False,
    }
    ready = seen["ready"]
    assert ready["same_window"] is True and ready["completed"] is True
    assert {"asyncio", "qasync", "pydantic", "app.ui.controller"} <= set(ready["loaded"])
    assert seen["after"] == {"code": 0, "automatic_collection": True}


def _backend(server: DemoServer) -> BackendConfig:
    return BackendConfig(
        server.base_url,
        server.org_id,
        server.event_id,
        server.api_key,
        is_demo=True,
        sample_bibs=tuple(server.sample_bibs),
        failure_bib=server.failure_bib,
    )


def test_an_enter_before_the_controller_is_there_runs_its_search_once_ready(
    demo: DemoServer, loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    backend = _backend(demo)
    window = MainWindow(backend, thumbnail_size=200)
    qtbot.addWidget(window)
    window.show()
    window.search_bar.input.setFocus()
    assert not window.completed
    assert window.size_slider.value() == 200
    bib = demo.sample_bibs[0]
    qtbot.keyClicks(window.search_bar.input, "999")  # replaced: the latest Enter wins
    qtbot.keyClick(window.search_bar.input, Qt.Key.Key_Return)
    window.search_bar.input.clear()
    qtbot.keyClicks(window.search_bar.input, bib)
    qtbot.keyClick(window.search_bar.input, Qt.Key.Key_Return)
    assert window.search_bar.input.text() == bib  # typing worked without a controller

    client = NinePicClient(backend.api_url, org_id=backend.org_id, api_key=backend.api_key)
    runner = TaskRunner(loop)
    ready: list[bool] = []
    window.ready.connect(lambda: ready.append(True))
    window.complete(client, runner, settings=Settings(thumbnail_size=220))
    assert ready == [True] and window.completed
    assert window.size_slider.value() == 220  # the settings model has the last word
    searches: list[object] = []
    window.controller.search_started.connect(searches.append)
    window.start()

    async def found() -> None:
        await until(lambda: window.controller.model.rowCount() > 0)
        async with asyncio.timeout(DRAIN_TIMEOUT):
            await runner.wait_idle()

    try:
        loop.run_until_complete(found())
        assert window.controller.search is not None
        assert window.controller.search.identifier == bib
        assert len(searches) == 1  # the kept Enter ran once, the replaced one never
    finally:
        loop.run_until_complete(window.shutdown())
        loop.run_until_complete(client.aclose())


@pytest.mark.parametrize(
    "settings",
    [
        Settings(),
        Settings(thumbnail_size=64),
        Settings(thumbnail_size=512, backend="service", org_id=903),
        Settings(backend="service"),  # no organisation yet: the demo opens
        Settings(backend="demo", org_id=903, thumbnail_size=300),
    ],
)
def test_the_quick_reader_agrees_with_the_settings_model(
    settings: Settings, tmp_path: Path
) -> None:
    save_settings(settings, tmp_path)
    opens_demo = not (settings.backend == "service" and settings.org_id is not None)
    assert peek_settings(tmp_path) == FirstFrame(settings.thumbnail_size, opens_demo)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[1, 2]",
        '{"version": 99, "thumbnail_size": 300}',
        '{"thumbnail_size": 9000}',
        '{"thumbnail_size": "big"}',
        '{"thumbnail_size": true}',
        '{"backend": "service", "org_id": 0}',
    ],
)
def test_the_quick_reader_takes_the_defaults_for_what_it_cannot_use(
    text: str, tmp_path: Path
) -> None:
    (tmp_path / "settings.json").write_text(text)
    assert peek_settings(tmp_path) == FirstFrame()
    assert peek_settings(tmp_path / "missing") == FirstFrame()


@pytest.mark.parametrize(
    "text",
    [
        '{"version": 1, "thumbnail_size": "300"}',
        '{"version": "1", "thumbnail_size": 300.0}',
        '{"version": 1, "backend": "service", "org_id": 903.0, "api_url": "https://a.example"}',
        '{"version": 1, "backend": "service", "org_id": "903", "api_url": "https://a.example"}',
        '{"version": 1, "thumbnail_size": 250.5}',
    ],
)
def test_the_quick_reader_reads_numbers_as_the_model_does(text: str, tmp_path: Path) -> None:
    """Integral floats and digit strings: the model takes them, so the first frame does."""
    (tmp_path / "settings.json").write_text(text)
    model = read_settings(tmp_path).settings
    opens_demo = not (model.backend == "service" and model.org_id is not None)
    assert peek_settings(tmp_path) == FirstFrame(model.thumbnail_size, opens_demo)


@pytest.mark.parametrize("size", [63, 513])
def test_the_quick_reader_keeps_the_models_thumbnail_bounds(size: int, tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"version": 1, "thumbnail_size": size}))
    with pytest.raises(ValueError):
        Settings(thumbnail_size=size)
    assert peek_settings(tmp_path) == FirstFrame()


def test_a_frame_drawn_for_another_backend_is_redrawn_not_replaced(
    demo: DemoServer, loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    """A settings file the quick reader took for a service but the model refused opens
    the demo: the frame on screen is the window completed, with the demo's banner; a
    frame drawn for the demo and completed on an organiser's event loses that banner
    and gets the organiser's name instead."""
    backend = _backend(demo)
    organiser = dataclasses.replace(backend, is_demo=False, title="City Marathon Photos")
    client = NinePicClient(backend.api_url, org_id=backend.org_id, api_key=backend.api_key)
    service_frame = MainWindow(BackendConfig("", 0, None, is_demo=False))
    demo_frame = MainWindow(backend)
    pairs = [(service_frame, backend), (demo_frame, organiser)]
    for frame, _ in pairs:
        qtbot.addWidget(frame)
        frame.show()
    assert service_frame.demo_banner is None and demo_frame.demo_banner is not None
    windows = [
        build_window(
            target,
            client,
            TaskRunner(loop),
            settings=Settings(),
            with_downloads=False,
            frame=frame,
        )
        for frame, target in pairs
    ]
    try:
        assert windows == [service_frame, demo_frame]
        assert all(window.completed and window.isVisible() for window in windows)
        demo_banner = service_frame.demo_banner
        assert demo_banner is not None and demo_banner.isVisible()
        assert "demo" in service_frame.windowTitle().lower()
        assert demo_frame.demo_banner is None
        shown = [label.text() for label in demo_frame.findChildren(QLabel) if label.isVisible()]
        assert "City Marathon Photos" in shown
        assert "demo" not in demo_frame.windowTitle().lower()
    finally:
        for window in windows:
            loop.run_until_complete(window.shutdown())
        loop.run_until_complete(client.aclose())


def test_completing_the_frame_moves_nothing_on_screen(
    demo: DemoServer, loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    """What joins in `complete()` (time picker, nearby strip) is hidden until wanted: the
    first frame is laid out as the completed window is, before its event opens."""
    backend = _backend(demo)
    window = MainWindow(backend)
    qtbot.addWidget(window)
    window.resize(1180, 800)
    window.show()

    def places() -> dict[str, tuple[int, int, int, int]]:
        layout = window.centralWidget().layout()
        assert layout is not None
        layout.activate()  # laid out now, not on a later turn
        widgets = {
            "search": window.search_bar.input,
            "grid": window.grid,
            "previous": window.pager.previous_button,
            "next": window.pager.next_button,
            "selection": window.selection_bar,
            "slider": window.size_slider,
        }
        return {
            name: (
                *widget.mapTo(window, widget.rect().topLeft()).toTuple(),
                *widget.size().toTuple(),
            )
            for name, widget in widgets.items()
        }

    first = places()
    client = NinePicClient(backend.api_url, org_id=backend.org_id, api_key=backend.api_key)
    window.complete(client, TaskRunner(loop), settings=Settings())
    try:
        assert places() == first
    finally:
        loop.run_until_complete(window.shutdown())
        loop.run_until_complete(client.aclose())


def test_connect_asked_on_the_first_frame_is_kept_for_the_shell(
    demo: DemoServer, qtbot: QtBot
) -> None:
    """The banner's Connect, the menu item and Ctrl+, are live on the first frame, when
    nobody listens yet: the window remembers the request once, for the shell to act on."""
    window = MainWindow(_backend(demo))
    qtbot.addWidget(window)
    window.show()
    assert not window.completed
    assert not window.take_early_connect()
    window.connect_requested.emit()
    assert window.take_early_connect()
    assert not window.take_early_connect()  # asked once, acted on once
