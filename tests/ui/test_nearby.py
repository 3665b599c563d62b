""" "You may be in these too" in the real window against the real stand-in: the strip of
BIB 3059 holds the planted hidden-bib photos and none of the found ones, a switched-off
timeline means no strip and no timeline call, a new search cancels and clears the old
strip, and a strip photo is previewed, selected and downloaded like a result photo."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.demo.samples import sample_selfie_path
from app.demo.server import DemoServer
from app.ui.models.photo_model import PhotoRole
from app.ui.search import SearchMode
from tests.ui.conftest import Harness, WindowFactory, until


def timeline_calls(demo: DemoServer) -> int:
    calls = demo.stats.api_calls
    return calls.get("timeline_days", 0) + calls.get("timeline_images", 0)


def strip_ids(h: Harness) -> list[str]:
    return h.window.nearby.session.model.image_ids()


def planted(demo: DemoServer) -> set[str]:
    return {
        p.image_id for p in demo.catalog.photos_hiding_bib(demo.event_id, demo.catalog.hidden_bib)
    }


def found(demo: DemoServer, bib: str) -> set[str]:
    return {p.image_id for p in demo.catalog.photos_for_bib(demo.event_id, bib)}


@pytest.fixture
def timeline_off() -> Iterator[DemoServer]:
    """A stand-in of its own whose main event has the Photo Timeline switched off."""
    with DemoServer() as server:
        server.set_event_flags(server.event_id, timeline_search=False)
        yield server


def test_the_strip_of_3059_holds_the_hidden_bib_photos_and_no_found_one(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    section = h.window.nearby.section
    assert section.isHidden(), "no strip before a search"
    bib = fresh_demo.catalog.hidden_bib
    h.type_search(bib)

    assert sorted(h.controller.model.image_ids()) == sorted(found(fresh_demo, bib))
    assert h.controller.view.total == 3, "the found result stays as it was"
    assert h.window.selection_bar.download_all_button.text() == "Do&wnload all 3"
    ids = strip_ids(h)
    assert planted(fresh_demo) <= set(ids)
    assert not set(ids) & found(fresh_demo, bib)
    assert section.isVisible() and section.strip.isVisible()
    assert section.title.text() == "You may be in these too"
    assert section.note.text().startswith(
        f"{len(ids)} photos taken within two minutes of yours that your search did not find."
    )
    model = h.window.nearby.session.model
    assert model.thumbnails_ready() == len(ids), "every strip thumbnail arrived"
    result = h.window.nearby.session.last_result
    assert result is not None and result.requests == timeline_calls(fresh_demo)
    assert fresh_demo.stats.api_calls.get("bibs") == 1, "all 3 were on the page: no re-listing"


def test_a_selfie_result_gets_its_strip_too(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    bib = fresh_demo.catalog.hidden_bib
    h.window.search_bar.use_photo(str(sample_selfie_path(bib)))
    h.drain()
    assert h.controller.search.mode is SearchMode.SELFIE
    result_ids = set(h.controller.model.image_ids())
    assert result_ids == found(fresh_demo, bib)
    assert planted(fresh_demo) <= set(strip_ids(h))
    assert not set(strip_ids(h)) & result_ids


def test_timeline_switched_off_means_no_strip_and_no_timeline_call(
    timeline_off: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(timeline_off)
    assert h.controller.details.timeline_search is False
    bib = timeline_off.catalog.hidden_bib
    h.type_search(bib)
    assert h.controller.view.total == 3
    assert h.window.nearby.section.isHidden()
    assert strip_ids(h) == []
    assert timeline_calls(timeline_off) == 0


def test_a_timeline_switched_off_after_the_event_opened_says_so_in_one_line(
    make_window: WindowFactory,
) -> None:
    with DemoServer() as server:
        h = make_window(server)
        assert h.controller.details.timeline_search
        server.set_event_flags(server.event_id, timeline_search=False)
        h.type_search(server.catalog.hidden_bib)
        section = h.window.nearby.section
        assert h.controller.view.total == 3, "the result itself is not touched"
        assert section.isVisible() and section.strip.isHidden()
        assert section.note.text() == (
            "Photos taken around yours could not be looked up. "
            "This event has find by time switched off by the organiser."
        )
        assert h.window.message_bar.text == "", "a background extra, not an error of the search"
        h.close()


def test_a_new_search_cancels_and_clears_the_old_strip(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    section = h.window.nearby.section
    bib = fresh_demo.catalog.hidden_bib
    h.type_search(bib)
    whole_look_up = timeline_calls(fresh_demo)
    assert whole_look_up > 4 and strip_ids(h)

    # another result replaces the strip with its own
    other = "A17"
    h.type_search(other)
    assert h.window.nearby.session.search.identifier == other
    assert strip_ids(h) and not set(strip_ids(h)) & found(fresh_demo, other)
    assert not planted(fresh_demo) <= set(strip_ids(h))

    # a search typed while the look-up runs cancels it, and its strip never shows
    fresh_demo.stats.reset()
    fresh_demo.set_faults(latency_ms=30)

    async def scenario() -> None:
        h.controller.submit(SearchMode.BIB, bib)
        await until(lambda: h.window.nearby.session.running and timeline_calls(fresh_demo) >= 2)
        h.controller.submit(SearchMode.BIB, "9999")
        assert section.isHidden() and strip_ids(h) == []
        async with asyncio.timeout(20):
            await h.window.runner.wait_idle()

    h.run(scenario())
    assert h.controller.view.total == 0
    assert section.isHidden() and strip_ids(h) == []
    assert timeline_calls(fresh_demo) < whole_look_up, "the old look-up stopped"


def test_a_strip_photo_is_previewed_selected_and_downloaded(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path, qtbot
) -> None:
    folder = tmp_path / "photos"
    h = make_window(fresh_demo, downloads=folder)
    w = h.window
    h.type_search(fresh_demo.catalog.hidden_bib)
    strip = w.nearby.section.strip
    model = w.nearby.session.model
    wanted = sorted(planted(fresh_demo) & set(model.image_ids()))[0]
    row = model.row_of(wanted)
    assert row is not None

    # a click on the tile selects it, in the window's one selection
    index = model.index(row, 0)
    strip.scrollTo(index)
    qtbot.mouseClick(
        strip.viewport(), Qt.MouseButton.LeftButton, pos=strip.visualRect(index).center()
    )
    assert h.controller.selected_ids() == [wanted]
    assert index.data(PhotoRole.SELECTED) is True
    assert w.selection_bar.label.text().startswith("1 selected")

    # Enter previews it, labelled as a maybe; Space there unselects and selects again
    strip.setFocus()
    strip.set_current_row(row)
    qtbot.keyClick(strip, Qt.Key.Key_Return)
    h.drain()
    dialog = w.nearby.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.title.text() == f"You may be in this one · {row + 1} of {model.rowCount()}"
    assert dialog.image.has_image and dialog.select_box.isChecked()
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert h.controller.selected_ids() == []
    qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert h.controller.selected_ids() == [wanted]
    dialog.reject()

    # "Download selected" saves its original, by image id
    fresh_demo.stats.reset()
    w.selection_bar.download_selected_button.click()
    h.drain()
    summary = h.downloads.last_summary
    assert summary is not None and summary.complete
    assert [r.image_id for r in summary.downloaded] == [wanted]
    saved = folder / summary.downloaded[0].file
    digest = hashlib.sha256(saved.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(fresh_demo.original_bytes(wanted)).hexdigest()


def test_a_short_window_folds_the_strip_to_keep_two_rows_of_results(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    w = h.window
    section, room = w.nearby.section, w.nearby.room
    w.resize(1024, 640)
    h.type_search(fresh_demo.catalog.hidden_bib)
    assert section.folded and section.strip.isHidden()
    assert section.heading.isVisible() and section.fold_button.text() == "Show"
    h.qtbot.waitUntil(lambda: w.grid.height() >= room.grid_needs())

    # a taller window has room: the strip opens by itself
    w.resize(1280, 1000)
    h.qtbot.waitUntil(lambda: not section.folded and section.strip.isVisible())
    assert w.grid.height() >= room.grid_needs()

    # folded by hand, it stays folded whatever the room
    section.fold_button.click()
    assert section.folded and section.fold_button.text() == "Show"
    w.resize(1300, 1020)
    h.drain()
    assert section.folded
    h.close()


def test_the_strip_scrolls_sideways_only(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    h.window.resize(1280, 1000)
    h.type_search(fresh_demo.catalog.hidden_bib)
    strip = h.window.nearby.section.strip
    assert strip_ids(h) and strip.isVisible()
    assert strip.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not strip.verticalScrollBar().isVisible()
    h.close()
