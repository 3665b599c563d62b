"""The large preview with the real stand-in: arrows on the image, zoom and pan, full
screen, the capture time, "Download this photo", and a name for every control."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from app.demo.server import DemoServer
from app.ui.capture_time import exif_capture_time
from app.ui.widgets.preview import ARROW_SIZE, PreviewDialog
from tests.jpeg_bytes import real_jpeg
from tests.ui.conftest import Harness, WindowFactory


def _open(h: Harness, row: int = 0) -> PreviewDialog:
    h.window.previews.open(row)
    h.drain()
    dialog = h.window.preview
    assert dialog is not None and dialog.isVisible()
    assert dialog.image.has_image and not dialog.image.notice, "the large photo arrived"
    return dialog


def _previewing(make_window: WindowFactory, demo: DemoServer) -> tuple[Harness, PreviewDialog]:
    """A window showing the first sample BIB's photos, previewing the first one."""
    h = make_window(demo)
    h.type_search(demo.sample_bibs[0])
    return h, _open(h)


def _unnamed(widget: QWidget) -> list[str]:
    return [
        b.objectName() or b.text()
        for b in widget.findChildren(QAbstractButton)
        if not b.accessibleName().strip()
    ]


def test_arrows_on_the_image_step_through_the_photos(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    h = make_window(fresh_demo)
    h.type_search(fresh_demo.sample_bibs[0])
    total = h.controller.view.total
    dialog = _open(h)
    back, forward = dialog.previous_button, dialog.next_button
    assert back.isHidden() and not forward.isHidden(), "no way back from the first photo"
    for arrow in (back, forward):
        assert arrow.parent() is dialog.image, "the arrows sit on the image"
        assert arrow.width() >= 48 and arrow.height() >= 48
        assert arrow.width() == ARROW_SIZE
    assert dialog.image.rect().contains(forward.geometry())
    assert abs(forward.geometry().center().y() - dialog.image.height() // 2) <= 1
    qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    h.drain()
    assert dialog.title.text() == f"Photo 2 of {total}"
    assert not back.isHidden()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    h.drain()
    assert dialog.title.text() == f"Photo 1 of {total}"


def test_fit_and_actual_size_with_drag_to_pan(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    _, dialog = _previewing(make_window, fresh_demo)
    view = dialog.image
    dialog.resize(900, 640)
    qtbot.waitUntil(lambda: view.width() < view.image_size.width())
    fitted = view.image_rect()
    assert fitted.width() <= view.width() and fitted.height() <= view.height()
    assert dialog.fit_button.isChecked() and not view.actual_size

    qtbot.mouseClick(dialog.actual_button, Qt.MouseButton.LeftButton)
    assert view.actual_size and dialog.actual_button.isChecked()
    dpr = view.devicePixelRatioF()
    assert view.image_rect().width() == round(view.image_size.width() / dpr)
    assert view.can_pan

    # drag the picture to the right: it follows, but its edge never enters the view
    start = QPoint(view.width() // 2, view.height() // 2)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(60, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert view.pan_offset.x() == 60
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(5000, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(5000, 0))
    assert view.image_rect().left() == 0

    qtbot.keyClick(dialog, Qt.Key.Key_0)
    assert not view.actual_size and dialog.fit_button.isChecked()
    assert view.image_rect() == fitted
    qtbot.keyClick(dialog, Qt.Key.Key_Z)
    assert view.actual_size
    qtbot.keyClick(dialog, Qt.Key.Key_Z)
    assert not view.actual_size


def test_full_screen_and_esc_leaves_it_before_closing(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    _, dialog = _previewing(make_window, fresh_demo)
    qtbot.keyClick(dialog, Qt.Key.Key_F11)
    assert dialog.isFullScreen() and dialog.full_screen_button.isChecked()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isFullScreen() and dialog.isVisible(), "Esc leaves full screen first"
    assert not dialog.full_screen_button.isChecked()
    qtbot.mouseClick(dialog.full_screen_button, Qt.MouseButton.LeftButton)
    assert dialog.isFullScreen()
    qtbot.keyClick(dialog, Qt.Key.Key_F)
    assert not dialog.isFullScreen()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_capture_time_from_the_photo_itself_or_no_line(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h, dialog = _previewing(make_window, fresh_demo)
    photo = fresh_demo.catalog.photo(dialog.image_id)
    assert photo is not None and photo.captured_at is not None
    when = datetime.fromtimestamp(photo.captured_at, UTC)
    assert dialog.taken_label.isVisibleTo(dialog)
    assert dialog.taken_label.text() == f"Taken {when:%-d %b %Y, %H:%M} UTC"

    untimed = next(
        p for p in fresh_demo.catalog.photos(fresh_demo.event_id) if p.captured_at is None
    )
    h.type_search(untimed.bibs[0])
    row = h.controller.model.row_of(untimed.image_id)
    assert row is not None
    dialog = _open(h, row)
    assert dialog.image_id == untimed.image_id
    assert dialog.taken_label.isHidden() and dialog.taken_label.text() == "", "never a fake time"


def test_exif_capture_time_reads_only_a_real_stamp() -> None:
    assert exif_capture_time(b"not a photo") is None
    assert exif_capture_time(real_jpeg()) is None, "a photo without EXIF has no time"


def test_download_this_photo_saves_just_that_one(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path, qtbot
) -> None:
    folder = tmp_path / "photos"
    h = make_window(fresh_demo, downloads=folder)
    h.type_search(fresh_demo.sample_bibs[0])
    h.controller.set_selected(h.controller.model.image_ids()[2:4], True)
    row = next(
        r
        for r, image_id in enumerate(h.controller.model.image_ids())
        if not fresh_demo.catalog.photo(image_id).original_missing  # type: ignore[union-attr]
    )
    dialog = _open(h, row)
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    assert dialog.download_button.text() == "Added to downloads"
    assert not dialog.download_button.isEnabled()
    h.drain()
    summary = h.downloads.last_summary
    assert summary is not None and summary.complete
    assert [r.image_id for r in summary.downloaded] == [dialog.image_id]
    assert len([p for p in folder.iterdir() if p.suffix == ".jpg"]) == 1
    assert h.controller.selected_count == 2, "the selection is left as it was"

    # the next photo, while another download runs: the preview says why not now
    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    h.drain()
    assert dialog.download_button.isEnabled()
    h.window.selection_bar.download_all_button.click()
    assert h.downloads.running
    qtbot.keyClick(dialog, Qt.Key.Key_D)
    assert "Another download is running" in dialog.image.notice
    h.downloads.cancel()
    h.drain()


def test_download_this_photo_is_offered_only_where_someone_downloads(qtbot) -> None:
    dialog = PreviewDialog()
    qtbot.addWidget(dialog)
    wanted: list[str] = []
    dialog.download_requested.connect(wanted.append)
    dialog.show_photo("a", "Photo 1 of 1", None, selected=False, has_previous=False, has_next=False)
    assert dialog.download_button.isHidden(), "no button that does nothing"
    qtbot.keyClick(dialog, Qt.Key.Key_D)
    assert wanted == []
    dialog.offer_download()
    qtbot.keyClick(dialog, Qt.Key.Key_D)
    assert wanted == ["a"]


def test_every_control_has_a_name(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h, dialog = _previewing(make_window, fresh_demo)
    assert _unnamed(dialog) == []
    names = [b.accessibleName() for b in dialog.findChildren(QAbstractButton)]
    assert "Previous photo" in names and "Next photo" in names
    assert not any(name.startswith(("‹", "›")) for name in names)
    assert dialog.select_box.accessibleName() == "Select this photo for download"
    bar = h.window.search_bar
    assert _unnamed(bar) == []
