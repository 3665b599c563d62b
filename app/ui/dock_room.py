"""`DockRoom`: the download dock never takes the photo grid below two rows.

The dock gets what is left once the grid has two rows of tiles; with less than the
details need, the panel folds to its bar line (and may not unfold until there is room).
It looks again whenever the grid is resized (window, message bar, dock) or its tiles
change size, on the next turn of the event loop so that a layout settles first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QListView,
    QMainWindow,
    QStyle,
    QStyleOptionViewItem,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.ui.widgets.download_panel import DownloadPanel

ROWS_KEPT = 2
PREFERRED_HEIGHT = 250
DETAILS_MIN_HEIGHT = 150
"""Below this the lists show too little to be worth it: the panel folds."""


def grid_row_height(grid: QListView) -> int:
    """One row of tiles, spacing included."""
    delegate = grid.itemDelegate()
    height = delegate.sizeHint(QStyleOptionViewItem(), QModelIndex()).height() if delegate else 0
    return max(1, height) + grid.spacing()


class DockRoom(QObject):
    """Sizes `dock` (holding `panel`) so that `grid` keeps `ROWS_KEPT` rows."""

    def __init__(
        self, window: QMainWindow, dock: QDockWidget, panel: DownloadPanel, grid: QListView
    ) -> None:
        super().__init__(window)
        self.window = window
        self.dock = dock
        self.panel = panel
        self.grid = grid
        self._folded_for_room = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        grid.installEventFilter(self)
        panel.collapsed_changed.connect(self._on_collapsed_changed)

    def grid_needs(self) -> int:
        """The grid's height for two rows of tiles (frame and spacing included)."""
        row = grid_row_height(self.grid)
        return ROWS_KEPT * row + self.grid.spacing() + 2 * self.grid.frameWidth()

    def room(self) -> int:
        """What the dock may take: what it has now plus what the grid can spare."""
        spare = self.grid.height() - self.grid_needs()
        if self.dock.isVisible():
            return self.dock.height() + spare
        separator = self.window.style().pixelMetric(
            QStyle.PixelMetric.PM_DockWidgetSeparatorExtent, None, self.window
        )
        return spare - separator

    def show(self) -> None:
        """Open the dock as tall as it may be, up to its preferred height."""
        room = self.room()
        if room < DETAILS_MIN_HEIGHT and not self.panel.collapsed:
            self._folded_for_room = True
            self.panel.set_collapsed(True)
        self.dock.show()
        self._apply(room, grow=True)

    def wanted(self) -> int:
        """Height the open dock still wants for its details (0 when folded by hand)."""
        if not self.dock.isVisible() or (self.panel.collapsed and not self._folded_for_room):
            return 0
        return max(0, DETAILS_MIN_HEIGHT - self.dock.height())

    def schedule(self) -> None:
        if self.dock.isVisible():
            self._timer.start()

    def fit(self) -> None:
        if self.dock.isVisible():
            self._apply(self.room(), grow=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.grid and event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def _apply(self, room: int, *, grow: bool) -> None:
        panel = self.panel
        can_expand = room >= DETAILS_MIN_HEIGHT
        panel.set_can_expand(can_expand)
        if not can_expand and not panel.collapsed:
            self._folded_for_room = True
            panel.set_collapsed(True)  # comes back here through collapsed_changed
            return
        if can_expand and panel.collapsed and self._folded_for_room:
            self._folded_for_room = False
            panel.set_collapsed(False)
            return
        folded = panel.collapsed_height()
        limit = folded if panel.collapsed else max(folded, room)
        self.dock.setMaximumHeight(limit)
        height = self.dock.height()
        target = min(limit, PREFERRED_HEIGHT) if grow else min(height, limit)
        if target != height:
            self.window.resizeDocks([self.dock], [target], Qt.Orientation.Vertical)

    def _on_collapsed_changed(self, collapsed: bool) -> None:
        if not collapsed:
            self._folded_for_room = False
        if self.dock.isVisible():
            self._apply(self.room(), grow=not collapsed)
