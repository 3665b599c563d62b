"""The download panel's bottom row: "Save to" (the folder; a click changes it), "Open
folder" and "Export report…", with the dialogs they open.

Dialogs open with `open()` (never `exec()`) and answer through signals or callbacks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from app.ui.widgets.download_rows import short_path
from app.ui.widgets.panel_dialogs import open_folder_dialog, open_report_dialog

_FOLDER_TEXT_WIDTH = 360


class FolderRow(QWidget):
    """Signals:
    folder_chosen(str): the user picked another download folder.
    export_requested(str): save the report at this path (.csv or .json).
    """

    folder_chosen = Signal(str)
    export_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        """How "Open folder" opens it (tests replace it)."""
        self.folder = Path()
        self.folder_dialog: QFileDialog | None = None
        self.report_dialog: QFileDialog | None = None
        label = QLabel(self.tr("Save &to"), self)
        self.choose_folder_button = self._button(
            "chooseFolderButton", "", self.tr("Change folder…")
        )
        self.choose_folder_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        )
        self.choose_folder_button.clicked.connect(self.choose_folder)
        label.setBuddy(self.choose_folder_button)
        self.open_folder_button = self._button(
            "openFolderButton", self.tr("&Open folder"), self.tr("Open folder")
        )
        self.open_folder_button.setToolTip(self.tr("Show the downloaded photos"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.export_button = self._button(
            "exportReportButton", self.tr("E&xport report…"), self.tr("Export report")
        )
        self.export_button.setToolTip(
            self.tr("Save a receipt of this download: file, size, SHA-256, status (CSV or JSON)")
        )
        self.export_button.clicked.connect(self.choose_report_file)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(label)
        layout.addWidget(self.choose_folder_button)
        layout.addWidget(self.open_folder_button)
        layout.addStretch(1)
        layout.addWidget(self.export_button)

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    def set_folder(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        shown = short_path(self.folder)
        metrics = self.choose_folder_button.fontMetrics()
        self.choose_folder_button.setText(
            metrics.elidedText(shown, Qt.TextElideMode.ElideMiddle, _FOLDER_TEXT_WIDTH)
        )
        self.choose_folder_button.setToolTip(
            self.tr("Photos are saved in %1. Click to change the folder.").replace(
                "%1", str(self.folder)
            )
        )
        self.choose_folder_button.setAccessibleDescription(str(self.folder))

    def show_state(self, *, running: bool, used: bool, has_report: bool) -> None:
        self.choose_folder_button.setEnabled(not running)
        self.open_folder_button.setEnabled(used and not running)
        self.export_button.setEnabled(has_report and not running)

    # -------------------------------------------------------------- actions

    def choose_folder(self) -> None:
        self.folder_dialog = open_folder_dialog(
            self, self.tr("Choose the download folder"), self.folder, self.folder_chosen.emit
        )
        self.folder_dialog.destroyed.connect(self._on_folder_dialog_gone)

    def ask_folder(self, start: Path, answer: Callable[[Path | None], None]) -> None:
        """The first download's question: where should the photos go? (`start` proposed)."""
        self.folder_dialog = open_folder_dialog(
            self,
            self.tr("Where should the photos be saved?"),
            start,
            lambda path: answer(Path(path)),
            lambda: answer(None),
        )
        self.folder_dialog.destroyed.connect(self._on_folder_dialog_gone)

    def _on_folder_dialog_gone(self) -> None:
        self.folder_dialog = None

    def open_folder(self) -> None:
        self.open_url(QUrl.fromLocalFile(str(self.folder)))

    def choose_report_file(self) -> None:
        self.report_dialog = open_report_dialog(
            self,
            self.tr("Export the download report"),
            self.folder / "race-photos-report.csv",
            lambda path: self.export_requested.emit(str(path)),
        )
        self.report_dialog.destroyed.connect(self._on_report_dialog_gone)

    def _on_report_dialog_gone(self) -> None:
        self.report_dialog = None
