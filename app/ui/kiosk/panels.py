"""The take-away screens (drive or folder, phone QR code) and the staff PIN screen."""

from __future__ import annotations

import io

import segno
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.ui.kiosk.drives import Target
from app.ui.kiosk.keypad import Keypad
from app.ui.kiosk.pages import Notice
from app.ui.kiosk.style import TouchScale
from app.ui.messages import format_bytes


def _label(parent: QWidget, name: str = "kioskNotice", title: bool = False) -> QLabel:
    label = QLabel(parent) if title else Notice(parent)
    label.setObjectName("kioskTitle" if title else name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _Page(QWidget):
    """A centred column with a title, a status line and a back button at the bottom."""

    back_requested = Signal()

    def __init__(
        self, scale: TouchScale, title: str, back_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.scale = scale
        outer = QVBoxLayout(self)
        outer.setContentsMargins(scale.unit, scale.unit // 2, scale.unit, scale.unit // 2)
        self.title = _label(self, title=True)
        self.title.setText(title)
        outer.addWidget(self.title)
        self.column = QVBoxLayout()
        self.column.setSpacing(scale.unit // 4)
        outer.addStretch(1)
        outer.addLayout(self.column)
        outer.addStretch(1)
        self.status = _label(self)
        outer.addWidget(self.status)
        self.back_button = QPushButton(self.tr("Back to my photos"), self)
        self.back_button.setObjectName(back_name)
        self.back_button.clicked.connect(self.back_requested)
        outer.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)


class ExportPage(_Page):
    """Pick a drive or the export folder; then progress and "safe to remove".

    Signals:
        target_chosen(object): the `Target` tapped.
    """

    target_chosen = Signal(object)

    def __init__(self, scale: TouchScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, self.tr("Save your photos"), "kioskExportBack", parent)
        self.status.setObjectName("kioskExportStatus")
        self.buttons: list[QPushButton] = []

    def set_targets(self, targets: list[Target]) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        for target in targets:
            kind = self.tr("USB drive") if target.removable else self.tr("Export folder")
            text = self.tr("{kind} “{name}” — {free} free").format(
                kind=kind, name=target.name, free=format_bytes(target.free_bytes)
            )
            if not target.removable:
                text = self.tr("{kind} — {free} free").format(
                    kind=kind, free=format_bytes(target.free_bytes)
                )
            button = QPushButton(text, self)
            button.setObjectName("kioskExportTarget")
            button.clicked.connect(lambda _c=False, t=target: self.target_chosen.emit(t))
            button.setMinimumHeight(self.scale.unit * 3 // 2)
            button.setMinimumWidth(self.scale.unit * 10)
            self.column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.buttons.append(button)
        if not targets:
            self.status.setText(self.tr("Plug in a USB drive; it shows here by itself."))

    def set_busy(self, busy: bool) -> None:
        for button in self.buttons:
            button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)


class PhonePage(_Page):
    """The QR code to scan, and what the runner needs to know about it."""

    def __init__(self, scale: TouchScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, self.tr("Send to my phone"), "kioskPhoneBack", parent)
        self.status.setObjectName("kioskPhoneStatus")
        self.code = QLabel(self)
        self.code.setObjectName("kioskQrCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setAccessibleName(self.tr("QR code for your photos"))
        self.instructions = _label(self)
        self.column.addWidget(self.code)
        self.column.addWidget(self.instructions)
        self.url = ""

    def show_code(self, url: str, minutes: int, wifi: str | None) -> None:
        self.url = url
        side = self.scale.unit * 6
        self.code.setPixmap(qr_pixmap(url, side))
        same = (
            self.tr("Your phone must be on the Wi-Fi “{wifi}”.").format(wifi=wifi)
            if wifi
            else self.tr("Your phone must be on the same Wi-Fi as this kiosk.")
        )
        self.instructions.setText(
            self.tr("Scan this with your phone's camera.")
            + " "
            + same
            + " "
            + self.tr("The link works once, for %n minute(s).", "", minutes)
        )
        self.status.clear()

    def clear(self) -> None:
        self.url = ""
        self.code.clear()
        self.instructions.clear()
        self.status.clear()


def qr_pixmap(text: str, side: int) -> QPixmap:
    """`text` as a QR code about `side` pixels square, drawn by segno."""
    code = segno.make(text, error="m")
    modules = code.symbol_size(border=4)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(2, side // modules), border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class StaffPage(_Page):
    """The PIN, then what staff may do. The public sees only "Staff only".

    Signals:
        pin_entered(str): check this PIN.
        leave_requested(): staff want to leave kiosk mode.
    """

    pin_entered = Signal(str)
    leave_requested = Signal()

    def __init__(self, scale: TouchScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, self.tr("Staff only"), "kioskStaffBack", parent)
        self.back_button.setText(self.tr("Back"))
        self.status.setObjectName("kioskPinStatus")
        self.input = QLineEdit(self)
        self.input.setObjectName("kioskPinInput")
        self.input.setAccessibleName(self.tr("Staff PIN"))
        self.input.setEchoMode(QLineEdit.EchoMode.Password)
        self.input.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.input.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.input.setMaxLength(12)
        self.input.returnPressed.connect(self._on_enter)
        self.keypad = Keypad(
            letters=False, name="pinKeypad", key_prefix="pin", search_text=self.tr("Unlock")
        )
        self.keypad.typed.connect(self.input.insert)
        self.keypad.backspace.connect(self.input.backspace)
        self.keypad.search.connect(self._on_enter)
        self.keypad.setMaximumWidth(scale.unit * 7)
        self.input.setMaximumWidth(scale.unit * 7)
        self.leave_button = QPushButton(self.tr("Leave kiosk mode"), self)
        self.leave_button.setObjectName("kioskLeaveButton")
        self.leave_button.clicked.connect(self.leave_requested)
        for widget in (self.input, self.keypad, self.leave_button):
            self.column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.timeout.connect(lambda: self.set_waiting(False))
        self.lock()

    def _on_enter(self) -> None:
        pin = self.input.text()
        self.input.clear()
        self.pin_entered.emit(pin)

    def lock(self) -> None:
        """Back to asking for the PIN."""
        self.input.clear()
        self.status.clear()
        self.leave_button.hide()
        self.input.show()
        self.keypad.show()
        self.set_waiting(self._delay.isActive())

    def unlock(self) -> None:
        self.input.hide()
        self.keypad.hide()
        self.leave_button.show()
        self.status.setText(self.tr("Unlocked."))

    def wait_then_listen(self, seconds: float) -> None:
        """A wrong PIN's delay: keys off until it has passed."""
        self.set_waiting(True)
        self._delay.start(int(seconds * 1000))

    def set_waiting(self, waiting: bool) -> None:
        """While a wrong PIN's delay runs (or a PIN is being checked), nothing is typed."""
        self.keypad.setEnabled(not waiting)
        self.input.setEnabled(not waiting)
