"""The kiosk's start screen (BIB field and keypad) and results screen (big grid, big
buttons). Layout only: the shell wires them to the controller."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from app.ui.kiosk.action_bar import ActionBar
from app.ui.kiosk.keypad import Keypad
from app.ui.kiosk.style import TouchScale
from app.ui.models.photo_model import PhotoModel, PhotoRole
from app.ui.widgets.photo_grid import PhotoGrid

TAP_SLOP_PX = 24


class Notice(QLabel):
    """A line of plain words that takes no room while it is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskNotice")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


def _notice(parent: QWidget) -> QLabel:
    return Notice(parent)


class StartPage(QWidget):
    """ "Type your BIB number": the field, the keypad, and the selfie button when offered.

    Signals:
        search_requested(str): the typed text, to check and search.
        selfie_requested(): the runner wants to search with the booth's selfie.
    """

    search_requested = Signal(str)
    selfie_requested = Signal()

    def __init__(self, scale: TouchScale, *, letters: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(scale.unit, scale.unit // 2, scale.unit, scale.unit // 2)
        layout.setSpacing(scale.unit // 4)
        layout.addStretch(1)
        self.heading = QLabel(self.tr("Find your race photos"), self)
        self.heading.setObjectName("kioskTitle")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.heading)
        self.prompt = QLabel(self.tr("Type your BIB number"), self)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)
        self.input = QLineEdit(self)
        self.input.setObjectName("searchInput")
        self.input.setAccessibleName(self.tr("BIB number"))
        self.input.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.input.setMaxLength(16)
        self.input.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.input.returnPressed.connect(self._on_search)
        self.notice = _notice(self)
        self.keypad = Keypad(letters=letters, parent=self)
        self.keypad.typed.connect(self.input.insert)
        self.keypad.backspace.connect(self.input.backspace)
        self.keypad.search.connect(self._on_search)
        self.selfie_button = QPushButton(self.tr("Search with my selfie"), self)
        self.selfie_button.setObjectName("kioskSelfieButton")
        self.selfie_button.clicked.connect(self.selfie_requested)
        self.selfie_button.hide()
        column = QVBoxLayout()
        column.setSpacing(scale.unit // 5)
        for widget in (self.input, self.notice, self.keypad, self.selfie_button):
            column.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column, 2)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.keypad.setMinimumWidth(scale.unit * 5)
        self.keypad.setMaximumWidth(scale.unit * 9)
        self.input.setMaximumWidth(scale.unit * 9)

    def _on_search(self) -> None:
        self.search_requested.emit(self.input.text())

    def clear(self) -> None:
        self.input.clear()
        self.notice.clear()
        self.keypad.show_digits()


class KioskGrid(PhotoGrid):
    """The photo grid for fingers: a tap opens the photo large, a tap on its tick selects.

    The tick zone is the tile's top-right corner; swipes scroll (kinetic, by touch).
    """

    def __init__(self, model: PhotoModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.delegate.touch = True
        self._pressed: tuple[int, QPoint] | None = None
        self.setAccessibleDescription(
            self.tr("Tap a photo to see it large; tap its tick to choose it.")
        )
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def tick_zone(self, row: int) -> QRect:
        """Where a tap selects rather than opens (generous: a finger is not a pointer)."""
        rect = self.visualRect(self.model().index(row, 0))
        size = max(64, rect.width() // 3)
        return QRect(rect.right() - size, rect.top(), size, size)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        index = self.indexAt(point)
        self._pressed = (index.row(), point) if index.isValid() else None
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, None
        point = event.position().toPoint()
        index = self.indexAt(point)
        event.accept()
        if pressed is None or not index.isValid() or index.row() != pressed[0]:
            return
        if (point - pressed[1]).manhattanLength() > TAP_SLOP_PX:
            return  # a swipe, not a tap
        self.set_current_row(index.row())
        if self.tick_zone(index.row()).contains(point):
            image_id = str(index.data(PhotoRole.IMAGE_ID))
            self.selection_toggled.emit([image_id], not bool(index.data(PhotoRole.SELECTED)))
        else:
            self.preview_requested.emit(index.row())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()  # two quick taps are two taps (handled on release)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()  # no rubber-band selection


class ResultsPage(QWidget):
    """The runner's photos: heading, grid, pager and the take-away buttons."""

    def __init__(self, model: PhotoModel, scale: TouchScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        margin = scale.unit // 3
        layout.setContentsMargins(margin, 0, margin, margin)
        layout.setSpacing(margin)
        self.heading = QLabel(self)
        self.heading.setObjectName("kioskTitle")
        self.previous_button = self._button("kioskPreviousPage", "◀")
        self.previous_button.setAccessibleName(self.tr("Previous page"))
        self.page_label = QLabel(self)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = self._button("kioskNextPage", "▶")
        self.next_button.setAccessibleName(self.tr("Next page"))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for widget in (self.previous_button, self.page_label, self.next_button):
            top.addWidget(widget)
        layout.addLayout(top)
        self.hint = QLabel(self.tr("Tap a photo to see it large. Tap ✓ to choose it."), self)
        layout.addWidget(self.hint)
        self.notice = _notice(self)
        layout.addWidget(self.notice)
        self.grid = KioskGrid(model, self)
        self.grid.set_cell_size(max(160, int(scale.unit * 3.2)))
        layout.addWidget(self.grid, 1)

        self.start_over_button = self._button("kioskStartOverButton", self.tr("Start over"))
        self.select_page_button = self._button("kioskSelectPage", self.tr("Choose all on page"))
        self.clear_button = self._button("kioskClearSelection", self.tr("Clear choice"))
        self.export_button = self._button("kioskExportButton", self.tr("Save to USB"))
        self.phone_button = self._button("kioskPhoneButton", self.tr("Send to my phone"))
        self.action_bar = ActionBar(
            self.start_over_button,
            (self.select_page_button, self.clear_button),
            (self.export_button, self.phone_button),
            margin,
            self,
        )
        layout.addWidget(self.action_bar)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        return button

    def set_page(self, page: int, pages: int) -> None:
        self.page_label.setText(
            self.tr("Page {page} of {pages}").format(page=page, pages=pages) if pages else ""
        )
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < pages)
        self.previous_button.setVisible(pages > 1)
        self.next_button.setVisible(pages > 1)
