"""The window's menus: Settings (connect to your event) and Help (log folder, About)."""

from __future__ import annotations

import contextlib
import platform
import sys
from collections.abc import Callable
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QObject, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.ui.text import fill

LICENCE = "MIT"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


def app_version() -> str:
    from importlib import metadata  # parsing package metadata: only when About is opened

    try:
        return metadata.version("photo-retriever")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def about_text() -> str:
    """Version, Qt and Python versions, licence: what a bug report needs."""
    lines = [
        f"<b>{_tr('Race Photo Retriever')}</b> {app_version()}",
        _tr("Find and download your race photos from 9Pic."),
        "",
        f"Qt {qVersion()} · PySide6 {PySide6.__version__} · "
        f"Python {platform.python_version()} ({sys.platform})",
        fill(_tr("Licence: %1"), LICENCE),
    ]
    return "<br>".join(lines)


class Menus(QObject):
    """Adds the menus to `window`; `connect_action` is also reachable with Ctrl+,."""

    def __init__(
        self,
        window: QMainWindow,
        on_connect: Callable[[], None],
        *,
        log_folder: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.log_folder = log_folder
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        """A seam: tests record the URL instead of starting a file manager."""
        self.about_box: QMessageBox | None = None
        bar = window.menuBar()
        settings = bar.addMenu(_tr("Setti&ngs"))  # Alt+S is the Search button's
        settings.setObjectName("settingsMenu")
        self.connect_action = QAction(_tr("&Connect to your event…"), window)
        self.connect_action.setObjectName("connectAction")
        self.connect_action.setShortcut(QKeySequence("Ctrl+,"))
        self.connect_action.triggered.connect(on_connect)
        settings.addAction(self.connect_action)
        help_menu = bar.addMenu(_tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.log_action = QAction(_tr("Open &log folder"), window)
        self.log_action.setObjectName("openLogFolderAction")
        self.log_action.triggered.connect(self.open_log_folder)
        self.log_action.setEnabled(log_folder is not None)
        self.about_action = QAction(_tr("&About Race Photo Retriever"), window)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.log_action)
        help_menu.addAction(self.about_action)

    def set_log_folder(self, folder: Path | None) -> None:
        """Where Help → Log folder opens (known once logging is set up)."""
        self.log_folder = folder
        self.log_action.setEnabled(folder is not None)

    def open_log_folder(self) -> None:
        if self.log_folder is None:
            return
        with contextlib.suppress(OSError):  # the file manager says so; nothing to lose
            self.log_folder.mkdir(parents=True, exist_ok=True)
        self.open_url(QUrl.fromLocalFile(str(self.log_folder)))

    def show_about(self) -> None:
        """Non-modal (`open`, not `exec`), so the event loop keeps running."""
        if self.about_box is None:
            box = QMessageBox(self.window)
            box.setObjectName("aboutBox")
            box.setWindowTitle(_tr("About Race Photo Retriever"))
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(about_text())
            self.about_box = box
        self.about_box.open()
