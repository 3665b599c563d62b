"""The large preview: one photo at a time, previous / next, select, Esc to close.

Opened with `open()` (never `exec()`, which would re-enter the event loop inside a
coroutine). It shows the thumbnail at once and swaps in the large image when it arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class ImageView(QWidget):
    """Paints a pixmap fitted to the widget, scaled once per size in device pixels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewImage")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self._pixmap = QPixmap()
        self._scaled: QPixmap | None = None
        self._notice = ""

    def set_pixmap(self, pixmap: QPixmap | None, notice: str = "") -> None:
        self._pixmap = pixmap if pixmap is not None else QPixmap()
        self._scaled = None
        self._notice = notice
        self.update()

    @property
    def pixmap(self) -> QPixmap | None:
        return None if self._pixmap.isNull() else self._pixmap

    @property
    def notice(self) -> str:
        return self._notice

    @property
    def has_image(self) -> bool:
        return not self._pixmap.isNull()

    @property
    def image_size(self) -> QSize:
        return self._pixmap.size()

    def sizeHint(self) -> QSize:
        return QSize(960, 640)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self._pixmap.isNull():
            dpr = self.devicePixelRatioF()
            target = self._pixmap.size().scaled(
                int(self.width() * dpr),
                int(self.height() * dpr),
                Qt.AspectRatioMode.KeepAspectRatio,
            )
            if self._scaled is None or self._scaled.size() != target:
                self._scaled = self._pixmap.scaled(
                    target,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                self._scaled.setDevicePixelRatio(dpr)
            w, h = target.width() / dpr, target.height() / dpr
            painter.drawPixmap(
                QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h),
                self._scaled,
                QRectF(self._scaled.rect()),
            )
        if self._notice:
            painter.setPen(self.palette().color(QPalette.ColorRole.BrightText))
            rect = self.rect().adjusted(12, 12, -12, -12)
            align = Qt.AlignmentFlag.AlignHCenter | (
                Qt.AlignmentFlag.AlignBottom if self.has_image else Qt.AlignmentFlag.AlignVCenter
            )
            painter.drawText(rect, align | Qt.TextFlag.TextWordWrap, self._notice)
        painter.end()


class PreviewDialog(QDialog):
    """Signals:
    navigate_requested(int): -1 previous, +1 next.
    selection_toggled(str, bool): the shown photo was (un)selected here.
    """

    navigate_requested = Signal(int)
    selection_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.setWindowTitle(self.tr("Photo preview"))
        self.setAccessibleName(self.tr("Photo preview"))
        self.image_id = ""
        self.image = ImageView(self)
        self.title = QLabel(self)
        self.title.setObjectName("previewTitle")
        self.previous_button = QPushButton(self.tr("‹ Previous"), self)
        self.previous_button.setObjectName("previewPrevButton")
        self.previous_button.setToolTip(self.tr("Previous photo (Left)"))
        self.previous_button.clicked.connect(lambda: self.navigate_requested.emit(-1))
        self.next_button = QPushButton(self.tr("Next ›"), self)
        self.next_button.setObjectName("previewNextButton")
        self.next_button.setToolTip(self.tr("Next photo (Right)"))
        self.next_button.clicked.connect(lambda: self.navigate_requested.emit(1))
        self.select_box = QCheckBox(self.tr("Selected"), self)
        self.select_box.setObjectName("previewSelectBox")
        self.select_box.setToolTip(self.tr("Select this photo for download (Space)"))
        self.select_box.toggled.connect(self._on_select_toggled)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("previewCloseButton")
        close.setToolTip(self.tr("Close the preview (Esc)"))
        close.clicked.connect(self.reject)
        for button in (self.previous_button, self.next_button, close):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.select_box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        keys = QLabel(self.tr("← → browse · Space select · Esc close"), self)
        keys.setObjectName("previewKeysHint")
        keys.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title, 0, Qt.AlignmentFlag.AlignCenter)
        titles.addWidget(keys, 0, Qt.AlignmentFlag.AlignCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addLayout(titles, 1)
        bar.addWidget(self.select_box)
        bar.addWidget(self.next_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addLayout(bar)
        self._updating = False

    def show_photo(
        self,
        image_id: str,
        title: str,
        thumbnail: QPixmap | None,
        *,
        selected: bool,
        has_previous: bool,
        has_next: bool,
    ) -> None:
        self.image_id = image_id
        self.title.setText(title)
        self.setAccessibleDescription(title)
        self.image.setAccessibleName(title)
        self.image.set_pixmap(thumbnail, self.tr("Loading the large photo…"))
        self._updating = True
        self.select_box.setChecked(selected)
        self._updating = False
        self.previous_button.setEnabled(has_previous)
        self.next_button.setEnabled(has_next)

    def set_large(self, image_id: str, pixmap: QPixmap) -> None:
        if image_id == self.image_id:
            self.image.set_pixmap(pixmap)

    def set_failed(self, image_id: str, text: str) -> None:
        if image_id == self.image_id:
            self.image.set_pixmap(self.image.pixmap, text)

    def set_selected(self, selected: bool) -> None:
        self._updating = True
        self.select_box.setChecked(selected)
        self._updating = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Left and self.previous_button.isEnabled():
            self.navigate_requested.emit(-1)
        elif key == Qt.Key.Key_Right and self.next_button.isEnabled():
            self.navigate_requested.emit(1)
        elif key == Qt.Key.Key_Space:
            self.select_box.toggle()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.reject()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _on_select_toggled(self, on: bool) -> None:
        if not self._updating and self.image_id:
            self.selection_toggled.emit(self.image_id, on)
