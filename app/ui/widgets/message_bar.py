"""One non-modal message bar for errors, warnings and notices, with an optional Retry."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from app.ui.text import fill
from app.ui.user_message import Level, UserMessage
from app.ui.widgets.style import ERROR_TINT, WARNING_TINT, blend

_FLOAT_INSET = 6
"""Floating, the bar keeps this far inside the edges of what it floats over."""


class MessageBar(QFrame):
    """Shows one message at a time; hidden when there is none.

    Signals:
        retry_requested(): the user pressed Retry.
    """

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName(self.tr("Messages"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._level = Level.INFO
        self._icon = QLabel(self)
        self._text = QLabel(self)
        self._text.setObjectName("messageText")
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._retry = QPushButton(self.tr("&Retry"), self)
        self._retry.setObjectName("messageRetryButton")
        self._retry.clicked.connect(self.retry_requested)
        self._close = QToolButton(self)
        self._close.setObjectName("messageCloseButton")
        self._close.setText("✕")
        self._close.setAutoRaise(True)
        self._close.setToolTip(self.tr("Dismiss this message"))
        self._close.setAccessibleName(self.tr("Dismiss message"))
        self._close.clicked.connect(self.clear)
        self._countdown = 0
        self._template = ""
        self._target: QWidget | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.tick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        layout.addWidget(self._retry)
        layout.addWidget(self._close)
        self.hide()

    @property
    def text(self) -> str:
        return "" if self.isHidden() else self._text.text()

    @property
    def level(self) -> Level:
        return self._level

    @property
    def retry_button(self) -> QPushButton:
        """Shown only for messages that offer a Retry."""
        return self._retry

    @property
    def counting_down(self) -> bool:
        """A "retrying in N s…" notice is still counting down (its timer is running)."""
        return self._ticker.isActive()

    def float_over(self, target: QWidget) -> None:
        """Show over the top edge of `target` (inside this bar's parent) instead of in a
        layout row: a message coming or going never moves `target` or what is under it."""
        self._target = target
        target.installEventFilter(self)
        if isinstance(target, QAbstractScrollArea):
            target.viewport().installEventFilter(self)  # its scroll bar comes and goes
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._place()
        return False

    def _place(self) -> None:
        target, parent = self._target, self.parentWidget()
        if target is None or parent is None:
            return
        if isinstance(target, QAbstractScrollArea):
            target = target.viewport()  # leave its scroll bar free
        width = max(1, target.width() - 2 * _FLOAT_INSET)
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        if height <= 0:
            height = self.sizeHint().height()
        corner = target.mapTo(parent, QPoint(_FLOAT_INSET, _FLOAT_INSET))
        self.setGeometry(
            corner.x(), corner.y(), width, max(height, self.minimumSizeHint().height())
        )
        self.raise_()

    def show_message(self, message: UserMessage) -> None:
        self._level = message.level
        self._text.setText(message.text)
        self._countdown = message.countdown
        self._template = message.template
        if message.countdown > 1 and message.template:
            self._ticker.start()
        else:
            self._ticker.stop()
        self.setAccessibleDescription(message.text)
        self._retry.setVisible(message.can_retry)
        icons = {
            Level.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
            Level.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
            Level.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
        }
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(self.style().standardIcon(icons[message.level]).pixmap(size, size))
        self._apply_colours()
        self.show()
        self._place()

    def clear(self) -> None:
        self._ticker.stop()
        self._text.clear()
        self.setAccessibleDescription("")
        self.hide()

    def tick(self) -> None:
        """One second of the countdown has passed (the bar's timer calls this every second):
        "retrying in 3 s…", "2 s…", "1 s…", so the wait is visible, not a frozen notice."""
        self._countdown -= 1
        if self._countdown <= 1:
            self._ticker.stop()
        self._text.setText(fill(self._template, max(1, self._countdown)))
        self._place()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange and self.isVisible():
            self._apply_colours()

    def _apply_colours(self) -> None:
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else QApplication.palette()
        window = base.color(QPalette.ColorRole.Window)
        tint = {
            Level.INFO: base.color(QPalette.ColorRole.Highlight),
            Level.WARNING: WARNING_TINT,
            Level.ERROR: ERROR_TINT,
        }[self._level]
        palette = QPalette(base)
        palette.setColor(QPalette.ColorRole.Window, blend(window, tint, 0.16))
        palette.setColor(QPalette.ColorRole.WindowText, base.color(QPalette.ColorRole.WindowText))
        self.setPalette(palette)
