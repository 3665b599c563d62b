"""The view's work on each thumbnail (the grid's tile card) is done on the fetch thread that
decoded it, and the fetch threads start when an event opens, not at the first search."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

import app.core.thread_start as thread_start
import app.ui.widgets.photo_delegate as photo_delegate
from app.core.client import NinePicClient
from app.demo.server import DemoServer
from app.ui.models.photo_model import PhotoModel
from app.ui.runtime import TaskRunner
from app.ui.search_session import SearchSession
from app.ui.thumbnails import ThumbnailLoader
from app.ui.widgets.photo_grid import PhotoGrid
from app.ui.widgets.tile_art import photo_card
from tests.ui.conftest import WindowFactory, until
from tests.ui.test_thumbnails import FakeHost, _pairs


class RecordingFinisher:
    """A `Finisher` noting which thread each step ran on, and in what order."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, str]] = []
        self.adopted: list[int] = []
        self._lock = threading.Lock()

    def _note(self, step: str) -> None:
        with self._lock:
            self.steps.append((step, threading.current_thread().name))

    def capture(self) -> object:
        self._note("capture")
        return "look"

    def prepare(self, image: QImage, captured: object) -> object:
        self._note("prepare")
        return (captured, image.size())

    def adopt(self, pixmap: QPixmap, prepared: object) -> None:
        self._note("adopt")
        assert prepared == ("look", pixmap.size())
        self.adopted.append(pixmap.cacheKey())


def test_a_finisher_prepares_on_the_fetch_thread_and_adopts_before_delivery(
    loop: asyncio.AbstractEventLoop, qapp: QApplication
) -> None:
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(FakeHost().fetch, runner)
    finisher = RecordingFinisher()
    loader.set_finisher(finisher)
    delivered: list[int] = []
    loader.thumbnail_ready.connect(lambda _id, pixmap: delivered.append(pixmap.cacheKey()))
    loader.show(_pairs("f", 3))
    loop.run_until_complete(runner.wait_idle())
    gui = threading.main_thread().name
    steps = Counter(step for step, _t in finisher.steps)
    assert steps["prepare"] == 3 and steps["adopt"] == 3
    assert steps["capture"] >= 1  # when the fetches were handed out (the look then)
    assert {t for step, t in finisher.steps if step in ("capture", "adopt")} == {gui}
    assert all(t.startswith("thumb-fetch") for step, t in finisher.steps if step == "prepare")
    assert finisher.adopted == delivered  # adopted, then delivered: the same pixmaps

    finisher.steps.clear()
    loader.forget_wanted()
    loader.show(_pairs("f", 3))  # from the byte cache: decoded (and prepared) again
    loop.run_until_complete(runner.wait_idle())
    prepared = [t for step, t in finisher.steps if step == "prepare"]
    assert len(prepared) == 3 and gui not in prepared
    loader.close()


def test_a_card_made_on_another_thread_is_the_card_the_grid_would_make(
    qapp: QApplication,
) -> None:
    grid = PhotoGrid(PhotoModel())
    grid.resize(900, 600)
    grid.set_cell_size(150)
    finisher, delegate = grid.card_finisher, grid.delegate
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(0xFF3366AA)
    spec = finisher.capture()
    made: list[object] = []
    worker = threading.Thread(target=lambda: made.append(finisher.prepare(image, spec)))
    worker.start()
    worker.join(10)
    pixmap = QPixmap.fromImage(image)
    finisher.adopt(pixmap, made[0])
    assert len(delegate.cards()) == 1
    dpr, palette = grid.devicePixelRatioF(), grid.palette()
    delegate.prepare(pixmap, dpr, palette)  # what the grid does as a thumbnail arrives
    assert len(delegate.cards()) == 1, "the adopted card is the one the grid paints"
    here = photo_card(pixmap, delegate.tile_size(), dpr, palette, photo_delegate.Look())
    assert delegate.cards()[0].toImage() == here.toImage()

    stale = finisher.capture()
    grid.set_cell_size(220)  # the tiles changed while that thumbnail was on its way
    finisher.adopt(pixmap, finisher.prepare(image, stale))
    assert delegate.cards() == []

    stale = finisher.capture()
    dark = QPalette(grid.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    grid.setPalette(dark)  # the theme changed meanwhile
    finisher.adopt(pixmap, finisher.prepare(image, stale))
    assert delegate.cards() == []


class BrokenFinisher(RecordingFinisher):
    def prepare(self, image: QImage, captured: object) -> object:
        raise RuntimeError("a bug in the view's extra work")


def test_a_failing_finisher_costs_its_work_not_the_thumbnails(
    loop: asyncio.AbstractEventLoop, qapp: QApplication
) -> None:
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(FakeHost().fetch, runner)
    loader.set_finisher(BrokenFinisher())
    delivered: list[str] = []
    loader.thumbnail_ready.connect(lambda image_id, _pixmap: delivered.append(image_id))
    loader.show(_pairs("b", 3))
    loop.run_until_complete(asyncio.wait_for(loader.wait_screen_done(), 10))
    assert sorted(delivered) == ["b0", "b1", "b2"]
    loader.close()


def test_the_window_composes_no_card_on_the_gui_thread_for_a_page_or_the_strip(
    demo: DemoServer, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    composed_here: list[QSize] = []
    real = photo_delegate.photo_card

    def noting(photo: QPixmap, size: QSize, *args: object) -> QPixmap:
        if threading.current_thread() is threading.main_thread():
            composed_here.append(size)
        return real(photo, size, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(photo_delegate, "photo_card", noting)
    h = make_window(demo)
    h.type_search(demo.sample_bibs[0])
    h.run(h.controller.thumbnails.wait_screen_done())
    grid = h.window.grid
    assert h.controller.model.thumbnails_ready() == 32
    grid.viewport().repaint()
    assert len(grid.delegate.cards()) >= 32
    h.drain()  # the "you may be in these too" strip: its cards too
    strip = h.window.findChild(PhotoGrid, "nearbyStrip")
    strip_model = strip.model() if strip is not None else None
    assert isinstance(strip_model, PhotoModel) and strip_model.thumbnails_ready() > 0
    assert strip is not None and len(strip.delegate.cards()) >= strip_model.thumbnails_ready()
    assert composed_here == []


def test_fetch_threads_start_when_an_event_opens(
    demo: DemoServer, loop: asyncio.AbstractEventLoop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(thread_start, "HOLD_LIMIT_S", 10.0)  # a slow machine still makes it
    client = NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key)
    runner = TaskRunner(loop)
    session = SearchSession(client, runner, thumbnail_concurrency=6)
    loader = session.thumbnails
    assert not loader.threads_ready.is_set()
    before = {t.ident for t in threading.enumerate()}
    session.expect_images_from(None)  # an event is open, no cover to connect to
    loop.run_until_complete(until(loader.threads_ready.is_set))
    started = [t for t in threading.enumerate() if t.ident not in before]
    assert sum(t.name.startswith("thumb-fetch") for t in started) == 6
    assert loader.fetches_started == 0  # nothing fetched: threads only
    session.close()
    loop.run_until_complete(runner.shutdown())
    loop.run_until_complete(client.aclose())
