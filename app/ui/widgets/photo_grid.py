"""The thumbnail grid: a QListView in icon mode over `PhotoModel`, painted by `PhotoDelegate`.

The view's own selection (click, Ctrl+click, Space, Ctrl+A, rubber band) is the way
users pick photos; it is handed to the controller's `Selection`, which keeps it across
pages, and re-applied from the model when a page is shown again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.photo_model import PhotoModel, PhotoRole, ThumbState
from app.ui.widgets.style import blend

Index = QModelIndex | QPersistentModelIndex

DEFAULT_CELL = 180
MIN_CELL = 96
MAX_CELL = 360
_MARGIN = 4
_RADIUS = 6.0
_SCALED_CACHE_ENTRIES = 200

PaintHook = Callable[[str, bool], None]
"""Called after each tile is painted with (image id, thumbnail shown)."""


class PhotoDelegate(QStyledItemDelegate):
    """Paints one tile: placeholder or thumbnail (fitted, crisp at any device pixel ratio),
    a selection tick and a focus ring, all in palette colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell = DEFAULT_CELL
        self.tile_width = DEFAULT_CELL
        self.paint_hook: PaintHook | None = None
        self.touch = False
        """Touch screens: every tile shows its tick, large enough to tap."""
        self._scaled: OrderedDict[tuple[int, int, int, float], QPixmap] = OrderedDict()
        self._tiles: dict[tuple[int, int, float, bool, str, int], QPixmap] = {}
        self._overlays: dict[tuple[int, int, float, tuple[bool, bool, bool], int], QPixmap] = {}

    def scaled_pixmaps(self) -> list[QPixmap]:
        """The thumbnails as scaled for painting (device pixels), newest last."""
        return list(self._scaled.values())

    def set_cell(self, cell: int, width: int | None = None) -> None:
        """Square tiles of `cell` pixels, optionally a little wider to fill a row."""
        self.cell = max(MIN_CELL, min(MAX_CELL, cell))
        self.tile_width = max(self.cell, width or self.cell)
        self._scaled.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(self.tile_width + 2 * _MARGIN, self.cell + 2 * _MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        palette: QPalette = option.palette
        state: QStyle.StateFlag = option.state
        full: QRect = option.rect
        rect = QRectF(full.adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN))
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        selected = bool(index.data(PhotoRole.SELECTED))
        thumb_state = index.data(PhotoRole.STATE)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        has_thumb = isinstance(pixmap, QPixmap) and not pixmap.isNull()

        painter.save()
        # Every pixmap below is drawn 1:1 at whole device pixels, so no smoothing is needed
        # (and asking for it costs a third of the frame); only the focus ring is stroked live.
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        kind = "photo" if has_thumb else ("failed" if thumb_state == ThumbState.FAILED else "wait")
        painter.drawPixmap(
            full.topLeft() + QPoint(_MARGIN, _MARGIN),
            self._tile(painter, rect, palette, selected, kind),
        )
        if has_thumb:
            # inset by 3 px the image never reaches the rounded corners: no clip needed
            self._draw_fitted(painter, pixmap, rect.adjusted(3, 3, -3, -3), int(index.row()))
        if selected or hovered or self.touch:
            overlay = self._overlay(painter, rect, palette, selected, hovered)
            painter.drawPixmap(full.topLeft() + QPoint(_MARGIN, _MARGIN), overlay)
        if focused:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(palette.color(QPalette.ColorRole.Text), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(full).adjusted(1, 1, -1, -1), _RADIUS + 2, _RADIUS + 2)
        painter.restore()
        if self.paint_hook is not None:
            self.paint_hook(str(index.data(PhotoRole.IMAGE_ID)), isinstance(pixmap, QPixmap))

    def image_box(self) -> QSize:
        """The area a thumbnail is fitted into, in logical pixels."""
        return QSize(self.tile_width - 6, self.cell - 6)

    def _draw_fitted(self, painter: QPainter, pixmap: QPixmap, box: QRectF, row: int) -> None:
        """Scale once per size and device pixel ratio, then draw 1:1 device pixels (crisp)."""
        dpr = painter.device().devicePixelRatioF()
        target = pixmap.size().scaled(
            int(box.width() * dpr), int(box.height() * dpr), Qt.AspectRatioMode.KeepAspectRatio
        )
        if (
            abs(pixmap.width() - target.width()) <= 1
            and abs(pixmap.height() - target.height()) <= 1
        ):
            # already decoded at this size (the loader fits thumbnails to the tile): 1:1
            self._blit(painter, pixmap, box, dpr)
            return
        key = (pixmap.cacheKey(), target.width(), target.height(), dpr)
        scaled = self._scaled.get(key)
        if scaled is None:
            scaled = pixmap.scaled(
                target,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scaled.setDevicePixelRatio(dpr)
            self._scaled[key] = scaled
            while len(self._scaled) > _SCALED_CACHE_ENTRIES:
                self._scaled.popitem(last=False)
        else:
            self._scaled.move_to_end(key)
        self._blit(painter, scaled, box, dpr)

    @staticmethod
    def _blit(painter: QPainter, pixmap: QPixmap, box: QRectF, dpr: float) -> None:
        """Centre `pixmap` (device pixels) in `box`, its corner on a whole device pixel."""
        x = round((box.x() + (box.width() - pixmap.width() / dpr) / 2) * dpr)
        y = round((box.y() + (box.height() - pixmap.height() / dpr) / 2) * dpr)
        if dpr == 1.0:
            painter.drawPixmap(x, y, pixmap)
            return
        target = QRectF(x / dpr, y / dpr, pixmap.width() / dpr, pixmap.height() / dpr)
        painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))

    def _tile(
        self, painter: QPainter, rect: QRectF, palette: QPalette, selected: bool, kind: str
    ) -> QPixmap:
        """The tile's background (and placeholder glyph), drawn once per look and reused:
        32 antialiased tiles per page would otherwise cost the GUI thread each repaint."""
        dpr = painter.device().devicePixelRatioF()
        key = (int(rect.width()), int(rect.height()), dpr, selected, kind, palette.cacheKey())
        tile = self._tiles.get(key)
        if tile is not None:
            return tile
        tile = QPixmap(int(rect.width() * dpr), int(rect.height() * dpr))
        tile.setDevicePixelRatio(dpr)
        tile.fill(Qt.GlobalColor.transparent)
        local = QRectF(0, 0, rect.width(), rect.height())
        p = QPainter(tile)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(local, _RADIUS, _RADIUS)
        base = palette.color(QPalette.ColorRole.Base)
        if selected:
            p.fillPath(path, blend(base, palette.color(QPalette.ColorRole.Highlight), 0.25))
        else:
            p.fillPath(path, blend(base, palette.color(QPalette.ColorRole.Mid), 0.22))
        if kind != "photo":
            self._draw_placeholder(p, local, palette, kind == "failed")
        p.end()
        if len(self._tiles) > 32:
            self._tiles.clear()
        self._tiles[key] = tile
        return tile

    def _draw_placeholder(
        self, painter: QPainter, rect: QRectF, palette: QPalette, failed: bool
    ) -> None:
        colour = palette.color(QPalette.ColorRole.PlaceholderText)
        centre = rect.center()
        size = min(rect.width(), rect.height()) * 0.28
        frame = QRectF(centre.x() - size / 2, centre.y() - size * 0.4, size, size * 0.8)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(frame, 3, 3)
        mountain = QPainterPath()
        mountain.moveTo(frame.left() + size * 0.1, frame.bottom() - size * 0.1)
        mountain.lineTo(frame.left() + size * 0.4, frame.top() + size * 0.35)
        mountain.lineTo(frame.left() + size * 0.6, frame.bottom() - size * 0.25)
        mountain.lineTo(frame.left() + size * 0.72, frame.top() + size * 0.5)
        mountain.lineTo(frame.right() - size * 0.1, frame.bottom() - size * 0.1)
        painter.drawPath(mountain)
        if failed:
            text_rect = QRectF(rect.left(), frame.bottom() + 6, rect.width(), 20)
            painter.drawText(
                text_rect,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self.tr("Not available"),
            )

    def _overlay(
        self, painter: QPainter, rect: QRectF, palette: QPalette, selected: bool, hovered: bool
    ) -> QPixmap:
        """The selection ring or hover outline with its tick, drawn once per look and
        reused, so scrolling over a selected page paints pixmaps, not antialiased paths."""
        dpr = painter.device().devicePixelRatioF()
        look = (selected, hovered, self.touch)
        key = (int(rect.width()), int(rect.height()), dpr, look, palette.cacheKey())
        overlay = self._overlays.get(key)
        if overlay is not None:
            return overlay
        overlay = QPixmap(int(rect.width() * dpr), int(rect.height() * dpr))
        overlay.setDevicePixelRatio(dpr)
        overlay.fill(Qt.GlobalColor.transparent)
        local = QRectF(0, 0, rect.width(), rect.height())
        p = QPainter(overlay)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if selected:
            p.setPen(QPen(highlight, 3.0))
            p.drawRoundedRect(local.adjusted(1.5, 1.5, -1.5, -1.5), _RADIUS, _RADIUS)
        elif hovered:
            base = palette.color(QPalette.ColorRole.Base)
            p.setPen(QPen(blend(base, highlight, 0.6), 1.5))
            p.drawRoundedRect(local.adjusted(0.75, 0.75, -0.75, -0.75), _RADIUS, _RADIUS)
        self._draw_tick(p, local, palette, selected)
        p.end()
        if len(self._overlays) > 8:
            self._overlays.clear()
        self._overlays[key] = overlay
        return overlay

    def _draw_tick(self, painter: QPainter, rect: QRectF, palette: QPalette, on: bool) -> None:
        if self.touch:
            radius = max(24.0, min(40.0, rect.width() * 0.1))
        else:
            radius = max(9.0, min(13.0, rect.width() * 0.07))
        centre = QPointF(rect.right() - radius - 6, rect.top() + radius + 6)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if on:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1.5))
            painter.setBrush(highlight)
        else:
            painter.setPen(QPen(QColor(255, 255, 255, 230), 1.5))
            painter.setBrush(QColor(0, 0, 0, 90))
        painter.drawEllipse(centre, radius, radius)
        if on:
            pen = QPen(palette.color(QPalette.ColorRole.HighlightedText), 2.2)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            tick = QPainterPath()
            tick.moveTo(centre.x() - radius * 0.45, centre.y() + radius * 0.02)
            tick.lineTo(centre.x() - radius * 0.1, centre.y() + radius * 0.38)
            tick.lineTo(centre.x() + radius * 0.5, centre.y() - radius * 0.35)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)


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
        per_tile = cell + 2 * _MARGIN + spacing
        columns = max(1, available // per_tile)
        width = available // columns - spacing - 2 * _MARGIN
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
