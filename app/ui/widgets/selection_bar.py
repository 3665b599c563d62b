"""The selection row: "12 selected · about 54 MB", select page / all / clear, and downloads."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from app.ui.text import fill
from app.ui.user_message import format_bytes
from app.ui.widgets.fitting_label import FittingLabel


class SelectionBar(QWidget):
    """Signals:
    select_page_requested(), select_all_requested(), clear_requested(),
    download_selected_requested(), download_all_requested(),
    downloads_link_clicked(): the link standing in for the closed download panel.
    """

    select_page_requested = Signal()
    select_all_requested = Signal()
    clear_requested = Signal()
    download_selected_requested = Signal()
    download_all_requested = Signal()
    downloads_link_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Steady at 200 px so the buttons beside it stay put as the count changes; in
        # a narrow window it drops the pages and the size before it pushes them out.
        self.label = FittingLabel([""], self, steady_width=200)
        self.label.setObjectName("selectionLabel")
        self.label.setAccessibleName(self.tr("Selection"))
        self.select_page_button = self._button(
            "selectPageButton",
            self.tr("Select pa&ge"),
            self.tr("Select every photo on this page (Ctrl+A)"),
        )
        self.select_all_button = self._button(
            "selectAllButton",
            self.tr("Select &all results"),
            self.tr("Select every photo of this search, on all pages (Ctrl+Shift+A)"),
        )
        self.clear_button = self._button(
            "clearSelectionButton", self.tr("C&lear"), self.tr("Unselect everything (Ctrl+Shift+N)")
        )
        self.download_selected_button = self._button(
            "downloadSelectedButton",
            self.tr("&Download selected"),
            self.tr("Download the originals of the selected photos (Ctrl+D)"),
        )
        self.download_all_button = self._button(
            "downloadAllButton",
            self.tr("Do&wnload all results"),
            self.tr("Download the originals of every photo this search found (Ctrl+Shift+D)"),
        )
        self.select_page_button.clicked.connect(self.select_page_requested)
        self.select_all_button.clicked.connect(self.select_all_requested)
        self.clear_button.clicked.connect(self.clear_requested)
        self.download_selected_button.clicked.connect(self.download_selected_requested)
        self.download_all_button.clicked.connect(self.download_all_requested)
        self.downloads_link = QPushButton(self)
        self.downloads_link.setObjectName("downloadsLink")
        self.downloads_link.setFlat(True)
        self.downloads_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.downloads_link.setToolTip(self.tr("Open the download panel"))
        palette = self.downloads_link.palette()
        palette.setColor(QPalette.ColorRole.ButtonText, palette.color(QPalette.ColorRole.Link))
        self.downloads_link.setPalette(palette)
        font = self.downloads_link.font()
        font.setUnderline(True)
        self.downloads_link.setFont(font)
        self.downloads_link.clicked.connect(self.downloads_link_clicked)
        self.downloads_link.hide()
        separator = QFrame(self)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.select_page_button)
        layout.addWidget(self.select_all_button)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        layout.addWidget(self.downloads_link)
        layout.addWidget(separator)
        layout.addWidget(self.download_selected_button)
        layout.addWidget(self.download_all_button)
        self.set_selection(0, 0, 0)
        self.set_results(0, 0)

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.setToolTip(tip)
        return button

    def set_selection(self, count: int, estimated_bytes: int, pages: int = 1) -> None:
        if count == 0:
            wordings = [self.tr("No photos selected")]
        else:
            size = format_bytes(estimated_bytes)
            short = self.tr("%n selected", "", count)
            wordings = [fill(self.tr("%n selected · about %1", "", count), size), short]
            if pages > 1:
                across = self.tr("%n selected across %1 pages · about %2", "", count)
                wordings.insert(0, fill(across, pages, size))
        text = wordings[0]
        self.label.set_wordings(wordings)
        self.label.setAccessibleDescription(text)
        self.clear_button.setEnabled(count > 0)
        self.download_selected_button.setEnabled(count > 0)
        self.download_selected_button.setText(
            self.tr("&Download %n selected", "", count) if count else self.tr("&Download selected")
        )

    def set_results(self, on_page: int, total: int) -> None:
        self.select_page_button.setEnabled(on_page > 0)
        self.select_all_button.setEnabled(total > 0)
        self.download_all_button.setEnabled(total > 0)
        self.download_all_button.setText(
            self.tr("Do&wnload all %n", "", total) if total else self.tr("Do&wnload all results")
        )

    def set_downloads_link(self, *, shown: bool, failed: int, used: bool) -> None:
        """While the download panel is closed: "1 earlier failure" (from a run before this
        one), "2 failed photos", or "Show downloads" after a batch; nothing otherwise."""
        if failed and not used:
            text = self.tr("%n earlier failure(s)", "", failed)
        elif failed:
            text = self.tr("%n failed photo(s)", "", failed)
        else:
            text = self.tr("Show downloads") if used else ""
        self.downloads_link.setText(text)
        self.downloads_link.setAccessibleName(text)
        self.downloads_link.setVisible(shown and bool(text))
