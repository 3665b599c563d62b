"""Freed memory goes back to the system once a page has settled (`app.ui.heap_trim`)."""

from __future__ import annotations

from app.demo.server import DemoServer
from app.ui.heap_trim import HeapTrimmer
from app.ui.models.photo_model import PhotoRole, ThumbState
from tests.ui.conftest import WindowFactory


def test_each_page_is_trimmed_once_its_thumbnails_are_in(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    catalog, event = fresh_demo.catalog, fresh_demo.event_id
    bib = next(
        r.bib for r in catalog.runners(event) if len(catalog.photos_for_bib(event, r.bib)) > 32
    )
    h = make_window(fresh_demo)
    c = h.controller
    states_at_trim: list[list[int]] = []

    def trim() -> None:  # on a worker thread: read what the model held when it ran
        model = c.model
        rows = range(model.rowCount())
        states_at_trim.append([model.index(r, 0).data(PhotoRole.STATE) for r in rows])

    trimmer = HeapTrimmer(c.results, h.window.runner, trim=trim)
    h.type_search(bib)
    assert trimmer.trims == 1
    assert len(states_at_trim) == 1
    first_page = states_at_trim[0]
    assert len(first_page) == 32
    assert ThumbState.LOADING not in first_page, "trimmed before the page had settled"

    c.next_page()
    h.drain()
    assert trimmer.trims == 2
    assert states_at_trim[1] and ThumbState.LOADING not in states_at_trim[1]


def test_the_window_trims_its_own_heap(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h = make_window(fresh_demo)
    assert h.controller.heap.trims == 0, "nothing shown, nothing trimmed"
    h.type_search(fresh_demo.sample_bibs[0])
    assert h.controller.heap.trims == 1
