"""The kiosk shell on the real stand-in: keypad, idle reset, lock, PIN, touch sizes,
reconnecting by itself and starting over after a crash."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from app.core.kiosk.options import KioskOptions
from app.demo.server import DemoServer
from app.ui.kiosk.style import MIN_TOUCH_PX
from tests.ui.kiosk.conftest import PIN, FakeClock, Kiosk, KioskFactory


def _visible_buttons(page: QWidget) -> list[QPushButton]:
    return [b for b in page.findChildren(QPushButton) if b.isVisibleTo(page)]


def test_keypad_entry_and_search(demo: DemoServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(demo)
    window = k.window
    keypad = window.findChild(QWidget, "kioskKeypad")
    assert keypad is not None
    names = {b.objectName() for b in keypad.findChildren(QPushButton)}
    assert {f"keypadKey{n}" for n in range(10)} | {"keypadBackspace", "keypadSearch"} <= names
    field = window.findChild(QLineEdit, "searchInput")
    assert field is not None and field.hasFocus()
    for key in "1489":
        k.tap(f"keypadKey{key}")
    k.tap("keypadBackspace")
    k.tap("keypadKey8")
    assert field.text() == "1488"
    k.tap("keypadSearch")
    k.drain()
    assert window.pages.currentWidget() is window.results_page
    assert window.grid.objectName() == "photoGrid"
    assert k.controller.model.rowCount() > 0
    assert window.results_page.heading.text().startswith("BIB 1488: 40 photo")


def test_a_physical_keyboard_and_letters_work_too(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(demo)
    field = k.window.start_page.input
    k.tap("keypadLetters")
    k.tap("keypadKeyA")
    k.tap("keypadDigits")
    k.qtbot.keyClicks(field, "17")
    assert field.text() == "a17"
    k.qtbot.keyClick(field, Qt.Key.Key_Return)
    k.drain()
    assert k.controller.search.identifier.lower() == "a17"
    assert k.controller.model.rowCount() > 0


def test_a_refused_bib_is_said_on_the_start_screen(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(demo)
    k.tap("keypadSearch")
    k.drain()
    assert k.window.pages.currentWidget() is k.window.start_page
    assert k.window.start_page.notice.text()


def test_idle_countdown_then_every_trace_is_gone(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    clock = FakeClock()
    options = KioskOptions(idle_seconds=5, countdown_seconds=3, phone_host="127.0.0.1")
    k = make_kiosk(demo, options=options, clock=clock)
    window, controller = k.window, k.controller
    started: list[int] = []
    resets: list[bool] = []
    window.session.idle.countdown_started.connect(started.append)
    window.reset_done.connect(lambda: resets.append(True))
    k.search_bib("1488")
    controller.set_selected(controller.model.image_ids()[:2], True)
    k.tap("kioskPhoneButton")  # the runner's photos in the kiosk's temp folder, a phone link
    k.drain()
    assert window.phone_page.url, window.phone_page.status.text()
    assert window.handoff.has_offer
    window.session.open_preview(0)
    k.drain()
    assert controller.thumbnails.cache.size > 0 and len(controller.results.previews) > 0
    assert window.preview_page.photo.pixmap is not None

    assert list(k.temp_root.rglob("*.jpg"))
    assert not started
    clock.now += 5
    k.wait_for(lambda: bool(started))
    countdown = window.findChild(QLabel, "idleCountdown")
    assert countdown is not None and countdown.isVisible()
    assert countdown.text() == "Starting over in 3 s — tap to continue"
    assert controller.model.rowCount() > 0  # not yet
    clock.now += 3
    k.wait_for(lambda: bool(resets))
    assert not countdown.isVisible()
    assert window.pages.currentWidget() is window.start_page
    assert window.start_page.input.text() == ""
    assert controller.model.rowCount() == 0
    assert controller.selected_count == 0 and controller.search is None
    assert len(controller.thumbnails.cache) == 0
    assert len(controller.results.previews) == 0
    assert window.preview_page.photo.pixmap is None
    assert k.downloads.items.rowCount() == 0 and k.downloads.failed.rowCount() == 0
    assert list(k.temp_root.rglob("*")) == []
    assert not window.handoff.has_offer and window.phone_page.url == ""
    assert not window.session.idle.armed  # nothing left to count down for


def test_a_tap_during_the_countdown_keeps_the_runner(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(demo, options=KioskOptions(idle_seconds=0.3, countdown_seconds=30))
    started: list[int] = []
    k.window.session.idle.countdown_started.connect(started.append)
    k.search_bib("1488")
    k.wait_for(lambda: bool(started))
    assert k.window.countdown.isVisible()
    k.qtbot.mouseClick(k.window.grid.viewport(), Qt.MouseButton.LeftButton)
    assert not k.window.countdown.isVisible()
    assert k.window.pages.currentWidget() is k.window.results_page
    assert k.controller.model.rowCount() > 0


def test_close_alt_f4_and_escape_do_not_leave(demo: DemoServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(demo)
    window = k.window
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.close()
    k.qtbot.keyClick(window, Qt.Key.Key_Escape)
    k.qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert window.isVisible() and not closed
    assert window.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert window.start_page.input.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def _enter_pin(k: Kiosk, pin: str) -> None:
    for digit in pin:
        k.tap(f"pinKey{digit}")
    k.tap("pinSearch")
    k.drain()


def test_the_right_pin_lets_staff_leave(demo: DemoServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(demo)
    closed: list[bool] = []
    k.window.closed.connect(lambda: closed.append(True))
    k.tap("kioskExitButton")
    assert k.window.pages.currentWidget() is k.window.staff_page
    assert not k.button("kioskLeaveButton").isVisible()
    _enter_pin(k, PIN)
    k.tap("kioskLeaveButton")
    assert closed and not k.window.isVisible()


def test_wrong_pins_are_refused_and_slowed_down(demo: DemoServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(demo)
    page = k.window.staff_page
    k.tap("kioskExitButton")
    _enter_pin(k, "1111")
    assert page.status.text() == "Wrong PIN."
    _enter_pin(k, "1112")
    _enter_pin(k, "1113")
    assert page.status.text().startswith("Wrong PIN. Try again in 2 second")
    assert not page.keypad.isEnabled()  # nothing can be typed while the delay runs
    assert k.window.gate.wait_left() > 0
    page.pin_entered.emit(PIN)  # even the right PIN is not heard now
    k.drain()
    assert not k.button("kioskLeaveButton").isVisible()
    k.tap("kioskStaffBack")
    assert k.window.pages.currentWidget() is k.window.start_page


def test_touch_targets_are_big(demo: DemoServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(demo)
    k.search_bib("1488")
    for page in (k.window.start_page, k.window.results_page):
        k.window.pages.setCurrentWidget(page)
        buttons = _visible_buttons(page)
        assert buttons
        assert min(b.height() for b in buttons) >= MIN_TOUCH_PX
        assert min(b.width() for b in buttons) >= MIN_TOUCH_PX


def test_a_tap_opens_a_photo_large_and_its_tick_selects(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(demo)
    k.search_bib("1488")
    grid, controller = k.window.grid, k.controller
    first = grid.visualRect(controller.model.index(0, 0))
    k.qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.tick_zone(0).center())
    assert controller.selected_count == 1
    k.qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=first.center())
    k.drain()
    assert k.window.pages.currentWidget() is k.window.preview_page
    assert k.window.preview_page.select_button.isChecked()
    k.tap("kioskPreviewNext")
    k.drain()
    assert k.window.preview_page.caption.text() == "Photo 2 of 40"
    k.tap("kioskPreviewSelect")
    assert controller.selected_count == 2
    k.tap("kioskPreviewBack")
    assert k.window.pages.currentWidget() is k.window.results_page


def test_a_lost_connection_reconnects_by_itself(demo: DemoServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(demo)
    demo.set_faults(fault_rate=1.0)
    k.search_bib("1488")
    assert k.window.is_reconnecting
    assert k.window.findChild(QPushButton, "retryButton") is None
    overlay, staff = k.window.reconnecting.geometry(), k.button("kioskExitButton").geometry()
    assert not overlay.intersects(staff)  # staff can still reach the PIN
    demo.set_faults(fault_rate=0.0)
    k.wait_for(lambda: k.controller.model.rowCount() > 0)
    assert not k.window.is_reconnecting


def test_starting_over_ends_a_search_that_was_reconnecting(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(demo)
    demo.set_faults(fault_rate=1.0)
    k.search_bib("1488")
    assert k.window.is_reconnecting
    k.window.session.reset()
    k.drain()
    assert not k.window.is_reconnecting
    assert k.window.pages.currentWidget() is k.window.start_page


def test_a_crash_in_a_session_starts_over(demo: DemoServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(demo)
    k.search_bib("1488")

    async def broken() -> None:
        raise RuntimeError("a bug")

    k.window.runner.start(broken())
    k.drain()
    assert k.window.pages.currentWidget() is k.window.start_page
    assert k.controller.model.rowCount() == 0
    assert k.window.isVisible()


def test_on_an_800_px_screen_every_button_label_stays_whole(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(demo)
    k.search_bib("1488")
    page = k.window.results_page
    bar = page.action_bar
    for width, two_rows in ((800, True), (1280, False)):
        k.window.resize(width, 600)
        k.qtbot.waitUntil(lambda two_rows=two_rows: bar.two_rows is two_rows)
        k.qtbot.waitUntil(lambda width=width: page.width() <= width)
        for button in _visible_buttons(bar):
            text = button.fontMetrics().horizontalAdvance(button.text())
            assert button.width() >= text, f"{button.objectName()} cut at {width} px"
            assert page.rect().contains(QRect(button.mapTo(page, QPoint(0, 0)), button.size()))
    # a label that grows ("Save to USB (12)") rearranges the row without a resize
    page.phone_button.setText("Send to my phone " * 5)
    k.qtbot.waitUntil(lambda: bar.two_rows)
