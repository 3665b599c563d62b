"""A runner's first minutes: typing right away, cleaned input, keys, mnemonics, focus."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPixmapCache
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionFrame,
)

from app.demo.server import DemoServer
from app.demo.world import SELFIE_OFF_EVENT_ID
from app.ui.messages import Level
from app.ui.search import SearchMode
from app.ui.widgets.style import FocusRingStyle, focus_ring_colour
from tests.ui.conftest import Harness, WindowFactory, until

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def _bib_search_calls(demo: DemoServer) -> int:
    return demo.stats.api_calls.get("bibs", 0)


def _type_and_enter(h: Harness, text: str) -> None:
    """Type and press Enter straight away, without draining the loop first."""
    bar = h.window.search_bar
    bar.input.setFocus()
    h.qtbot.keyClicks(bar.input, text)
    h.qtbot.keyClick(bar.input, Qt.Key.Key_Return)


def _shows_results_for(h: Harness, bib: str) -> None:
    view = h.controller.view
    assert view is not None and view.search.identifier == bib and view.total > 0
    assert h.controller.model.rowCount() > 0
    assert h.window.results_title.text() == f"BIB {bib}"
    assert h.window.search_bar.input_error == ""


@pytest.mark.slow  # over 7 s here: run by make test-slow
def test_a_search_typed_while_the_event_opens_runs_once_it_is_open(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    bib = fresh_demo.sample_bibs[0].upper()
    h = make_window(fresh_demo, start=False)
    fresh_demo.set_faults(latency_ms=200)

    async def scenario() -> None:
        # One loop run throughout: the event's call must not be stepped outside it.
        h.window.start()
        await until(lambda: h.controller.event_id is not None)  # the list is in
        assert h.controller.details is None, "the event is still opening"
        _type_and_enter(h, bib)
        assert h.controller.search_waiting and h.window.search_bar.input_error == ""
        await until(lambda: h.controller.view is not None)  # no second Enter
        await h.window.runner.wait_idle()

    h.run(scenario())
    waiting = [m for m in h.messages if m.level is Level.INFO and bib in m.text]
    assert waiting and "as soon as it is open" in waiting[-1].text
    _shows_results_for(h, bib)
    assert not h.controller.search_waiting
    assert h.window.message_bar.text == "", "the waiting notice goes once the search runs"


@pytest.mark.slow  # over 7 s here: run by make test-slow
def test_a_search_typed_while_the_event_list_loads_waits_for_the_event(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    first, second = (b.upper() for b in fresh_demo.sample_bibs[:2])
    h = make_window(fresh_demo, start=False)
    fresh_demo.set_faults(latency_ms=150)
    h.window.start()
    assert h.controller.event_list == []
    _type_and_enter(h, first)
    h.window.search_bar.input.clear()
    _type_and_enter(h, f"#{second}")  # the latest submit wins
    h.drain()
    _shows_results_for(h, second)
    expected = {p.image_id for p in fresh_demo.catalog.photos_for_bib(fresh_demo.event_id, second)}
    assert set(h.controller.model.image_ids()) <= expected


def test_a_waiting_search_for_a_mode_the_event_lacks_says_so(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo, event_id=SELFIE_OFF_EVENT_ID, start=False)
    fresh_demo.set_faults(latency_ms=100)
    h.window.start()
    h.window.search_bar.set_mode(SearchMode.SELFIE)
    _type_and_enter(h, "ddc661a7-8861-4793-9437-af42a82d12f8")
    h.drain()
    assert h.controller.search is None
    assert "does not offer search by selfie" in h.window.search_bar.input_error
    assert fresh_demo.stats.api_calls.get("faces_get", 0) == 0


@pytest.mark.parametrize("typed", ["#{bib}", "  {bib}  ", "BIB {bib}", "bib: {bib}"])
def test_typed_decoration_is_cleaned_off(
    demo: DemoServer, make_window: WindowFactory, typed: str
) -> None:
    bib = demo.sample_bibs[0].upper()
    h = make_window(demo)
    h.type_search(typed.format(bib=bib))
    _shows_results_for(h, bib)


@pytest.mark.parametrize(
    ("typed", "says", "never"),
    [
        ("1" * 25, "too long for a BIB number", "letters"),
        ("14/88", "only letters, digits and hyphens", "too long"),
        ("#", "Type your BIB number first", "letters"),
    ],
)
def test_each_refusal_says_its_real_reason(
    demo: DemoServer, make_window: WindowFactory, typed: str, says: str, never: str
) -> None:
    h = make_window(demo)
    before = _bib_search_calls(demo)
    h.type_search(typed)
    error = h.window.search_bar.input_error
    assert says in error and never not in error
    assert h.controller.search is None and _bib_search_calls(demo) == before
    assert h.window.search_bar.input.text() == typed, "the typed text is kept to fix"


def test_ctrl_a_in_the_search_field_selects_the_page(
    demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(demo)
    h.type_search(demo.sample_bibs[0])
    rows = h.controller.model.rowCount()
    assert rows > 0 and h.controller.selected_count == 0
    field = h.window.search_bar.input
    field.setFocus()
    h.qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert h.controller.selected_count == rows
    assert field.selectedText() == "", "the page is selected, not the typed text"


def test_ctrl_a_with_no_photos_selects_the_search_text(
    demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(demo)
    field = h.window.search_bar.input
    field.setFocus()
    h.qtbot.keyClicks(field, "1488")
    h.qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert field.selectedText() == "1488" and h.controller.selected_count == 0


def test_ctrl_d_with_nothing_selected_says_so(
    demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    h = make_window(demo, downloads=tmp_path / "photos")
    h.type_search(demo.sample_bibs[0])
    h.window.grid.setFocus()
    h.qtbot.keyClick(h.window.grid, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    shown = h.window.message_bar.text
    assert "No photos are selected" in shown and "Ctrl+A" in shown
    assert not h.downloads.running
    h.drain()
    assert not (tmp_path / "photos").exists() or list((tmp_path / "photos").rglob("*.jpg")) == []


def _mnemonics(texts: list[str]) -> Counter[str]:
    return Counter(m.lower() for t in texts for m in _MNEMONIC.findall(t))


def _window_mnemonics(window: QMainWindow) -> Counter[str]:
    """Every Alt+letter the window answers to: buttons, buddy labels and menu titles."""
    texts = [b.text() for b in window.findChildren(QAbstractButton)]
    texts += [label.text() for label in window.findChildren(QLabel) if label.buddy()]
    texts += [a.text() for a in window.menuBar().actions()]
    return _mnemonics(texts)


def test_no_two_controls_share_a_mnemonic(
    demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    h = make_window(demo, downloads=tmp_path / "photos")
    h.type_search(demo.sample_bibs[0])  # the buttons' texts with counts
    h.controller.select_page()
    found = _window_mnemonics(h.window)
    assert {"e", "s", "a", "d", "w", "g", "r"} <= set(found)
    assert [key for key, n in found.items() if n > 1] == []
    for menu in h.window.menuBar().findChildren(QMenu):
        inside = _mnemonics([a.text() for a in menu.actions()])
        assert [key for key, n in inside.items() if n > 1] == [], menu.title()


def _ring_pixels(style: QStyle, option: QStyleOption, draw: str, element: object) -> int:
    """How many pixels of the ring's colour a 120×32 control draws."""
    QPixmapCache.clear()  # Fusion caches drawn controls by state, not by style
    image = QImage(120, 32, QImage.Format.Format_ARGB32)
    image.fill(option.palette.color(QPalette.ColorRole.Window))
    option.rect = QRect(0, 0, 120, 32)
    painter = QPainter(image)
    getattr(style, draw)(element, option, painter, None)
    painter.end()
    ring = focus_ring_colour(option.palette)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if abs(QColor(image.pixel(x, y)).hue() - ring.hue()) < 12
        and QColor(image.pixel(x, y)).saturation() > 100
    )


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize(
    ("option_type", "draw", "element"),
    [
        (QStyleOptionButton, "drawPrimitive", QStyle.PrimitiveElement.PE_PanelButtonCommand),
        (QStyleOptionFrame, "drawPrimitive", QStyle.PrimitiveElement.PE_PanelLineEdit),
        (QStyleOptionComboBox, "drawComplexControl", QStyle.ComplexControl.CC_ComboBox),
    ],
)
def test_focus_draws_a_ring_you_can_see(
    qapp: QApplication, dark: bool, option_type: type, draw: str, element: object
) -> None:
    ours, plain = FocusRingStyle("fusion"), QStyleFactory.create("fusion")
    palette = plain.standardPalette()
    if dark:
        for role, colour in [("Window", "#2b2b2b"), ("Button", "#353535"), ("Base", "#1e1e1e")]:
            palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))

    def pixels(style: QStyle, focused: bool) -> int:
        option = option_type()
        option.palette = palette
        option.state = QStyle.StateFlag.State_Enabled
        if focused:
            option.state |= QStyle.StateFlag.State_HasFocus
        if isinstance(option, QStyleOptionFrame):
            option.lineWidth = 1
        return _ring_pixels(style, option, draw, element)

    ring_length = 2 * (120 + 32) - 16  # one pixel wide all round, corners rounded
    assert pixels(ours, True) - pixels(plain, True) >= ring_length, "more than a 1 px tint"
    assert pixels(ours, False) == pixels(plain, False), "no ring without focus"
