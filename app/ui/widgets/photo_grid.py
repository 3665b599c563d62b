"""The thumbnail grid: a QListView in icon mode over `PhotoModel`, painted by `PhotoDelegate`.

The view's own selection (click, Ctrl+click, Space, Ctrl+A, rubber band) is the way
users pick photos; it is handed to the controller's `Selection`, which keeps it across
pages, and re-applied from the model when a page is shown again.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.photo_model import PhotoModel, PhotoRole
from app.ui.widgets.photo_delegate import DEFAULT_CELL, MARGIN, PhotoDelegate


class PhotoGrid(QListView):
    """Signals:
    preview_requested(int): Enter or double-click on a row.
    selection_toggled(list, bool): the user selected (True) or unselected these image ids.
    image_box_changed(QSize): thumbnails now show at most this big, in device pixels.
    """

    preview_requested = Signal(int)
    selection_toggled = Signal(list, bool)
    image_box_changed = Signal(QSize)

    def __init__(self, model: PhotoModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoGrid")
        self.setAccessibleName(self.tr("Photos"))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Always shown: a scroll bar that comes and goes would change the width the
        # tiles are fitted to, and the layout could flip back and forth.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._wanted_cell = DEFAULT_CELL
        self._image_box = QSize()
        self.setMouseTracking(True)
        self.setDragEnabled(False)
        self.setTabKeyNavigation(False)
        self.delegate = PhotoDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        self._photo_model = model
        self._syncing = False
        selection_model = self.selectionModel()
        selection_model.selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(self._on_model_reset)
        model.dataChanged.connect(self._on_data_changed)

        self._status = QLabel(self.viewport())
        self._status.setObjectName("resultsStatus")
        self._status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._status.setWordWrap(True)
        self._status.setTextFormat(Qt.TextFormat.RichText)
        self._status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        status_layout = QVBoxLayout(self.viewport())
        status_layout.addWidget(self._status)
        self._status.hide()

    # ------------------------------------------------------------------ API

    def set_cell_size(self, cell: int) -> None:
        """The slider's size; tiles are then widened a little so the rows fill the width."""
        self._wanted_cell = cell
        self._fit_cells()

    def _fit_cells(self) -> None:
        cell = self._wanted_cell
        spacing = self.spacing()
        available = self.viewport().width() - spacing
        per_tile = cell + 2 * MARGIN + spacing
        columns = max(1, available // per_tile)
        width = available // columns - spacing - 2 * MARGIN
        if (self.delegate.cell, self.delegate.tile_width) != (cell, max(cell, width)):
            self.delegate.set_cell(cell, width)
            self.scheduleDelayedItemsLayout()
            self.viewport().update()
        box = self.delegate.image_box() * self.devicePixelRatioF()
        if box != self._image_box:
            self._image_box = box
            self.image_box_changed.emit(box)

    @property
    def image_box(self) -> QSize:
        """Where thumbnails go, in device pixels: the loader decodes them to fit."""
        return self._image_box

    def set_status(self, title: str, detail: str = "") -> None:
        """A centred notice in the empty grid (hint, empty result); empty title hides it."""
        if not title:
            self._status.hide()
            self._status.clear()
            return
        html = f"<p style='font-size:large'>{_escape(title)}</p>"
        if detail:
            html += f"<p>{_escape(detail)}</p>"
        self._status.setText(html)
        self._status.setAccessibleName(title)
        self._status.setAccessibleDescription(detail)
        self._status.show()

    @property
    def status_text(self) -> str:
        if self._status.isHidden():
            return ""
        detail = self._status.accessibleDescription()
        return self._status.accessibleName() + (f" {detail}" if detail else "")

    def _mirror_selection(self, first: int, last: int) -> None:
        """Make the view's selection of rows first..last match the model's SELECTED role.

        The model asks the window's `Selection` (the one truth); this view's selection
        model only mirrors it, following every change by itself.
        """
        model, view_selection = self._photo_model, self.selectionModel()
        select, deselect = QItemSelection(), QItemSelection()
        for row in range(first, last + 1):
            index = model.index(row, 0)
            wanted = bool(index.data(PhotoRole.SELECTED))
            if wanted != view_selection.isSelected(index):
                (select if wanted else deselect).select(index, index)
        if select.isEmpty() and deselect.isEmpty():
            return
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag
            view_selection.select(select, flags.Select)
            view_selection.select(deselect, flags.Deselect)
        finally:
            self._syncing = False
        self.viewport().update()

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        index = self._photo_model.index(row, 0)
        if index.isValid():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(index)

    # ------------------------------------------------------------- Qt hooks

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_cells()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click previews; it leaves the selection as it was before the first click
        (which toggled it), so looking at a photo never picks or drops it by accident."""
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            super().mouseDoubleClickEvent(event)
            return
        self.selectionModel().select(index, QItemSelectionModel.SelectionFlag.Toggle)
        self.preview_requested.emit(index.row())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            row = self.current_row()
            if row >= 0:
                self.preview_requested.emit(row)
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ internals

    def _on_model_reset(self) -> None:
        rows = self._photo_model.rowCount()
        if rows:
            self._mirror_selection(0, rows - 1)
            self.set_current_row(0)
            self.scrollToTop()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        if PhotoRole.SELECTED in roles:
            self._mirror_selection(top.row(), bottom.row())

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._syncing:
            return
        on = [str(i.data(PhotoRole.IMAGE_ID)) for i in selected.indexes()]
        off = [str(i.data(PhotoRole.IMAGE_ID)) for i in deselected.indexes()]
        if on:
            self.selection_toggled.emit(on, True)
        if off:
            self.selection_toggled.emit(off, False)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
