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
    """The real fetcher, noting the thread each fetch ran on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []

    def fetch(self, url: str, max_bytes: int) -> bytes:
        self.threads.append(threading.current_thread())
        return super().fetch(url, max_bytes)


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
