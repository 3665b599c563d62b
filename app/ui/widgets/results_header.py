"""The row above the grid: what the results are of, a busy bar, and the thumbnail size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSlider, QWidget

from app.ui.widgets.photo_delegate import MAX_CELL, MIN_CELL


class ResultsHeader(QWidget):
    """`title` (bold, larger), `busy_indicator` (shown while loading) and `size_slider`."""

    def __init__(self, thumbnail_size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("resultsTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setObjectName("busyIndicator")
        self.busy_indicator.setAccessibleName(self.tr("Loading"))
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.setMaximumHeight(10)
        self.busy_indicator.hide()
        size_label = QLabel(self.tr("Si&ze"), self)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.size_slider.setObjectName("thumbnailSizeSlider")
        self.size_slider.setAccessibleName(self.tr("Thumbnail size"))
        self.size_slider.setToolTip(self.tr("Thumbnail size (Ctrl+Plus / Ctrl+Minus)"))
        self.size_slider.setRange(MIN_CELL, MAX_CELL)
        self.size_slider.setSingleStep(8)
        self.size_slider.setPageStep(40)
        self.size_slider.setMaximumWidth(160)
        self.size_slider.setValue(max(MIN_CELL, min(MAX_CELL, thumbnail_size)))
        size_label.setBuddy(self.size_slider)
        row.addWidget(self.title)
        row.addSpacing(8)
        row.addWidget(self.busy_indicator)
        row.addStretch(1)
        row.addWidget(size_label)
        row.addWidget(self.size_slider)
