"""The thumbnail grid: a QListView in icon mode over `PhotoModel`, painted by `PhotoDelegate`.

The view's own selection (click, Ctrl+click, Space, Ctrl+A, rubber band) is the way
users pick photos; it is handed to the controller's `Selection`, which keeps it across
pages, and re-applied from the model when a page is shown again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.photo_model import PhotoModel, PhotoRole
from app.ui.widgets.card_finisher import CardFinisher
from app.ui.widgets.empty_state import EmptyState
from app.ui.widgets.grid_layout import (
    BASE_SPACING,
    GridFit,
    fit_columns,
    photos_per_page,
    rows_that_fit,
)
from app.ui.widgets.photo_delegate import DEFAULT_CELL, MARGIN, MAX_CELL, MIN_CELL, PhotoDelegate
from app.ui.widgets.tile_art import Look


class PhotoGrid(QListView):
    """Signals:
    preview_requested(int): Enter or double-click on a row.
    selection_toggled(list, bool): the user selected (True) or unselected these image ids.
    image_box_changed(QSize): decode thumbnails to fit this box (device pixels): then
        any photo up to 3:2 still covers its tile without being enlarged.
    page_size_changed(int): a page of this many photos fills the grid in whole rows.
    sample_chosen(str): a sample BIB on the empty grid was pressed.
    """

    preview_requested = Signal(int)
    sample_chosen = Signal(str)
    selection_toggled = Signal(list, bool)
    image_box_changed = Signal(QSize)
    page_size_changed = Signal(int)

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
        self.setSpacing(BASE_SPACING)
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # With photos the scroll bar is always shown (`_show_empty_look`): one that came
        # and went with the content would change the width the tiles are fitted to, and
        # the layout could flip back and forth; without photos there is none.
        self._wanted_cell = DEFAULT_CELL
        self._image_box = QSize()
        self._fit = GridFit(1, DEFAULT_CELL + 2 * MARGIN, BASE_SPACING)
        self._page_size = 0
        self._hover_row = -1
        self.setMouseTracking(True)
        self.setDragEnabled(False)
        self.setTabKeyNavigation(False)
        self.delegate = PhotoDelegate(self)
        self.setItemDelegate(self.delegate)
        self.card_finisher = CardFinisher(self, self.delegate)
        """Give it to the thumbnail loader: cards are then composed on its threads."""
        self.setModel(model)
        self._photo_model = model
        self._syncing = False
        selection_model = self.selectionModel()
        selection_model.selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(self._on_model_reset)
        model.dataChanged.connect(self._on_data_changed)

        self.empty_state = EmptyState(self.viewport())
        self.empty_state.sample_chosen.connect(self.sample_chosen)
        status_layout = QVBoxLayout(self.viewport())
        status_layout.addWidget(self.empty_state)
        self.empty_state.hide()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._show_empty_look(model.rowCount() == 0)

    # ------------------------------------------------------------------ API

    def set_cell_size(self, cell: int) -> None:
        """The slider's size; tiles are then widened a little so the rows fill the width."""
        self._wanted_cell = cell
        self._fit_cells()

    def _fit_cells(self) -> None:
        cell = max(MIN_CELL, min(MAX_CELL, self._wanted_cell))
        fit = fit_columns(self._results_width(), cell + 2 * MARGIN)
        self._fit = fit
        width = fit.item_width - 2 * MARGIN
        if (self.delegate.cell, self.delegate.tile_width) != (cell, width):
            self.delegate.set_cell(cell, width)
            self.scheduleDelayedItemsLayout()
            self.viewport().update()
        if self.spacing() != fit.spacing:
            self.setSpacing(fit.spacing)
        box = self.delegate.decode_box(self.devicePixelRatioF())
        if box != self._image_box:
            self._image_box = box
            self.image_box_changed.emit(box)
        rows = rows_that_fit(self.viewport().height(), cell + 2 * MARGIN, fit.spacing)
        size = photos_per_page(fit.columns, rows)
        if size != self._page_size:
            self._page_size = size
            self.page_size_changed.emit(size)

    def _results_width(self) -> int:
        """The viewport's width with photos in it (scroll bar shown): tiles and the page
        size are planned for that, also while the empty grid shows no scroll bar."""
        width = self.viewport().width()
        if self.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            width -= self.verticalScrollBar().sizeHint().width()
        return width

    @property
    def columns(self) -> int:
        """Columns the tiles are laid out in at the current width."""
        return self._fit.columns

    @property
    def page_size(self) -> int:
        """Photos per page that fill this grid in whole rows (the next search asks for it)."""
        return self._page_size

    @property
    def photo_size(self) -> QSize:
        """The area a photo fills in each tile, in device pixels."""
        item = QRect(QPoint(0, 0), self.delegate.sizeHint(QStyleOptionViewItem(), QModelIndex()))
        return self.delegate.photo_rect(item).size() * self.devicePixelRatioF()

    @property
    def image_box(self) -> QSize:
        """What thumbnails are decoded to fit, in device pixels (see `image_box_changed`)."""
        return self._image_box

    def set_status(self, title: str, detail: str = "", samples: Sequence[str] = ()) -> None:
        """The empty grid's message (hint, empty result), with sample BIB buttons; an
        empty title hides it."""
        if not title:
            self.empty_state.hide()
            self.empty_state.set_text("")
            self.empty_state.set_samples(())
            return
        self.empty_state.set_text(title, detail)
        self.empty_state.set_samples(samples)
        self.empty_state.show()

    @property
    def status_text(self) -> str:
        if self.empty_state.isHidden():
            return ""
        detail = self.empty_state.detail
        return self.empty_state.title + (f" {detail}" if detail else "")

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

    def paintEvent(self, event: QPaintEvent) -> None:
        """The tiles in view, each one cached card: QListView's own loop would call into
        Python per tile with a full style option, which costs more than the copy itself.
        Same result: the model's selection, the hovered tile and the focused one."""
        model, delegate = self._photo_model, self.delegate
        count = model.rowCount()
        if count == 0:
            return
        self.executeDelayedItemsLayout()  # as QListView does before painting
        area = event.rect()
        line = delegate.cell + 2 * MARGIN + self.spacing()
        offset = self.verticalScrollBar().value()
        first = max(0, (area.top() + offset) // line - 1) * self.columns
        last = min(count, ((area.bottom() + offset) // line + 2) * self.columns)
        focus_row = self.current_row() if self.hasFocus() else -1
        palette, dpr, hook = (
            self.palette(),
            self.viewport().devicePixelRatioF(),
            delegate.paint_hook,
        )
        painter = QPainter(self.viewport())
        for row in range(first, last):
            rect = self.tile_rect(row)
            if not rect.intersects(area):
                continue
            pixmap, selected, failed = model.tile_facts(row)
            look = Look(selected, row == self._hover_row, delegate.touch)
            delegate.paint_tile(painter, rect, palette, dpr, pixmap, failed, look, row == focus_row)
            if hook is not None:
                hook(model.image_id_at(row), pixmap is not None)
        painter.end()

    def tile_rect(self, row: int) -> QRect:
        """Where Qt's icon-mode layout puts `row` in the viewport (the same as
        `visualRect`, tests check it): spacing before every item, `columns` to a line.
        Worked out here because `visualRect` asks the Python model for its row count."""
        spacing, hint = self.spacing(), self.delegate.tile_size()
        width, height = hint.width() + 2 * MARGIN, hint.height() + 2 * MARGIN
        line, column = divmod(row, self.columns)
        x = spacing + column * (width + spacing) - self.horizontalScrollBar().value()
        y = spacing + line * (height + spacing) - self.verticalScrollBar().value()
        return QRect(x, y, width, height)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._set_hover_row(self.indexAt(event.position().toPoint()).row())
        super().mouseMoveEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._set_hover_row(-1)
        return super().viewportEvent(event)

    def _set_hover_row(self, row: int) -> None:
        if row == self._hover_row:
            return
        for old_or_new in (self._hover_row, row):
            if old_or_new >= 0:
                self.viewport().update(self.visualRect(self._photo_model.index(old_or_new, 0)))
        self._hover_row = row

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

    def _show_empty_look(self, empty: bool) -> None:
        """No photos: no scroll bar, the window's own colour behind the message, so the
        start screen is a page to read, not an empty list box (no frame either way)."""
        self.viewport().setBackgroundRole(
            QPalette.ColorRole.Window if empty else QPalette.ColorRole.Base
        )
        self.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if empty else Qt.ScrollBarPolicy.ScrollBarAlwaysOn
        )

    def _on_model_reset(self) -> None:
        self._hover_row = -1
        rows = self._photo_model.rowCount()
        self._show_empty_look(rows == 0)
        if rows:
            self._mirror_selection(0, rows - 1)
            self.set_current_row(0)
            self.scrollToTop()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        if PhotoRole.SELECTED in roles:
            self._mirror_selection(top.row(), bottom.row())
        if Qt.ItemDataRole.DecorationRole in roles:
            dpr, palette = self.devicePixelRatioF(), self.palette()
            for row in range(top.row(), bottom.row() + 1):
                pixmap = self._photo_model.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
                if isinstance(pixmap, QPixmap):
                    self.delegate.prepare(pixmap, dpr, palette)

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._syncing:
            return
        on = [str(i.data(PhotoRole.IMAGE_ID)) for i in selected.indexes()]
        off = [str(i.data(PhotoRole.IMAGE_ID)) for i in deselected.indexes()]
        if on:
            self.selection_toggled.emit(on, True)
        if off:
            self.selection_toggled.emit(off, False)
