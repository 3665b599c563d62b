"""A calm window on the real stand-in: nothing jumps when a message or a refusal appears,
a refusal clears the stale result, the start screen invites a search, and the page
size comes from the grid (used by the next search, not the one on screen)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPushButton

from app.demo.server import DemoServer
from app.ui.messages import Level, UserMessage
from app.ui.search import SearchMode
from tests.ui.conftest import Harness, WindowFactory


def _grid_top(h: Harness) -> int:
    grid = h.window.grid
    return grid.mapTo(h.window, QPoint(0, 0)).y()


def test_a_message_does_not_move_the_grid(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    h.type_search(fresh_demo.sample_bibs[0])
    top, height = _grid_top(h), h.window.grid.height()
    bar = h.window.message_bar
    long_text = "The photo service is busy. " * 12  # wraps onto several lines
    bar.show_message(UserMessage(long_text, Level.WARNING))
    h.qtbot.waitUntil(bar.isVisible)
    assert (_grid_top(h), h.window.grid.height()) == (top, height)
    # it floats over the grid's top edge, inside it, in full
    grid_box = h.window.grid.geometry()
    assert bar.geometry().top() >= grid_box.top() and bar.width() < grid_box.width()
    assert bar.height() >= bar.heightForWidth(bar.width()), "all of its text shows"
    bar.show_message(UserMessage("Nothing is selected.", Level.INFO))
    assert bar.height() <= 3 * bar.fontMetrics().height() + 16, "one line: a slim bar"
    bar.clear()
    assert (_grid_top(h), h.window.grid.height()) == (top, height)


def test_a_refusal_clears_the_stale_result_and_moves_nothing(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    bib = fresh_demo.sample_bibs[0]
    h.type_search(bib)
    w = h.window
    assert h.controller.model.rowCount() > 0 and w.results_title.text() == f"BIB {bib}"
    top = _grid_top(h)
    h.type_search("12ab!")
    assert "letters" in w.search_bar.input_error
    assert w.search_bar.input_message.isVisible()
    assert _grid_top(h) == top, "the refusal's line was kept for it"
    # what was on screen is not the answer to what was typed: it goes
    assert h.controller.model.rowCount() == 0 and h.controller.view is None
    assert w.results_title.text() == ""
    assert w.grid.status_text.startswith("Type your BIB number to find your photos")
    assert not w.pager.next_button.isEnabled()
    assert not w.selection_bar.download_all_button.isEnabled()


def test_the_start_screen_invites_a_search_and_its_samples_work(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    grid = h.window.grid
    empty = grid.empty_state
    assert empty.isVisible() and empty.title == "Type your BIB number to find your photos"
    assert not grid.verticalScrollBar().isVisible(), "no list box with a scroll bar"
    buttons = empty.sample_buttons()
    working = [bib for bib in fresh_demo.sample_bibs if bib != fresh_demo.failure_bib]
    assert [b.text() for b in buttons] == working and working
    first: QPushButton = buttons[0]
    first.click()
    h.drain()
    view = h.controller.view
    assert view is not None and view.search.identifier == working[0] and view.total > 0
    assert h.window.search_bar.input.text() == working[0]
    assert not empty.isVisible(), "gone once photos show"
    assert grid.verticalScrollBar().isVisible()


def test_the_next_search_asks_for_a_page_that_fills_the_grid(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    w, bib = h.window, fresh_demo.sample_bibs[0]
    h.type_search(bib)
    first = h.controller.view
    assert first is not None and first.page_size == w.grid.page_size
    assert h.controller.model.rowCount() == min(first.total, w.grid.page_size)
    # a larger grid: more whole rows, but the search on screen keeps its pages
    w.resize(w.width() + 500, w.height() + 300)
    h.qtbot.waitUntil(lambda: w.grid.page_size != first.page_size)
    larger = w.grid.page_size
    assert 1 <= larger <= 100 and larger % w.grid.columns == 0
    assert h.controller.view.page_size == first.page_size
    h.type_search(fresh_demo.sample_bibs[1])
    second = h.controller.view
    assert second is not None and second.page_size == larger
    assert h.controller.model.rowCount() == min(second.total, larger)


def test_a_mode_hint_shares_the_refusal_line_and_moves_nothing(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    h.type_search(fresh_demo.sample_request_ids[0], SearchMode.SELFIE)
    top, height = _grid_top(h), h.window.grid.height()
    bar = h.window.search_bar
    bar.copy_id_button.click()  # "Selfie search id copied. Paste it here later…"
    h.drain()
    assert bar.mode_hint.isVisible() and "copied" in bar.mode_hint.text()
    assert (_grid_top(h), h.window.grid.height()) == (top, height)
    bar.show_input_error("A refusal shows over the hint.")
    assert not bar.mode_hint.isVisible()
    bar.clear_input_error()
    assert bar.mode_hint.isVisible()
    assert (_grid_top(h), h.window.grid.height()) == (top, height)
    h.close()
