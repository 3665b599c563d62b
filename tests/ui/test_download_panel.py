"""The download panel in the window, against the real stand-in: the room it takes, what
its bar says, the rows' pictures and names, the size estimate and the first folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.downloads import DownloadSummary, ItemResult, ItemStatus, ProgressSnapshot
from app.demo.server import DemoServer
from app.ui.dock_room import grid_row_height
from app.ui.download_folder import FolderAnswer
from app.ui.models.download_model import DownloadListModel, DownloadRole
from app.ui.models.failed_model import FailedModel, FailedRole
from app.ui.widgets.download_panel import DownloadPanel
from tests.ui.conftest import Harness, WindowFactory

SMALL = (1024, 640)


def _panel(h: Harness) -> DownloadPanel:
    assert h.window.download_panel is not None
    return h.window.download_panel


def _rows_shown(h: Harness) -> float:
    """How many rows of tiles the grid's viewport has room for."""
    grid = h.window.grid
    return grid.viewport().height() / grid_row_height(grid)


def _fail_once(demo: DemoServer, make_window: WindowFactory, folder: Path) -> None:
    """A run that leaves the failure BIB's photo without an original on the failed list."""
    h = make_window(demo, downloads=folder)
    h.type_search(demo.failure_bib)
    h.window.selection_bar.download_all_button.click()
    h.drain()
    assert h.downloads.failed.rowCount() == 1
    h.close()


def test_an_earlier_failure_waits_behind_a_link_and_the_grid_keeps_two_rows(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    _fail_once(fresh_demo, make_window, folder)
    h = make_window(fresh_demo, downloads=folder)
    w = h.window
    w.resize(*SMALL)
    dock, panel, link = w.download_dock, _panel(h), w.selection_bar.downloads_link
    assert dock is not None
    assert not dock.isVisible(), "not opened at start for an old failed list"
    assert link.isVisible() and link.text() == "1 earlier failure"
    assert "could not be fetched in an earlier download" in panel.summary

    h.type_search(fresh_demo.sample_bibs[0])
    h.qtbot.waitUntil(lambda: _rows_shown(h) >= 2)
    link.click()
    assert dock.isVisible() and not link.isVisible()
    # 1024 x 640 has no room for the lists under two rows of photos: the bar line only
    h.qtbot.waitUntil(lambda: panel.collapsed)
    h.qtbot.waitUntil(lambda: _rows_shown(h) >= 2 and dock.height() <= panel.collapsed_height())
    assert not panel.collapse_button.isEnabled()
    assert "No room" in panel.collapse_button.toolTip()
    assert panel.overall.isVisible() and not panel.details.isVisible()

    # a taller window has room: the details come back, still above two rows of photos
    w.resize(1280, 1000)
    h.qtbot.waitUntil(lambda: not panel.collapsed and panel.details.isVisible())
    h.qtbot.waitUntil(lambda: dock.height() > panel.collapsed_height())
    assert _rows_shown(h) >= 2
    assert panel.failed_pane.isVisible() and panel.failed_view.isVisible()
    assert panel.list_view.width() > panel.splitter.width() // 2, "the batch's list leads"
    # folded by hand it stays folded; closed, the link brings it back
    panel.collapse_button.click()
    h.qtbot.waitUntil(lambda: dock.height() <= panel.collapsed_height())
    assert panel.collapsed and panel.collapse_button.text() == "Show details"
    panel.collapse_button.click()
    assert not panel.collapsed
    panel.close_button.click()
    assert not dock.isVisible() and link.isVisible()
    link.click()
    assert dock.isVisible()
    # an empty failed list takes no room
    panel.dismiss_button.click()
    h.drain()
    assert not panel.failed_pane.isVisible()
    assert panel.list_view.width() >= panel.splitter.width() - 2


def test_the_panel_opens_on_a_download_and_keeps_the_grid_rows_at_1024x640(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    h = make_window(fresh_demo, downloads=tmp_path / "photos")
    w = h.window
    w.resize(*SMALL)
    dock, panel = w.download_dock, _panel(h)
    assert dock is not None and not dock.isVisible()
    assert not w.selection_bar.downloads_link.isVisible(), "nothing to link to yet"
    h.type_search(fresh_demo.sample_bibs[0])
    w.selection_bar.download_all_button.click()
    assert dock.isVisible()
    h.drain()
    h.qtbot.waitUntil(lambda: _rows_shown(h) >= 2)
    assert not panel.failed_pane.isVisible(), "nothing failed: no failed pane"
    assert panel.overall.outcome == "complete"
    assert panel.overall.value() == panel.overall.maximum()


def test_rows_at_their_end_count_on_the_bar_before_the_next_snapshot(qapp) -> None:
    items, failed = DownloadListModel(), FailedModel()
    panel = DownloadPanel(items, failed)
    panel.batch_started("6 selected photos")
    for n in range(5):
        items.finished(ItemResult(f"k{n}", f"k{n}", ItemStatus.DOWNLOADED, f"{n}.jpg", 100))
    items.finished(ItemResult("k5", "k5", ItemStatus.FAILED))
    # the engine's last snapshot was taken before any photo ended
    panel.show_progress(ProgressSnapshot(items_total=6, items_finished=0))
    assert panel.overall.format().startswith("6 of 6")
    assert panel.overall.value() == 5 * 1000 // 6
    assert panel.overall.failed_value == 1000 - panel.overall.value()


def test_a_batch_whose_only_photo_failed_never_stands_full(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    photos = fresh_demo.catalog.photos_for_bib(fresh_demo.event_id, fresh_demo.failure_bib)
    [missing] = [p.image_id for p in photos if p.original_missing]
    h = make_window(fresh_demo, downloads=tmp_path / "photos")
    panel = _panel(h)
    bars: list[tuple[int, int]] = []
    h.downloads.progress_changed.connect(
        lambda _s: bars.append((panel.overall.value(), panel.overall.failed_value))
    )
    assert h.downloads.start_selected([missing], fresh_demo.event_id)
    h.drain()
    assert panel.overall.format() == "0 of 1 saved · 1 failed"
    assert panel.overall.value() == 0, "nothing saved: no accent-coloured part"
    assert panel.overall.failed_value == panel.overall.maximum()
    assert panel.overall.outcome == "failed"
    assert all(value == 0 for value, _failed in bars), bars
    assert not panel.retry_button.isEnabled()


def test_rows_and_failed_entries_show_their_picture_and_name(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    bib = fresh_demo.failure_bib
    h = make_window(fresh_demo, downloads=tmp_path / "photos")
    w = h.window
    h.type_search(bib)
    fetched = h.controller.thumbnails.fetches_started
    w.selection_bar.download_all_button.click()
    h.drain()
    dock = w.download_dock
    assert dock is not None
    items = h.downloads.items
    summary = h.downloads.last_summary
    assert summary is not None and summary.downloaded
    for result in summary.downloaded:  # each row is named as its file is saved
        row = items.row_of(result.key)
        assert row is not None and items.index(row, 0).data() == result.file

    def every_picture_in() -> bool:
        ids = [items.index(n, 0).data(DownloadRole.IMAGE_ID) for n in range(items.rowCount())]
        failed_id = h.downloads.failed.index(0, 0).data(FailedRole.IMAGE_ID)
        return all(_picture(h, i) for i in [*ids, failed_id])

    h.qtbot.waitUntil(every_picture_in)
    assert h.controller.thumbnails.fetches_started == fetched, "the grid's, not fetched again"
    failed_name = h.downloads.failed.index(0, 0).data()
    assert failed_name.startswith("Photo ") and len(failed_name) < 20
    full_id = h.downloads.failed.index(0, 0).data(FailedRole.IMAGE_ID)
    tooltip = h.downloads.failed.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert full_id in tooltip, "the tooltip has the whole id"


def _picture(h: Harness, image_id: str) -> bool:
    panel = _panel(h)
    pictures = panel.row_delegate.pictures
    return pictures is not None and pictures(image_id) is not None


def test_the_size_estimate_is_within_a_quarter_of_what_is_saved(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    h = make_window(fresh_demo, downloads=folder)
    w = h.window
    h.type_search("1488")
    w.selection_bar.select_all_button.click()
    h.drain()  # the selection, then the few originals measured
    assert h.controller.selected_count == 40
    rate = w.sizes.bytes_per_pixel(fresh_demo.event_id)
    assert rate is not None
    estimate = h.controller.selection.estimated_bytes(rate)
    assert "· about " in w.selection_bar.label.text()
    w.selection_bar.download_selected_button.click()
    h.drain()
    summary = h.downloads.last_summary
    assert isinstance(summary, DownloadSummary) and summary.complete
    saved = sum((folder / r.file).stat().st_size for r in summary.results)
    assert len(summary.results) == 40
    assert abs(estimate - saved) <= 0.25 * saved, (estimate, saved)


def test_the_first_download_asks_where_to_save_once(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    proposed = tmp_path / "Race photos"
    h = make_window(fresh_demo, downloads=proposed)
    downloads = h.downloads
    question = downloads.folder_question
    question.confirmed = False  # as for a runner who never chose a folder
    asked: list[Path] = []
    answers: list[Path | None] = [None, tmp_path / "chosen"]

    def chooser(start: Path, answer: FolderAnswer) -> None:
        asked.append(start)
        answer(answers.pop(0))

    question.chooser = chooser
    h.type_search(fresh_demo.sample_bibs[2])
    w = h.window
    w.selection_bar.download_all_button.click()  # cancelled: nothing happens, nothing lost
    h.drain()
    assert asked == [proposed] and downloads.last_summary is None
    assert "no folder was chosen" in w.message_bar.text
    w.selection_bar.download_all_button.click()
    h.drain()
    assert asked == [proposed, proposed]
    assert downloads.folder == tmp_path / "chosen"
    assert w.settings.download_folder == str(tmp_path / "chosen")
    summary = downloads.last_summary
    assert summary is not None and summary.complete and summary.downloaded
    assert all((tmp_path / "chosen" / r.file).is_file() for r in summary.downloaded)
    w.selection_bar.download_all_button.click()  # remembered: not asked again
    h.drain()
    assert len(asked) == 2
    panel = _panel(h)
    assert panel.choose_folder_button.isEnabled(), "Change folder… stays at hand"
    assert panel.choose_folder_button.accessibleName() == "Change folder…"


def test_the_window_asks_with_a_folder_dialog_on_the_proposed_folder(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    proposed = tmp_path / "Race photos" / "Demo"
    h = make_window(fresh_demo, downloads=proposed)
    h.downloads.folder_question.confirmed = False
    h.type_search(fresh_demo.sample_bibs[2])
    h.window.selection_bar.download_all_button.click()
    panel = _panel(h)
    dialog = panel.folder_dialog
    assert dialog is not None and dialog.isVisible()
    assert h.downloads.last_summary is None and not h.downloads.running
    chosen = tmp_path / "mine"
    dialog.fileSelected.emit(str(chosen))
    dialog.close()
    assert h.downloads.running
    h.drain()
    assert h.window.settings.download_folder == str(chosen)
    assert any(chosen.iterdir())
    QApplication.processEvents()
