"""`StripRoom`: the "you may be in these too" strip never takes the results below two rows.

When the window is too short for the strip and two rows of result tiles, the strip folds to
its heading line; it opens again by itself once there is room, unless the runner folded or
opened it by hand (then their choice stands until the next search). A running download's
details come first: `reserve` tells what the download dock still wants.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QListView

from app.ui.dock_room import ROWS_KEPT, grid_row_height
from app.ui.widgets.nearby_strip import NearbySection


class StripRoom(QObject):
    """Folds `section`'s strip while `grid` would have fewer than `ROWS_KEPT` rows."""

    def __init__(self, section: NearbySection, grid: QListView) -> None:
        super().__init__(section)
        self.section = section
        self.grid = grid
        self._chosen_by_hand = False
        self.reserve: Callable[[], int] = lambda: 0
        """Height other parts want from the grid first (the download dock's details)."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        grid.installEventFilter(self)
        section.fold_requested.connect(self._on_fold_requested)

    def grid_needs(self) -> int:
        row = grid_row_height(self.grid)
        return ROWS_KEPT * row + self.grid.spacing() + 2 * self.grid.frameWidth()

    def new_result(self) -> None:
        """A new look-up: the hand-made choice is forgotten, room decides again."""
        self._chosen_by_hand = False

    def fit(self) -> None:
        """Fold or open the strip for the grid's present height (before it is shown, too)."""
        section = self.section
        if self._chosen_by_hand:
            return
        # the grid's height as it would be with the strip folded
        open_now = section.strip_shown
        height = self.grid.height() + (section.strip_height() if open_now else 0)
        fits = height - section.strip_height() - self.reserve() >= self.grid_needs()
        section.set_folded(not fits)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self.grid and event.type() == QEvent.Type.Resize
        if resized and self.section.isVisible():
            self._timer.start()
        return False

    def _on_fold_requested(self, folded: bool) -> None:
        self._chosen_by_hand = True
        self.section.set_folded(folded)
