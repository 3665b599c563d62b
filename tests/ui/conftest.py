"""UI test fixtures: a qasync loop per test, the real stand-in server, a window harness.

Async work is driven from the outside with `loop.run_until_complete(...)`; nothing here
waits for Qt signals from inside a coroutine (a nested loop would deadlock).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.downloads import DownloadOptions, TransferPolicy
from app.core.retry import RetryPolicy
from app.core.settings import Settings
from app.demo.server import DemoServer
from app.ui.app import build_window
from app.ui.downloads import DownloadController
from app.ui.gc_guard import GuiThreadCollector
from app.ui.main_window import MainWindow
from app.ui.runtime import TaskRunner, new_event_loop
from app.ui.search import SearchMode
from app.ui.translations import install_translator
from tests.standin import reset_knobs

DRAIN_TIMEOUT = 20.0


class StandinBackends:
    """A `BackendProvider` on a stand-in the test already runs (nothing to start or stop)."""

    def __init__(self, server: DemoServer) -> None:
        self.server = server
        self.demo_calls = 0

    def demo(self, event_id: int | None = None) -> BackendConfig:
        self.demo_calls += 1
        server = self.server
        return BackendConfig(
            server.base_url,
            server.org_id,
            event_id if event_id is not None else server.event_id,
            server.api_key,
            is_demo=True,
            sample_bibs=tuple(server.sample_bibs),
        )

    def service(
        self, api_url: str, org_id: int, event_id: int | None, api_key: str | None
    ) -> BackendConfig:
        return BackendConfig(api_url, org_id, event_id, api_key, is_demo=False)


_HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform warns that it cannot size top-level windows; that is expected."""
    for item in items:
        if _HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


FAST_RETRIES = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05, max_total=10.0)


async def _no_wait(_delay: float) -> None:
    await asyncio.sleep(0)


FAST_DOWNLOADS = DownloadOptions(
    parallel=3,
    split_first=False,  # the tests count each photo's requests (the split has its own)
    transfer=TransferPolicy(
        max_attempts=3, backoff=RetryPolicy(base_delay=0.01, max_delay=0.05), max_retry_after_s=1
    ),
    sleep=_no_wait,
)


@pytest.fixture(scope="session")
def shared_demo() -> Iterator[DemoServer]:
    """One stand-in for the UI suite; tests take it through `demo` or `fresh_demo`."""
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    """The shared stand-in with every knob as it started (no faults, links that last)."""
    return reset_knobs(shared_demo, stats=False)


@pytest.fixture
def fresh_demo(demo: DemoServer) -> DemoServer:
    """The shared stand-in with its counters zeroed and every knob as it started."""
    return reset_knobs(demo)


@pytest.fixture(autouse=True)
def _config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("PHOTO_RETRIEVER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(scope="session", autouse=True)
def _translator(qapp: QApplication) -> None:
    """As in the app: the English `.qm` gives the `%n` strings their plural forms."""
    assert install_translator(qapp) is not None


@pytest.fixture(autouse=True)
def _collect_on_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the app (`app.ui.gc_guard`): cyclic garbage is collected on the GUI thread
    only, and this test's leftovers are freed here, not on a later test's worker thread
    (where Qt would destroy them on the wrong thread and could crash)."""
    collector = GuiThreadCollector()
    collector.start()
    yield
    collector.stop()
    gc.collect()


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    event_loop = new_event_loop(qapp)
    asyncio.set_event_loop(event_loop)
    try:
        yield event_loop
    finally:
        event_loop.close()
        asyncio.set_event_loop(None)
        del event_loop


async def until(check: Callable[[], bool]) -> None:
    """Inside a scenario coroutine: wait until `check()` holds (a poll, not a nested loop).

    Keep every step of a scenario whose work must not be interrupted (a running download)
    inside one `run_until_complete`: when qasync stops its loop it processes the pending
    Qt events once more with no running asyncio loop, and a task stepped there breaks.
    """
    async with asyncio.timeout(DRAIN_TIMEOUT):
        while not check():  # noqa: ASYNC110 - polling plain state, nothing to await
            await asyncio.sleep(0.005)


@dataclass
class Harness:
    """A real window on a real stand-in, plus helpers that drive the loop from outside."""

    window: MainWindow
    loop: asyncio.AbstractEventLoop
    client: NinePicClient
    qtbot: QtBot
    messages: list[Any] = field(default_factory=list)
    closed: bool = False

    @property
    def controller(self) -> Any:
        return self.window.controller

    @property
    def downloads(self) -> DownloadController:
        assert self.window.downloads is not None, "make_window(..., downloads=folder)"
        return self.window.downloads

    def drain(self, timeout: float = DRAIN_TIMEOUT) -> None:
        async def idle() -> None:
            async with asyncio.timeout(timeout):
                await self.window.runner.wait_idle()

        self.loop.run_until_complete(idle())

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)

    def type_search(self, text: str, mode: SearchMode = SearchMode.BIB) -> None:
        bar = self.window.search_bar
        bar.set_mode(mode)
        bar.input.setFocus()
        bar.input.clear()
        self.qtbot.keyClicks(bar.input, text)
        self.qtbot.keyClick(bar.input, Qt.Key.Key_Return)
        self.drain()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.run(self.window.shutdown())
        self.run(self.client.aclose())
        self.window.close()
        self.window.deleteLater()


WindowFactory = Callable[..., Harness]
WINDOW_SIZE = (960, 800)


@pytest.fixture
def make_window(loop: asyncio.AbstractEventLoop, qtbot: QtBot) -> Iterator[WindowFactory]:
    made: list[Harness] = []

    def make(
        server: DemoServer,
        *,
        event_id: int | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
        settings: Settings | None = None,
        start: bool = True,
        show: bool = True,
        downloads: Path | None = None,
        is_demo: bool = True,
    ) -> Harness:
        """`downloads`: attach the download controller and panel, saving into this folder;
        `is_demo=False`: the stand-in plays a real service (as from flags or a profile)."""
        backend = BackendConfig(
            base_url or server.base_url,
            server.org_id,
            event_id if event_id is not None else server.event_id,
            api_key if api_key is not None else server.api_key,
            is_demo=is_demo,
            sample_bibs=tuple(server.sample_bibs),
            failure_bib=server.failure_bib,
        )
        client = NinePicClient(
            backend.api_url,
            org_id=backend.org_id,
            api_key=backend.api_key,
            retry_policy=FAST_RETRIES,
            sleep=_no_wait,
        )
        runner = TaskRunner(loop)
        window = build_window(
            backend,
            client,
            runner,
            settings=settings or Settings(),
            with_downloads=downloads is not None,
            downloads_folder=downloads,
            download_options=FAST_DOWNLOADS,
        )
        harness = Harness(window, loop, client, qtbot)
        window.controller.message.connect(harness.messages.append)
        made.append(harness)
        # One size for every test (the window's own pick depends on the screen and
        # on its minimum width): 4 columns of tiles, 32 photos a page.
        window.resize(*WINDOW_SIZE)
        if show:
            window.show()
        if start:
            window.start()
            harness.drain()
        return harness

    yield make
    for harness in made:
        harness.close()
    loop.run_until_complete(asyncio.sleep(0))
