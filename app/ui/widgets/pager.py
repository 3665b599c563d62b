"""Previous / next and "Page 2 of 5 · 143 photos", driven by the server's pagination."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.text import fill


class Pager(QWidget):
    """Signals:
    previous_requested(), next_requested(): the buttons (PgUp/PgDn are window shortcuts).
    """

    previous_requested = Signal()
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_button = QPushButton(self.tr("‹ Previous"), self)
        self.previous_button.setObjectName("prevPageButton")
        self.previous_button.setAccessibleName(self.tr("Previous page"))
        self.previous_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.previous_button.clicked.connect(self.previous_requested)
        self.label = QLabel(self)
        self.label.setObjectName("pageLabel")
        self.label.setAccessibleName(self.tr("Page"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(220)
        self.next_button = QPushButton(self.tr("Next ›"), self)
        self.next_button.setObjectName("nextPageButton")
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self.next_button.clicked.connect(self.next_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.label)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        self.set_state(0, 0, 0)

    def set_state(self, page: int, total_pages: int, total: int) -> None:
        if total_pages <= 0:
            self.label.setText(self.tr("No photos") if page else "")
        else:
            text = self.tr("Page %1 of %2 · %n photo(s)", "", total)
            self.label.setText(fill(text, page, total_pages))
        self.label.setAccessibleDescription(self.label.text())
        self.previous_button.setEnabled(total_pages > 0 and page > 1)
        self.next_button.setEnabled(total_pages > 0 and page < total_pages)
