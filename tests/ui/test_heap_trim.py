"""Freed memory goes back to the system once a page has settled (`app.ui.heap_trim`)."""

from __future__ import annotations

from app.demo.server import DemoServer
from app.ui.heap_trim import HeapTrimmer
from tests.ui.conftest import WindowFactory


def test_each_page_is_trimmed_once_its_thumbnails_are_in(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    catalog, event = fresh_demo.catalog, fresh_demo.event_id
    bib, total = next(
        (r.bib, n)
        for r in catalog.runners(event)
        if 32 < (n := len(catalog.photos_for_bib(event, r.bib))) <= 64
    )
    h = make_window(fresh_demo)
    c = h.controller
    delivered: set[str] = set()  # changed on the GUI thread only
    c.thumbnails.thumbnail_ready.connect(lambda image_id, _p: delivered.add(image_id))
    c.thumbnails.thumbnail_failed.connect(delivered.add)
    delivered_at_trim: list[int] = []

    def trim() -> None:  # on a worker thread: only reads how many had been delivered
        delivered_at_trim.append(len(delivered))

    trimmer = HeapTrimmer(c.results, h.window.runner, trim=trim)
    h.type_search(bib)
    assert trimmer.trims == 1
    assert delivered_at_trim == [32], "trimmed before the page had settled"

    c.next_page()
    h.drain()
    assert trimmer.trims == 2
    assert delivered_at_trim == [32, total]


def test_the_window_trims_its_own_heap(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h = make_window(fresh_demo)
    assert h.controller.heap.trims == 0, "nothing shown, nothing trimmed"
    h.type_search(fresh_demo.sample_bibs[0])
    assert h.controller.heap.trims == 1
