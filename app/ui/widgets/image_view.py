"""`ImageView`: the preview's picture, fitted to the window or at 100 % (drag to pan).

At 100 % one image pixel is one screen (device) pixel, so a runner can check whether
the photo is sharp; a picture larger than the view is dragged around with the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget


class ImageView(QWidget):
    """Paints a pixmap fitted to the widget (scaled once per size) or at 100 %.

    Signals:
        zoom_changed(bool): True at 100 %, False when fitted.
        resized(): the view changed size (the overlay arrows follow it).
    """

    zoom_changed = Signal(bool)
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewImage")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the dialog's keys reach it first
        self._pixmap = QPixmap()
        self._scaled: QPixmap | None = None
        self._notice = ""
        self._actual = False
        self._pan = QPointF(0, 0)
        """At 100 %: how far the picture's centre is moved from the view's centre."""
        self._drag_from: QPointF | None = None

    # ------------------------------------------------------------------ API

    def set_pixmap(self, pixmap: QPixmap | None, notice: str = "") -> None:
        self._pixmap = pixmap if pixmap is not None else QPixmap()
        self._scaled = None
        self._notice = notice
        self._pan = self._clamped(self._pan)
        self._update_cursor()
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

    @property
    def actual_size(self) -> bool:
        """True at 100 %, False when the picture is fitted to the view."""
        return self._actual

    @property
    def pan_offset(self) -> QPointF:
        return QPointF(self._pan)

    @property
    def can_pan(self) -> bool:
        """At 100 % with a picture larger than the view in some direction."""
        if not self._actual or self._pixmap.isNull():
            return False
        size = self._logical_size()
        return size.width() > self.width() or size.height() > self.height()

    def set_actual_size(self, on: bool) -> None:
        if on == self._actual:
            return
        self._actual = on
        self._pan = QPointF(0, 0)
        self._update_cursor()
        self.update()
        self.zoom_changed.emit(on)

    def toggle_zoom(self) -> None:
        self.set_actual_size(not self._actual)

    def image_rect(self) -> QRectF:
        """Where the picture is painted, in widget coordinates."""
        if self._pixmap.isNull():
            return QRectF()
        if self._actual:
            size = self._logical_size()
            w, h = size.width(), size.height()
            centre = QPointF(self.width() / 2, self.height() / 2) + self._pan
            return QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h)
        fitted = self._pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        w, h = fitted.width(), fitted.height()
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def sizeHint(self) -> QSize:
        return QSize(960, 640)

    # ------------------------------------------------------------ internals

    def _logical_size(self) -> QSize:
        dpr = self.devicePixelRatioF() or 1.0
        size = self._pixmap.size()
        return QSize(round(size.width() / dpr), round(size.height() / dpr))

    def _clamped(self, pan: QPointF) -> QPointF:
        """Never drag the picture's edge inside the view (nor move a picture that fits)."""
        if not self._actual or self._pixmap.isNull():
            return QPointF(0, 0)
        size = self._logical_size()
        room_x = max(0.0, (size.width() - self.width()) / 2)
        room_y = max(0.0, (size.height() - self.height()) / 2)
        return QPointF(max(-room_x, min(room_x, pan.x())), max(-room_y, min(room_y, pan.y())))

    def _update_cursor(self) -> None:
        if self._drag_from is not None:
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif self.can_pan:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.unsetCursor()

    # ------------------------------------------------------------- Qt hooks

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.can_pan:
            self._drag_from = event.position()
            self._update_cursor()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._pan = self._clamped(self._pan + event.position() - self._drag_from)
            self._drag_from = event.position()
            self.update()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = None
            self._update_cursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.has_image:
            self.toggle_zoom()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._pan = self._clamped(self._pan)
        self._update_cursor()
        self.resized.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if not self._pixmap.isNull():
            target = self.image_rect()
            if self._actual:
                painter.drawPixmap(target, self._pixmap, QRectF(self._pixmap.rect()))
            else:
                self._paint_fitted(painter, target)
        if self._notice:
            painter.setPen(self.palette().color(QPalette.ColorRole.BrightText))
            rect = self.rect().adjusted(12, 12, -12, -12)
            align = Qt.AlignmentFlag.AlignHCenter | (
                Qt.AlignmentFlag.AlignBottom if self.has_image else Qt.AlignmentFlag.AlignVCenter
            )
            painter.drawText(rect, align | Qt.TextFlag.TextWordWrap, self._notice)
        painter.end()

    def _paint_fitted(self, painter: QPainter, target: QRectF) -> None:
        dpr = self.devicePixelRatioF()
        device = QSize(round(target.width() * dpr), round(target.height() * dpr))
        if self._scaled is None or self._scaled.size() != device:
            self._scaled = self._pixmap.scaled(
                device,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled.setDevicePixelRatio(dpr)
        painter.drawPixmap(target, self._scaled, QRectF(self._scaled.rect()))
