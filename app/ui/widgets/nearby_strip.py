"""The "You may be in these too" section: a heading, one line of why, and a strip of photos.

The strip is the photo grid laid out in one scrolling row (same tiles, ticks, keys and
selection mirroring), so picking a photo here feels exactly like picking one above.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

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
        """Square tiles: a single row has no width to fill (and no page size to offer)."""
        if (self.delegate.cell, self.delegate.tile_width) != (STRIP_CELL, STRIP_CELL):
            self.delegate.set_cell(STRIP_CELL, STRIP_CELL)
            self.scheduleDelayedItemsLayout()
        box = self.delegate.decode_box(self.devicePixelRatioF())
        if box != self.image_box:
            self._image_box = box
            self.image_box_changed.emit(box)

    def _show_empty_look(self, empty: bool) -> None:
        """As the grid's, but one row never scrolls up and down."""
        super()._show_empty_look(empty)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    @property
    def columns(self) -> int:
        """One line: every photo is a column of it (what the grid's painting reads)."""
        return max(1, self.model().rowCount())

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if delta.x() == 0 and delta.y() != 0:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - delta.y())
            event.accept()
            return
        super().wheelEvent(event)


class NearbySection(QWidget):
    """Hidden until a look-up starts; then a heading with a status line or the strip.

    The strip can be folded to its heading line (the Hide/Show button, or `StripRoom`
    when the window is too short for it and two rows of results). Signals:
    fold_requested(bool): the user pressed Hide (True) or Show (False).
    """

    fold_requested = Signal(bool)

    def __init__(self, model: PhotoModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._has_photos = False
        self._folded = False
        self._count = 0
        self.setObjectName("nearbySection")
        # The heading line lives apart from the section (`heading`), so the window can put
        # it in the pager's row: a folded strip then costs the photos above no height.
        self.heading = QWidget(self)
        self.heading.setObjectName("nearbyHeading")
        self.title = QLabel(self.tr("You may be in these too"), self.heading)
        self.title.setObjectName("nearbyTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.note = QLabel(self.heading)
        self.note.setObjectName("nearbyNote")
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.note.setWordWrap(True)
        self.strip = NearbyStrip(model, self)
        self.fold_button = QToolButton(self.heading)
        self.fold_button.setObjectName("nearbyFoldButton")
        self.fold_button.setAutoRaise(True)
        self.fold_button.clicked.connect(lambda: self.fold_requested.emit(not self._folded))
        self.fold_button.hide()
        self._name_fold_button()
        heading = QHBoxLayout(self.heading)
        heading.setContentsMargins(0, 0, 0, 0)
        heading.setSpacing(12)
        heading.addWidget(self.title)
        heading.addWidget(self.note, 1)
        heading.addWidget(self.fold_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
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
        self._count = count
        self._has_photos = True
        self._say_count()
        self.fold_button.show()
        self.strip.setVisible(not self._folded)
        self.show()

    def setVisible(self, visible: bool) -> None:
        """The heading follows the section, wherever the window has put it."""
        super().setVisible(visible)
        self.heading.setVisible(visible)

    @property
    def folded(self) -> bool:
        return self._folded

    @property
    def strip_shown(self) -> bool:
        return self._has_photos and not self._folded

    def strip_height(self) -> int:
        """What showing the strip takes from the photos above it (layout spacing included)."""
        return self.strip.maximumHeight()  # fixed; the section has no margins

    def set_folded(self, folded: bool) -> None:
        """Fold the strip to the heading line, or open it again; the note stays."""
        if folded == self._folded:
            return
        self._folded = folded
        self._name_fold_button()
        if self._has_photos:
            self._say_count()
            self.strip.setVisible(not folded)

    def show_failed(self, reason: str) -> None:
        self._show_line(self.tr("Photos taken around yours could not be looked up.") + " " + reason)

    def _show_line(self, text: str) -> None:
        self._has_photos = False
        self.note.setText(text)
        self.strip.hide()
        self.fold_button.hide()
        self.show()

    def _say_count(self) -> None:
        """Folded, one short line (it shares the pager's row); open, the whole why."""
        if self._folded:
            text = self.tr("%n photo(s) taken around yours", "", self._count)
        else:
            text = self.tr(
                "%n photo(s) taken within two minutes of yours that your search did not find. "
                "Your BIB may be hidden in some: select the ones you are in.",
                "",
                self._count,
            )
        self.note.setText(text)

    def _name_fold_button(self) -> None:
        self.fold_button.setText(self.tr("Show") if self._folded else self.tr("Hide"))
        self.fold_button.setAccessibleName(
            self.tr("Show the photos you may be in")
            if self._folded
            else self.tr("Hide the photos you may be in")
        )
