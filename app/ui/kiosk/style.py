"""Sizes for a touch screen, from the screen's height rather than fixed pixels."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication

MIN_TOUCH_PX = 48


@dataclass(frozen=True)
class TouchScale:
    """One unit (a button's height) and the text sizes that go with it."""

    unit: int
    text: int
    title: int

    @classmethod
    def for_height(cls, height: int) -> TouchScale:
        unit = max(MIN_TOUCH_PX, height // 15)
        return cls(unit=unit, text=max(16, int(unit * 0.36)), title=max(24, int(unit * 0.6)))

    @classmethod
    def for_screen(cls) -> TouchScale:
        screen = QGuiApplication.primaryScreen()
        height = screen.availableGeometry().height() if screen is not None else 800
        return cls.for_height(height)

    def stylesheet(self) -> str:
        u, t = self.unit, self.text
        return f"""
QWidget {{ font-size: {t}px; }}
QPushButton {{ min-height: {u}px; min-width: {u}px; font-size: {t}px;
               padding: 0 {u // 3}px; border-radius: {u // 6}px;
               background: palette(button); color: palette(button-text);
               border: 2px solid palette(mid); }}
QPushButton:pressed, QPushButton:checked {{ background: palette(midlight); }}
QPushButton:disabled {{ color: palette(mid); border-color: palette(midlight); }}
#kioskKeypad QPushButton, #pinKeypad QPushButton {{ padding: 0; min-width: {u}px; }}
QPushButton#kioskPreviewPrevious, QPushButton#kioskPreviewNext {{
    min-height: {u * 3}px; min-width: {u}px; font-size: {self.title}px; }}
QPushButton#keypadSearch, QPushButton#pinSearch, QPushButton#kioskExportButton,
QPushButton#kioskPhoneButton {{
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight); font-weight: bold; }}
QPushButton#kioskPreviewSelect:checked {{
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight); }}
QPushButton#kioskExportButton:disabled, QPushButton#kioskPhoneButton:disabled {{
    background: palette(button); color: palette(mid); border-color: palette(midlight); }}
QPushButton#kioskExitButton {{ border: none; background: transparent; color: palette(mid); }}
QLineEdit {{ min-height: {u}px; font-size: {int(u * 0.55)}px; padding: 0 {u // 4}px;
             border: 2px solid palette(mid); border-radius: {u // 6}px; }}
QLabel#kioskTitle {{ font-size: {self.title}px; font-weight: bold; }}
QLabel#kioskEventName {{ color: palette(mid); }}
QLabel#idleCountdown {{ font-size: {self.title}px; font-weight: bold; padding: {u // 3}px;
                        border-radius: {u // 5}px; background: palette(highlight);
                        color: palette(highlighted-text); }}
QLabel#kioskReconnecting {{ font-size: {self.title}px; background: palette(window); }}
QScrollBar:vertical {{ width: {u // 2}px; }}
"""
