"""The "You may be in these too" section: a heading, one line of why, and a strip of photos.

The strip is the photo grid laid out in one scrolling row (same tiles, ticks, keys and
selection mirroring), so picking a photo here feels exactly like picking one above.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui.models.photo_model import PhotoModel
from app.ui.widgets.photo_delegate import MARGIN
from app.ui.widgets.photo_grid import PhotoGrid

STRIP_CELL = 112
"""Tile size in the strip: smaller than the grid's, it is the second thing to look at."""


class NearbyStrip(PhotoGrid):
    """One row of photos that scrolls sideways (the mouse wheel scrolls it too).

    Signals: as `PhotoGrid` (preview_requested, selection_toggled, image_box_changed).
    """

    def __init__(self, model: PhotoModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.setObjectName("nearbyStrip")
        self.setAccessibleName(self.tr("Photos you may be in too"))
        self.setWrapping(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.set_cell_size(STRIP_CELL)
        bar = self.horizontalScrollBar().sizeHint().height()
        tile = STRIP_CELL + 2 * MARGIN + 2 * self.spacing()
        self.setFixedHeight(tile + bar + 2 * self.frameWidth())

    def _fit_cells(self) -> None:
        """Square tiles: a single row has no width to fill."""
        if (self.delegate.cell, self.delegate.tile_width) != (STRIP_CELL, STRIP_CELL):
            self.delegate.set_cell(STRIP_CELL, STRIP_CELL)
            self.scheduleDelayedItemsLayout()
        box = self.delegate.image_box() * self.devicePixelRatioF()
        if box != self.image_box:
            self._image_box = box
            self.image_box_changed.emit(box)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if delta.x() == 0 and delta.y() != 0:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta.y())
            event.accept()
            return
        super().wheelEvent(event)


class NearbySection(QWidget):
    """Hidden until a look-up starts; then a heading with a status line or the strip."""

    def __init__(self, model: PhotoModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nearbySection")
        self.title = QLabel(self.tr("You may be in these too"), self)
        self.title.setObjectName("nearbyTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.note = QLabel(self)
        self.note.setObjectName("nearbyNote")
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.setWordWrap(True)
        self.strip = NearbyStrip(model, self)
        heading = QHBoxLayout()
        heading.setSpacing(12)
        heading.addWidget(self.title)
        heading.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addWidget(self.strip)
        self.strip.setAccessibleDescription(
            self.tr("Arrow keys move, Space selects, Enter opens a large preview.")
        )
        self.hide()

    def show_looking(self) -> None:
        self._show_line(self.tr("Looking for photos taken around yours…"))

    def show_photos(self, count: int) -> None:
        if count == 0:
            self._show_line(self.tr("No other photos were taken around yours."))
            return
        self.note.setText(
            self.tr(
                "%n photo(s) taken within two minutes of yours that your search did not find. "
                "Your BIB may be hidden in some: select the ones you are in.",
                "",
                count,
            )
        )
        self.strip.show()
        self.show()

    def show_failed(self, reason: str) -> None:
        self._show_line(self.tr("Photos taken around yours could not be looked up.") + " " + reason)

    def _show_line(self, text: str) -> None:
        self.note.setText(text)
        self.strip.hide()
        self.show()
