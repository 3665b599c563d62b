"""A desktop notification when a download batch ends.

The system tray shows it when the user is elsewhere and the desktop has one; when the
window is in front, or there is no tray (offscreen tests, a kiosk without a shell), it
goes to `fallback`, which the window points at its message bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.ui.messages import Level, UserMessage

SHOW_MS = 8000


class Notifier(QObject):
    """Signals:
    activated(): the user clicked the notification (bring the window forward).
    """

    activated = Signal()

    def __init__(
        self,
        fallback: Callable[[UserMessage], None],
        parent: QObject | None = None,
        *,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        app_in_front: Callable[[], bool] = lambda: QApplication.activeWindow() is not None,
    ) -> None:
        super().__init__(parent)
        self._fallback = fallback
        self._tray_available = tray_available
        self._app_in_front = app_in_front
        self._tray: QSystemTrayIcon | None = None
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(SHOW_MS + 2000)
        self._hide_timer.timeout.connect(self._on_hide_timer_timeout)

    def notify(self, title: str, text: str, level: Level = Level.INFO) -> None:
        icon = QApplication.windowIcon()
        if self._app_in_front() or not self._tray_available() or icon.isNull():
            self._fallback(UserMessage(text, level))
            return
        if self._tray is None:
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip(QApplication.applicationDisplayName())
            self._tray.messageClicked.connect(self.activated)
        kind = (
            QSystemTrayIcon.MessageIcon.Information
            if level is Level.INFO
            else QSystemTrayIcon.MessageIcon.Warning
        )
        self._tray.show()
        self._tray.showMessage(title, text, kind, SHOW_MS)
        self._hide_timer.start()

    def close(self) -> None:
        self._hide_timer.stop()
        if self._tray is not None:
            self._tray.hide()

    def _on_hide_timer_timeout(self) -> None:
        """The icon was there only to carry the message."""
        if self._tray is not None:
            self._tray.hide()
