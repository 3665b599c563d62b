"""The main path against the real stand-in: search a BIB, page, select across pages, preview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from app.demo.server import DemoServer
from app.ui.models.photo_model import PhotoRole
from app.ui.search import SearchMode, SearchSpec
from tests.ui.conftest import WindowFactory


def _bib_with_two_pages(demo: DemoServer) -> tuple[str, int]:
    """A runner with more photos than one page holds (the catalog knows the truth)."""
    counts = [
        (r.bib, len(demo.catalog.photos_for_bib(demo.event_id, r.bib)))
        for r in demo.catalog.runners(demo.event_id)
    ]
    bib, total = max(counts, key=lambda pair: pair[1])
    assert 32 < total <= 64
    return bib, total


def test_window_opens_on_the_demo_event(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h = make_window(fresh_demo)
    w = h.window
    assert w.demo_banner is not None and w.demo_banner.isVisible()
    title = w.demo_banner.findChild(QLabel, "demoBannerTitle")
    assert title is not None
    assert all(bib in title.text() for bib in fresh_demo.sample_bibs), "sample BIBs offered"
    assert f"BIB {fresh_demo.failure_bib} shows what a failure looks like." in title.text()
    assert f"Try BIB {fresh_demo.failure_bib}" not in title.text()
    assert w.event_picker.count() >= 3
    assert w.event_picker.currentData() == fresh_demo.event_id
    assert "(demo)" in w.windowTitle()
    assert w.search_bar.input.isEnabled()
    for name in (
        "searchInput",
        "searchButton",
        "eventPicker",
        "photoGrid",
        "pageLabel",
        "prevPageButton",
        "nextPageButton",
        "selectionLabel",
        "downloadSelectedButton",
        "downloadAllButton",
        "messageBar",
    ):
        widget = w.findChild(object, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_the_placeholder_example_finds_photos_that_all_download(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    example = h.window.search_bar.input.placeholderText().rsplit(" ", 1)[-1]
    photos = fresh_demo.catalog.photos_for_bib(fresh_demo.event_id, example)
    assert photos and not any(p.original_missing for p in photos), example


def test_bib_search_pages_selects_and_previews(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    bib, total = _bib_with_two_pages(fresh_demo)
    h = make_window(fresh_demo)
    w = h.window
    model = h.controller.model

    h.type_search(f"  {bib.lower()} ")
    assert model.rowCount() == 32
    assert model.thumbnails_ready() == 32
    assert w.pager.label.text() == f"Page 1 of 2 · {total} photos"
    assert w.results_title.text() == f"BIB {bib}"
    index = model.index(2, 0)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == f"Photo 3 of {total}"
    # every thumbnail fetched exactly once, and the next page prefetched (the strip of
    # photos taken around these fetches its own, and lists the result once, 100 a page)
    gets = fresh_demo.stats.thumbnail_gets
    assert gets and all(n == 1 for n in gets.values())
    assert len(set(gets) - set(w.nearby.session.model.image_ids())) == total
    assert fresh_demo.stats.api_calls.get("bibs") == 3

    # select two photos with the keyboard on page 1
    w.focus_grid()
    qtbot.keyClick(w.grid, Qt.Key.Key_Space)
    qtbot.keyClick(w.grid, Qt.Key.Key_Right)
    qtbot.keyClick(w.grid, Qt.Key.Key_Space)
    h.drain()
    assert h.controller.selected_count == 2
    assert w.selection_bar.label.text().startswith("2 selected · about ")
    first_two = model.image_ids()[:2]

    # page forward with PgDn: served from the prefetch, no new request
    qtbot.keyClick(w.grid, Qt.Key.Key_PageDown)
    h.drain()
    assert w.pager.label.text() == f"Page 2 of 2 · {total} photos"
    assert model.rowCount() == total - 32
    assert fresh_demo.stats.api_calls.get("bibs") == 3
    assert all(n == 1 for n in fresh_demo.stats.thumbnail_gets.values())
    assert not w.pager.next_button.isEnabled()

    w.selection_bar.select_page_button.click()
    assert h.controller.selected_count == 2 + total - 32
    assert w.selection_bar.label.text().startswith(f"{2 + total - 32} selected across 2 pages")
    assert w.grid.selectionModel().selectedIndexes().__len__() == total - 32

    # back to page 1: the two picks are still selected, in the view too
    qtbot.keyClick(w.grid, Qt.Key.Key_PageUp)
    h.drain()
    selected_rows = sorted(i.row() for i in w.grid.selectionModel().selectedIndexes())
    assert selected_rows == [0, 1]
    assert [model.index(r, 0).data(PhotoRole.IMAGE_ID) for r in selected_rows] == first_two

    # preview with Enter, step with Right, close with Esc
    w.grid.setFocus()
    w.grid.set_current_row(0)
    qtbot.keyClick(w.grid, Qt.Key.Key_Return)
    h.drain()
    preview = w.preview
    assert preview is not None and preview.isVisible()
    assert preview.title.text() == f"Photo 1 of {total}"
    assert preview.image.has_image and not preview.image.notice
    assert preview.select_box.isChecked()
    qtbot.keyClick(preview, Qt.Key.Key_Right)
    h.drain()
    assert preview.title.text() == f"Photo 2 of {total}"
    assert sum(fresh_demo.stats.large_gets.values()) == 2
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.isVisible()


def test_download_hooks_emit_ids_and_search(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    h = make_window(fresh_demo)
    w = h.window
    assert not w.selection_bar.download_selected_button.isEnabled()
    assert not w.selection_bar.download_all_button.isEnabled()
    bib = fresh_demo.sample_bibs[0]
    h.type_search(bib)
    w.selection_bar.select_page_button.click()
    ids = h.controller.selected_ids()
    assert w.selection_bar.download_selected_button.isEnabled()
    selected: list[list[str]] = []
    everything: list[SearchSpec] = []
    h.controller.download_selected_requested.connect(selected.append)
    h.controller.download_all_requested.connect(everything.append)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert selected == [ids]
    w.selection_bar.download_all_button.click()
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, shift_ctrl)
    spec = SearchSpec(fresh_demo.event_id, SearchMode.BIB, bib.upper())
    assert everything == [spec, spec], "button and Ctrl+Shift+D ask for the same download"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, shift_ctrl)
    assert h.controller.selected_ids() == []
    assert spec.download_request().identifier == bib.upper()


def test_double_click_previews_and_preview_crosses_pages(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    bib, total = _bib_with_two_pages(fresh_demo)
    h = make_window(fresh_demo)
    w = h.window
    h.type_search(bib)
    last = h.controller.model.rowCount() - 1
    w.grid.scrollTo(h.controller.model.index(last, 0))
    rect = w.grid.visualRect(h.controller.model.index(last, 0))
    # what a real double-click delivers: press, release (a click: selects), double-click
    qtbot.mouseClick(w.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert h.controller.selected_count == 1
    qtbot.mouseDClick(w.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    h.drain()
    assert h.controller.selected_count == 0, "double-click previews without picking"
    preview = w.preview
    assert preview is not None and preview.isVisible()
    assert preview.title.text() == f"Photo 32 of {total}"
    # Right at the end of page 1 goes on to the first photo of page 2
    qtbot.keyClick(preview, Qt.Key.Key_Right)
    h.drain()
    assert h.controller.view.page == 2
    assert preview.title.text() == f"Photo 33 of {total}"
    assert w.pager.label.text().startswith("Page 2 of 2")
    qtbot.keyClick(preview, Qt.Key.Key_Left)
    h.drain()
    assert h.controller.view.page == 1
    assert preview.title.text() == f"Photo 32 of {total}"
    preview.reject()
