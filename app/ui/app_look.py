"""The application's names, icon, translations and style: set once, before any window.

Light on purpose (Qt and our resources only): the start draws the first frame with
it before the rest of the app has loaded.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.resources import resource_path
from app.ui.translations import install_translator
from app.ui.widgets.style import FocusRingStyle

DESKTOP_FILE = "photo-retriever"


def prepare_app(app: QApplication) -> None:
    """Names, icon, translator and the focus-ring style; a second call changes nothing."""
    app.setApplicationName("photo-retriever")
    app.setApplicationDisplayName("Race Photo Retriever")
    app.setDesktopFileName(DESKTOP_FILE)
    if app.windowIcon().isNull():
        app.setWindowIcon(app_icon())
    install_translator(app)
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle(app.style().name()))  # the platform look, plus a ring


def app_icon() -> QIcon:
    """Every size we ship, so Qt picks a crisp one on any screen."""
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = resource_path("icons", f"photo-retriever-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon
