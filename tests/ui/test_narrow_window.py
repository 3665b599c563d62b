"""An 800 px wide screen (a small kiosk panel, an old netbook): the whole window fits,
the demo banner and the selection count trade words for room instead of pushing
buttons off the edge, the event's name ends in "…" rather than mid-letter (and the
picker still shows its placeholder), and a refusal still keeps to its one line."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.demo.server import DemoServer
from app.ui.widgets.event_picker import EventPicker
from app.ui.widgets.fitting_label import FittingLabel
from app.ui.widgets.selection_bar import SelectionBar
from tests.ui.conftest import Harness, WindowFactory

NARROW = (800, 600)


def _narrow(h: Harness) -> None:
    h.window.resize(*NARROW)
    h.qtbot.waitUntil(lambda: h.window.width() == NARROW[0])
    h.drain()


def _box_in_window(h: Harness, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(h.window, QPoint(0, 0)), widget.size())


def _banner_title(h: Harness) -> QLabel:
    assert h.window.demo_banner is not None
    title = h.window.demo_banner.findChild(QLabel, "demoBannerTitle")
    assert title is not None
    return title


def test_the_window_fits_800_px_with_the_connect_button_in_view(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    assert h.window.minimumSizeHint().width() <= NARROW[0]
    _narrow(h)
    h.type_search(fresh_demo.sample_bibs[0])
    window_box = h.window.rect()
    w = h.window
    assert w.demo_banner is not None
    for widget in (w.demo_banner.connect_button, w.search_bar.search_button, w.grid):
        assert window_box.contains(_box_in_window(h, widget)), widget.objectName()
    title = _banner_title(h)
    shown = title.text()
    assert all(bib in shown for bib in fresh_demo.sample_bibs), "the BIBs to try outlast"
    assert "generated photos" not in shown, "the least useful words went first"
    assert "generated photos" in title.toolTip(), "the whole sentence stays in the tooltip"
    assert title.sizeHint().width() > title.width() >= title.minimumSizeHint().width()
    picker = w.event_picker
    assert picker.shown_text().endswith("…"), "the event's name is cut with an ellipsis"
    assert picker.toolTip() == picker.currentText() and "…" not in picker.toolTip()


def test_the_banner_shows_the_whole_sentence_when_there_is_room(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    h.window.resize(1280, 800)
    h.qtbot.waitUntil(lambda: h.window.width() == 1280)
    title = _banner_title(h)
    assert "generated photos" in title.text()
    assert h.window.event_picker.shown_text() == h.window.event_picker.currentText()
    assert f"BIB {fresh_demo.failure_bib} shows what a failure looks like." in title.text()


def test_a_refusal_keeps_to_its_line_in_a_narrow_window(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    _narrow(h)
    grid = h.window.grid
    top = grid.mapTo(h.window, QPoint(0, 0)).y()
    h.type_search("12ab!")
    message = h.window.search_bar.input_message
    assert message.isVisible() and "letters" in message.text()
    assert grid.mapTo(h.window, QPoint(0, 0)).y() == top, "the refusal pushed the photos"
    assert message.height() >= message.heightForWidth(message.width()), "all of it shows"


def test_a_fitting_label_picks_the_longest_wording_that_fits(qtbot: QtBot) -> None:
    wordings = ["<b>Long</b> wording with many words in it", "<b>Short</b> one", "S"]
    label = FittingLabel(wordings, rich=True)
    qtbot.addWidget(label)
    label.show()
    full, short, tiny = (label.wordings[i] for i in range(3))
    label.resize(label.sizeHint())
    qtbot.waitUntil(lambda: label.text() == full)
    label.resize(label.sizeHint().width() - 5, label.height())
    qtbot.waitUntil(lambda: label.text() == short)
    label.resize(1, label.height())
    qtbot.waitUntil(lambda: label.text() == tiny)
    assert label.toolTip() == full
    # a larger font is measured again: what fitted before no longer does
    before = label.sizeHint().width()
    label.resize(before, label.height())
    qtbot.waitUntil(lambda: label.text() == full)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.sizeHint().width() > before
    qtbot.waitUntil(lambda: label.text() != full)


def test_the_event_picker_shows_its_placeholder_while_no_event_is_chosen(qtbot: QtBot) -> None:
    picker, plain = EventPicker(), QComboBox()
    for box in (picker, plain):
        qtbot.addWidget(box)
        box.setPlaceholderText("Loading events…")
        box.resize(260, 30)
        box.show()
    qtbot.waitExposed(picker)
    assert picker.shown_text() == "Loading events…"
    assert picker.grab().toImage() == plain.grab().toImage(), "drawn as a plain combo box"


def test_a_narrow_selection_bar_drops_the_pages_and_size_but_keeps_the_count(
    qtbot: QtBot,
) -> None:
    bar = SelectionBar()
    qtbot.addWidget(bar)
    bar.set_selection(12, 54_000_000, pages=3)
    bar.set_results(32, 143)
    bar.resize(bar.sizeHint())
    bar.show()
    qtbot.waitUntil(lambda: bar.label.text() == "12 selected across 3 pages · about 54 MB")
    bar.resize(bar.minimumSizeHint())
    qtbot.waitUntil(lambda: bar.label.text() == "12 selected")
    assert bar.label.toolTip() == "12 selected across 3 pages · about 54 MB"
    assert bar.label.accessibleDescription() == bar.label.toolTip()
