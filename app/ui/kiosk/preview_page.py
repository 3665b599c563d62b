"""One photo large: big arrows or a swipe to move, a big button to choose it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.kiosk.style import TouchScale

SWIPE_PX = 80


class _Photo(QWidget):
    """Paints the photo fitted to the space it has."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPreviewImage")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.pixmap: QPixmap | None = None

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self.pixmap = pixmap
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.pixmap is None or self.pixmap.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        size = self.pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        box = QRect(QPoint(0, 0), size)
        box.moveCenter(self.rect().center())
        painter.drawPixmap(box, self.pixmap)


class PreviewPage(QWidget):
    """Signals:
    navigate(int): -1 previous photo, +1 next.
    toggle_requested(): choose or unchoose this photo.
    back_requested(): back to the grid.
    """

    navigate = Signal(int)
    toggle_requested = Signal()
    back_requested = Signal()

    def __init__(self, scale: TouchScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        margin = scale.unit // 3
        layout.setContentsMargins(margin, 0, margin, margin)
        self.caption = QLabel(self)
        self.caption.setObjectName("kioskTitle")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.caption)
        middle = QHBoxLayout()
        self.previous_button = self._button("kioskPreviewPrevious", "◀", self.tr("Previous photo"))
        self.previous_button.clicked.connect(lambda: self.navigate.emit(-1))
        self.photo = _Photo(self)
        self.photo.installEventFilter(self)
        self.next_button = self._button("kioskPreviewNext", "▶", self.tr("Next photo"))
        self.next_button.clicked.connect(lambda: self.navigate.emit(+1))
        for button in (self.previous_button, self.next_button):
            button.setMinimumSize(scale.unit * 3 // 2, scale.unit * 3)
        middle.addWidget(self.previous_button)
        middle.addWidget(self.photo, 1)
        middle.addWidget(self.next_button)
        layout.addLayout(middle, 1)
        bar = QHBoxLayout()
        self.back_button = self._button("kioskPreviewBack", self.tr("Back to all photos"))
        self.back_button.clicked.connect(self.back_requested)
        self.select_button = self._button("kioskPreviewSelect", "")
        self.select_button.setCheckable(True)
        self.select_button.clicked.connect(self.toggle_requested)
        self.select_button.setMinimumWidth(scale.unit * 5)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.select_button)
        layout.addLayout(bar)
        self._pressed: QPoint | None = None

    def _button(self, name: str, text: str, accessible: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        if accessible:
            button.setAccessibleName(accessible)
        return button

    def show_photo(
        self, caption: str, *, selected: bool, has_previous: bool, has_next: bool
    ) -> None:
        self.caption.setText(caption)
        self.set_selected(selected)
        self.previous_button.setEnabled(has_previous)
        self.next_button.setEnabled(has_next)

    def set_selected(self, selected: bool) -> None:
        self.select_button.setChecked(selected)
        self.select_button.setText(
            self.tr("✓ Chosen — tap to undo") if selected else self.tr("Choose this photo")
        )

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self.photo.set_pixmap(pixmap)

    def clear(self) -> None:
        self.caption.clear()
        self.photo.set_pixmap(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A horizontal swipe across the photo moves to the next or previous one."""
        if watched is self.photo and isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseButtonPress:
                self._pressed = event.position().toPoint()
            elif event.type() == QEvent.Type.MouseButtonRelease and self._pressed is not None:
                moved = event.position().toPoint() - self._pressed
                self._pressed = None
                if abs(moved.x()) > SWIPE_PX and abs(moved.x()) > 2 * abs(moved.y()):
                    self.navigate.emit(-1 if moved.x() > 0 else +1)
        return False
