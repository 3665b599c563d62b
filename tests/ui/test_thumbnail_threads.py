"""Thumbnails are fetched on worker threads: the GUI thread only makes pixmaps; the fetch
threads connect while the search is asked."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from app.core.client import NinePicClient
from app.core.image_fetch import ImageFetcher
from app.demo.server import DemoServer
from app.ui.fetch_queue import FEWEST_TAKERS
from app.ui.messages import Action
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec
from app.ui.search_session import SearchSession

CONCURRENCY = 4


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


@dataclass
class Searching:
    """A `SearchSession` on the stand-in with a recording fetcher; `search` waits until the
    first page and its thumbnails are in."""

    demo: DemoServer
    session: SearchSession
    fetcher: RecordingFetcher
    loop: asyncio.AbstractEventLoop

    def search(self, bib: str, *, thumbnails: bool = True) -> None:
        shown = asyncio.Event()
        self.session.page_shown.connect(lambda _view: shown.set())

        async def until_in() -> None:
            await shown.wait()
            if thumbnails:
                await self.session.thumbnails.wait_screen_done()

        self.session.begin(SearchSpec(self.demo.event_id, SearchMode.BIB, bib))
        self.session.load_first_page(Action.SEARCH_BIB)
        self.loop.run_until_complete(asyncio.wait_for(until_in(), 20))


@pytest.fixture
def searching(demo: DemoServer, loop: asyncio.AbstractEventLoop) -> Iterator[Searching]:
    client = NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key)
    runner = TaskRunner(loop)
    fetcher = RecordingFetcher()
    session = SearchSession(
        client, runner, thumbnail_concurrency=CONCURRENCY, image_fetcher=fetcher
    )
    try:
        yield Searching(demo, session, fetcher, loop)
    finally:
        session.close()
        loop.run_until_complete(runner.shutdown())
        loop.run_until_complete(client.aclose())


def test_a_page_of_thumbnails_is_fetched_off_the_gui_thread(searching: Searching) -> None:
    searching.search(searching.demo.sample_bibs[0])  # 40 photos: a full first page of 32
    model, fetcher = searching.session.model, searching.fetcher
    assert model.thumbnails_ready() == model.rowCount() == 32
    assert len(fetcher.threads) >= 32
    assert threading.current_thread() not in fetcher.threads
    assert {t.name.split("_")[0] for t in fetcher.threads} == {"thumb-fetch"}
    assert len(set(fetcher.threads)) <= CONCURRENCY  # bounded by the concurrency


def test_fetch_threads_connect_while_the_search_is_asked(searching: Searching) -> None:
    """The handshakes overlap the search call: to the event cover's host before any page
    was seen, then to the host the last page's thumbnails came from."""
    demo, session, fetcher = searching.demo, searching.session, searching.fetcher
    cover = f"{demo.base_url}/imgs/{demo.event_id}/cover.jpg"
    session.expect_images_from(cover)
    searching.search(demo.sample_bibs[0])
    assert [url for _t, url in fetcher.connects] == [cover] * CONCURRENCY
    assert {t.name.split("_")[0] for t, _url in fetcher.connects} == {"thumb-fetch"}
    assert session.model.thumbnails_ready() == 32
    fetcher.connects.clear()
    session.expect_images_from(cover)  # a hint never overrides what a page showed
    searching.search(demo.sample_bibs[1])
    first = session.model.item(0)
    assert first is not None
    thumbnail_host = first.thumbnail_url.split("/imgs/")[0]
    # as many as fetch at once: fewer, once the loopback host proved quick, on a quick run
    assert FEWEST_TAKERS <= len(fetcher.connects) <= CONCURRENCY
    assert all(url.startswith(thumbnail_host + "/imgs/") for _t, url in fetcher.connects)
    assert all(url != cover for _t, url in fetcher.connects)


def test_no_hint_no_early_connect(searching: Searching) -> None:
    searching.search(searching.demo.sample_bibs[0], thumbnails=False)
    assert searching.fetcher.connects == []
