"""Thumbnails are fetched on worker threads: the GUI thread only makes pixmaps."""

from __future__ import annotations

import asyncio
import threading

from app.core.client import NinePicClient
from app.core.image_fetch import ImageFetcher
from app.demo.server import DemoServer
from app.ui.messages import Action
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec
from app.ui.search_session import SearchSession


class RecordingFetcher(ImageFetcher):
    """The real fetcher, noting the thread each fetch (and each early connect) ran on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []
        self.connects: list[tuple[threading.Thread, str]] = []
        self._lock = threading.Lock()

    def fetch(self, url: str, max_bytes: int) -> bytes:
        with self._lock:
            self.threads.append(threading.current_thread())
        return super().fetch(url, max_bytes)

    def connect(self, url: str) -> bool:
        with self._lock:
            self.connects.append((threading.current_thread(), url))
        return super().connect(url)


def test_a_page_of_thumbnails_is_fetched_off_the_gui_thread(
    demo: DemoServer, loop: asyncio.AbstractEventLoop
) -> None:
    client = NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key)
    runner = TaskRunner(loop)
    fetcher = RecordingFetcher()
    session = SearchSession(client, runner, thumbnail_concurrency=4, image_fetcher=fetcher)
    shown = asyncio.Event()
    session.page_shown.connect(lambda _view: shown.set())
    bib = demo.sample_bibs[0]  # 40 photos: a full first page of 32
    session.begin(SearchSpec(demo.event_id, SearchMode.BIB, bib))
    session.load_first_page(Action.SEARCH_BIB)

    async def until_painted() -> None:
        await shown.wait()
        await session.thumbnails.wait_screen_done()

    try:
        loop.run_until_complete(asyncio.wait_for(until_painted(), 20))
        assert session.model.thumbnails_ready() == session.model.rowCount() == 32
        gui = threading.current_thread()
        assert len(fetcher.threads) >= 32
        assert gui not in fetcher.threads
        assert {t.name.split("_")[0] for t in fetcher.threads} == {"thumb-fetch"}
        assert len(set(fetcher.threads)) <= 4  # bounded by the concurrency
    finally:
        session.close()
        loop.run_until_complete(runner.shutdown())
        loop.run_until_complete(client.aclose())


def test_fetch_threads_connect_while_the_search_is_asked(
    demo: DemoServer, loop: asyncio.AbstractEventLoop
) -> None:
    """The handshakes overlap the search call: to the event cover's host before any page
    was seen, then to the host the last page's thumbnails came from."""
    client = NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key)
    runner = TaskRunner(loop)
    fetcher = RecordingFetcher()
    session = SearchSession(client, runner, thumbnail_concurrency=4, image_fetcher=fetcher)
    shown = asyncio.Event()
    session.page_shown.connect(lambda _view: shown.set())
    cover = f"{demo.base_url}/imgs/{demo.event_id}/cover.jpg"

    async def search(bib: str) -> None:
        shown.clear()
        session.begin(SearchSpec(demo.event_id, SearchMode.BIB, bib))
        session.load_first_page(Action.SEARCH_BIB)
        await shown.wait()
        await session.thumbnails.wait_screen_done()

    try:
        session.expect_images_from(cover)
        loop.run_until_complete(asyncio.wait_for(search(demo.sample_bibs[0]), 20))
        assert [url for _t, url in fetcher.connects] == [cover] * 4
        assert {t.name.split("_")[0] for t, _url in fetcher.connects} == {"thumb-fetch"}
        assert session.model.thumbnails_ready() == 32
        fetcher.connects.clear()
        session.expect_images_from(cover)  # a hint never overrides what a page showed
        loop.run_until_complete(asyncio.wait_for(search(demo.sample_bibs[1]), 20))
        first = session.model.item(0)
        assert first is not None
        thumbnail_host = first.thumbnail_url.split("/imgs/")[0]
        assert len(fetcher.connects) == 4
        assert all(url.startswith(thumbnail_host + "/imgs/") for _t, url in fetcher.connects)
        assert all(url != cover for _t, url in fetcher.connects)
    finally:
        session.close()
        loop.run_until_complete(runner.shutdown())
        loop.run_until_complete(client.aclose())


def test_no_hint_no_early_connect(demo: DemoServer, loop: asyncio.AbstractEventLoop) -> None:
    client = NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key)
    runner = TaskRunner(loop)
    fetcher = RecordingFetcher()
    session = SearchSession(client, runner, thumbnail_concurrency=4, image_fetcher=fetcher)
    shown = asyncio.Event()
    session.page_shown.connect(lambda _view: shown.set())
    try:
        session.begin(SearchSpec(demo.event_id, SearchMode.BIB, demo.sample_bibs[0]))
        session.load_first_page(Action.SEARCH_BIB)
        loop.run_until_complete(asyncio.wait_for(shown.wait(), 20))
        assert fetcher.connects == []
    finally:
        session.close()
        loop.run_until_complete(runner.shutdown())
        loop.run_until_complete(client.aclose())
