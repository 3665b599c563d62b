"""Widget details: pager and selection wording, the retry countdown, crisp high-DPI tiles."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QStyleOptionViewItem

from app.core.errors import RateLimited
from app.core.models import ImageItem
from app.ui.messages import retry_notice
from app.ui.models.photo_model import PhotoModel
from app.ui.widgets.message_bar import MessageBar
from app.ui.widgets.pager import Pager
from app.ui.widgets.photo_delegate import PhotoDelegate
from app.ui.widgets.selection_bar import SelectionBar


def test_pager_wording_and_buttons(qtbot) -> None:
    pager = Pager()
    qtbot.addWidget(pager)
    pager.set_state(2, 5, 143)
    assert pager.label.text() == "Page 2 of 5 · 143 photos"
    assert pager.previous_button.isEnabled() and pager.next_button.isEnabled()
    pager.set_state(5, 5, 143)
    assert not pager.next_button.isEnabled()
    pager.set_state(1, 1, 1)
    assert pager.label.text() == "Page 1 of 1 · 1 photo"
    assert not pager.previous_button.isEnabled() and not pager.next_button.isEnabled()


def test_selection_bar_counts_and_estimates(qtbot) -> None:
    bar = SelectionBar()
    qtbot.addWidget(bar)
    assert bar.label.text() == "No photos selected"
    assert not bar.download_selected_button.isEnabled()
    bar.set_selection(12, 54_000_000)
    assert bar.label.text() == "12 selected · about 54 MB"
    assert bar.download_selected_button.isEnabled()
    bar.set_results(32, 143)
    assert bar.download_all_button.isEnabled()
    assert "143" in bar.download_all_button.text()


def test_retry_notice_counts_down(qtbot) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_message(retry_notice(RateLimited(), 3))
    assert bar.text == "The photo service is busy — retrying in 3 s…"
    assert bar.counting_down
    bar.tick()
    assert bar.text == "The photo service is busy — retrying in 2 s…"
    assert bar.counting_down
    bar.tick()
    assert bar.text.endswith("retrying in 1 s…")
    assert not bar.counting_down
    bar.clear()
    assert bar.text == "" and bar.isHidden()


def test_thumbnails_are_drawn_in_device_pixels(qapp) -> None:
    model = PhotoModel()
    item = ImageItem(
        image_id="a", img_url="http://127.0.0.1/l.jpg", thumbnail_url="http://127.0.0.1/s.jpg"
    )
    model.set_page([item], 1, 1)
    thumb = QPixmap(400, 267)
    thumb.fill(QColor("teal"))
    model.set_thumbnail("a", thumb)
    delegate = PhotoDelegate()
    delegate.set_cell(180)
    painted: list[tuple[str, bool]] = []
    delegate.paint_hook = lambda image_id, shown: painted.append((image_id, shown))
    for dpr in (1.0, 2.0):
        canvas = QPixmap(int(200 * dpr), int(200 * dpr))
        canvas.setDevicePixelRatio(dpr)
        painter = QPainter(canvas)
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 188, 188)
        delegate.paint(painter, option, model.index(0, 0))
        painter.end()
    widths = sorted(p.width() for p in delegate.cards())
    assert len(widths) == 2 and abs(widths[1] - 2 * widths[0]) <= 2
    assert all(p.devicePixelRatio() in (1.0, 2.0) for p in delegate.cards())
    assert painted == [("a", True), ("a", True)]
