"""Selfie photo search (POST once, then GET by request_id), drag and drop, select all,
cancellation, the remembered event, and the whole flow without a mouse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.core.settings import Settings
from app.demo.samples import sample_selfie_path, unknown_selfie_path
from app.demo.server import DemoServer
from app.demo.world import SELFIE_OFF_EVENT_ID
from app.ui.search import SearchMode
from tests.ui.conftest import WindowFactory


def _big_runner(demo: DemoServer) -> str:
    return max(
        (r.bib for r in demo.catalog.runners(demo.event_id)),
        key=lambda bib: len(demo.catalog.photos_for_bib(demo.event_id, bib)),
    )


def test_selfie_photo_posts_once_then_pages_by_request_id(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    bib = _big_runner(fresh_demo)
    h = make_window(fresh_demo)
    w = h.window
    w.search_bar.use_photo(str(sample_selfie_path(bib)))
    h.drain()
    view = h.controller.view
    assert view is not None and view.total > 32
    assert h.controller.model.rowCount() == 32
    assert h.controller.search.mode is SearchMode.SELFIE
    request_id = h.controller.search.identifier
    # the id is shown, in selfie-id mode, so it can be kept and reused
    assert w.search_bar.mode is SearchMode.SELFIE
    assert w.search_bar.input.text() == request_id
    assert w.results_title.text().startswith("Your selfie")
    calls = fresh_demo.stats.api_calls
    assert calls.get("faces_post") == 1
    assert fresh_demo.stats.face_matches == 1
    qtbot.keyClick(w.grid, Qt.Key.Key_PageDown)
    h.drain()
    assert h.controller.view.page == 2
    calls = fresh_demo.stats.api_calls
    assert calls.get("faces_post") == 1, "later pages come by GET, never a second upload"
    assert calls.get("faces_get", 0) >= 1
    # the request id typed back later shows the same photos without uploading
    h.type_search(request_id, SearchMode.SELFIE)
    assert h.controller.view.total == view.total
    assert fresh_demo.stats.api_calls.get("faces_post") == 1
    assert fresh_demo.stats.face_matches == 1


def test_unknown_face_gives_the_selfie_empty_state(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    h.window.search_bar.use_photo(str(unknown_selfie_path()))
    h.drain()
    assert h.window.grid.status_text.startswith("No photos matched this selfie")


def test_not_a_photo_is_refused_before_upload(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    bogus = tmp_path / "selfie.jpg"
    bogus.write_text("this is text")
    h = make_window(fresh_demo)
    h.window.search_bar.use_photo(str(bogus))
    h.drain()
    assert h.window.search_bar.input_error == "Choose a JPEG or PNG photo of your face."
    assert h.window.results_title.text() == ""
    assert h.window.grid.status_text.startswith("Type your BIB number to find your photos")
    assert "faces_post" not in fresh_demo.stats.api_calls


def _drop(widget, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter_args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:  # Qt 6 takes a QPoint here; some PySide6 releases want a QPointF
        enter = QDragEnterEvent(QPoint(20, 20), *enter_args)
    except TypeError:
        enter = QDragEnterEvent(QPointF(20, 20), *enter_args)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_dropping_a_selfie_searches_with_it(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    h = make_window(fresh_demo)
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    assert not _drop(h.window, notes)
    assert _drop(h.window, sample_selfie_path(fresh_demo.sample_bibs[0]))
    h.drain()
    assert fresh_demo.stats.api_calls.get("faces_post") == 1
    assert h.controller.model.rowCount() > 0


def test_select_all_results_spans_pages(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    bib = _big_runner(fresh_demo)
    h = make_window(fresh_demo)
    h.type_search(bib)
    total = h.controller.view.total
    qtbot.keyClick(
        h.window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    h.drain()
    assert h.controller.selected_count == total
    assert h.window.selection_bar.label.text().startswith(f"{total} selected across 2 pages · ")
    assert len(h.window.grid.selectionModel().selectedIndexes()) == 32
    h.window.selection_bar.clear_button.click()
    assert h.controller.selected_count == 0
    assert h.window.grid.selectionModel().selectedIndexes() == []
    assert h.window.selection_bar.label.text() == "No photos selected"


@pytest.mark.slow  # over 7 s here: run by make test-slow
def test_a_new_search_cancels_the_old_one(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    first, second = fresh_demo.sample_bibs[:2]
    fresh_demo.set_faults(latency_ms=150)
    h = make_window(fresh_demo)
    h.controller.submit(SearchMode.BIB, first)
    h.controller.submit(SearchMode.BIB, second)
    h.drain()
    assert h.window.results_title.text() == f"BIB {second.upper()}"
    expected = {p.image_id for p in fresh_demo.catalog.photos_for_bib(fresh_demo.event_id, second)}
    assert set(h.controller.model.image_ids()) <= expected


def test_the_chosen_event_is_remembered(
    fresh_demo: DemoServer, make_window: WindowFactory, _config_dir: Path
) -> None:
    h = make_window(fresh_demo)
    w = h.window
    w.event_picker.setCurrentIndex(w.event_picker.findData(SELFIE_OFF_EVENT_ID))
    h.drain()
    h.close()
    saved = json.loads((_config_dir / "settings.json").read_text())
    assert saved["last_event_id"] == SELFIE_OFF_EVENT_ID
    assert fresh_demo.api_key not in json.dumps(saved)
    again = make_window(fresh_demo, settings=Settings.model_validate(saved))
    assert again.controller.details.event_id == SELFIE_OFF_EVENT_ID


def test_whole_flow_by_keyboard(fresh_demo: DemoServer, make_window: WindowFactory, qtbot) -> None:
    bib = _big_runner(fresh_demo)
    h = make_window(fresh_demo)
    w = h.window
    w.activateWindow()
    # Ctrl+F reaches the input, Enter searches
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w.search_bar.input
    qtbot.keyClicks(w.search_bar.input, bib)
    qtbot.keyClick(w.search_bar.input, Qt.Key.Key_Return)
    h.drain()
    # Down moves to the photos; Space selects; PgDn pages; Space selects there too
    qtbot.keyClick(w.search_bar.input, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is w.grid
    qtbot.keyClick(w.grid, Qt.Key.Key_Space)
    qtbot.keyClick(w.grid, Qt.Key.Key_PageDown)
    h.drain()
    qtbot.keyClick(w.grid, Qt.Key.Key_Space)
    assert h.controller.selected_count == 2
    # Enter previews; Space in the preview unselects; Esc closes
    qtbot.keyClick(w.grid, Qt.Key.Key_Return)
    h.drain()
    assert w.preview is not None and w.preview.isVisible()
    qtbot.keyClick(w.preview, Qt.Key.Key_Space)
    assert h.controller.selected_count == 1
    qtbot.keyClick(w.preview, Qt.Key.Key_Escape)
    assert not w.preview.isVisible()
    # Tab order reaches the download buttons
    chain = []
    widget = w.grid
    for _ in range(10):
        widget = widget.nextInFocusChain()
        chain.append(widget.objectName())
    assert "downloadSelectedButton" in chain and "downloadAllButton" in chain
    wanted: list[list[str]] = []
    h.controller.download_selected_requested.connect(wanted.append)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(wanted) == 1 and len(wanted[0]) == 1
