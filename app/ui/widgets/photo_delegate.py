"""`PhotoDelegate`: paints one grid tile: the thumbnail 1:1 on whole device pixels, its
placeholder or error state, the selection tick and focus; decorations are cached per size.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.models.photo_model import PhotoRole, ThumbState
from app.ui.widgets.style import blend

Index = QModelIndex | QPersistentModelIndex

DEFAULT_CELL = 180
MIN_CELL = 96
MAX_CELL = 360
MARGIN = 4
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
        return QSize(self.tile_width + 2 * MARGIN, self.cell + 2 * MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        palette: QPalette = option.palette
        state: QStyle.StateFlag = option.state
        full: QRect = option.rect
        rect = QRectF(full.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))
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
            full.topLeft() + QPoint(MARGIN, MARGIN),
            self._tile(painter, rect, palette, selected, kind),
        )
        if has_thumb:
            # inset by 3 px the image never reaches the rounded corners: no clip needed
            self._draw_fitted(painter, pixmap, rect.adjusted(3, 3, -3, -3), int(index.row()))
        if selected or hovered or self.touch:
            overlay = self._overlay(painter, rect, palette, selected, hovered)
            painter.drawPixmap(full.topLeft() + QPoint(MARGIN, MARGIN), overlay)
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
