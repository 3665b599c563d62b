"""`PhotoDelegate`: paints one grid tile from pixmaps made once and reused.

A photo's card (rounded background, the thumbnail cover-cropped and smoothly scaled into
it, its selection ring and tick) is composed once per size and look and kept, opaque on
the view's background, so a frame while scrolling is one 1:1 copy per tile on whole
pixels, no blending; only the keyboard focus ring is stroked live (one tile at most).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.ui.models.photo_model import PhotoModel, PhotoRole, ThumbState
from app.ui.widgets.tile_art import PHOTO_INSET, RADIUS, Look, photo_card, placeholder_card

Index = QModelIndex | QPersistentModelIndex

DEFAULT_CELL = 180
MIN_CELL = 96
MAX_CELL = 360
MARGIN = 4
COVER_ASPECT = 1.5
"""Thumbnails are decoded big enough that photos up to 3:2, either way up, cover a tile."""
_CARD_CACHE_ENTRIES = 160
"""Composed cards kept: a page of up to 100 and some looks; the oldest go first."""

PaintHook = Callable[[str, bool], None]
"""Called after each tile is painted with (image id, thumbnail shown)."""
CardKey = tuple[int, int, int, float, int, Look]
"""(thumbnail's cache key, tile width, cell, device pixel ratio, palette's cache key, look)."""


@dataclass(frozen=True)
class CardSpec:
    """Everything a tile's card depends on but the photo: taken on the GUI thread and
    handed with a thumbnail to the fetch thread that composes its card."""

    size: QSize
    tile_width: int
    cell: int
    dpr: float
    palette: QPalette = field(compare=False)
    palette_key: int
    look: Look

    def key(self, pixmap: QPixmap) -> CardKey:
        return (
            pixmap.cacheKey(),
            self.tile_width,
            self.cell,
            self.dpr,
            self.palette_key,
            self.look,
        )


class PhotoDelegate(QStyledItemDelegate):
    """Paints one tile: placeholder or cover-cropped thumbnail (crisp at any device pixel
    ratio), a selection tick and a focus ring, all in palette colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell = DEFAULT_CELL
        self.tile_width = DEFAULT_CELL
        self.paint_hook: PaintHook | None = None
        self.touch = False
        """Touch screens: every tile shows its tick, large enough to tap."""
        self._cards: OrderedDict[CardKey, QPixmap] = OrderedDict()
        self._tiles: dict[tuple[int, int, float, int, Look, bool], QPixmap] = {}

    def cards(self) -> list[QPixmap]:
        """The composed photo cards (device pixels), newest last."""
        return list(self._cards.values())

    def set_cell(self, cell: int, width: int | None = None) -> None:
        """Tiles `cell` pixels high and `width` wide (at least 40; `cell` when not given)."""
        self.cell = max(MIN_CELL, min(MAX_CELL, cell))
        self.tile_width = max(40, width or self.cell)
        self._cards.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(self.tile_width + 2 * MARGIN, self.cell + 2 * MARGIN)

    def tile_size(self) -> QSize:
        """The card inside an item's margins, in logical pixels."""
        return QSize(self.tile_width, self.cell)

    def photo_rect(self, item: QRect) -> QRect:
        """Where the photo fills an item at `item` (it covers this whole rectangle)."""
        return item.adjusted(
            MARGIN + PHOTO_INSET, MARGIN + PHOTO_INSET, -MARGIN - PHOTO_INSET, -MARGIN - PHOTO_INSET
        )

    def decode_box(self, dpr: float) -> QSize:
        """The box thumbnails are decoded to fit (device pixels): a square large enough
        that a 3:2 photo fitted into it, upright or lying, still covers the photo area."""
        side = max(self.tile_width, self.cell) - 2 * PHOTO_INSET
        edge = math.ceil(side * dpr * COVER_ASPECT)
        return QSize(edge, edge)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        state: QStyle.StateFlag = option.state
        pixmap, selected, failed = _facts(index)
        look = Look(selected, bool(state & QStyle.StateFlag.State_MouseOver), self.touch)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        dpr = painter.device().devicePixelRatioF()
        self.paint_tile(painter, option.rect, option.palette, dpr, pixmap, failed, look, focused)
        if self.paint_hook is not None:
            self.paint_hook(str(index.data(PhotoRole.IMAGE_ID)), pixmap is not None)

    def paint_tile(
        self,
        painter: QPainter,
        item: QRect,
        palette: QPalette,
        dpr: float,
        pixmap: QPixmap | None,
        failed: bool,
        look: Look,
        focused: bool,
    ) -> None:
        """One tile at `item`: its card copied 1:1 at whole pixels, and the focus ring."""
        if pixmap is not None and not pixmap.isNull():
            card = self._card(pixmap, dpr, palette, look)
        else:
            card = self._placeholder(dpr, palette, look, failed)
        painter.drawPixmap(item.x() + MARGIN, item.y() + MARGIN, card)
        if focused:
            self._draw_focus(painter, item, palette)

    def prepare(self, pixmap: QPixmap, dpr: float, palette: QPalette) -> None:
        """Compose a thumbnail's card as it arrives (unless `adopt` was given it already),
        so scrolling to it later costs a copy."""
        if not pixmap.isNull():
            self._card(pixmap, dpr, palette, Look(touch=self.touch))

    def card_spec(self, dpr: float, palette: QPalette) -> CardSpec:
        """How a newly arrived thumbnail's card is made now (GUI thread)."""
        return CardSpec(
            self.tile_size(),
            self.tile_width,
            self.cell,
            dpr,
            QPalette(palette),
            palette.cacheKey(),
            Look(touch=self.touch),
        )

    def adopt(self, pixmap: QPixmap, card: QPixmap, spec: CardSpec) -> None:
        """Keep a card composed elsewhere (on a fetch thread) for `pixmap`, if the tiles
        still look the way it was made for."""
        if pixmap.isNull() or spec != self.card_spec(spec.dpr, spec.palette):
            return
        self._keep(spec.key(pixmap), card)

    # ------------------------------------------------------------ internals

    @staticmethod
    def _draw_focus(painter: QPainter, item: QRect, palette: QPalette) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(palette.color(QPalette.ColorRole.Text), 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(item).adjusted(1, 1, -1, -1), RADIUS + 2, RADIUS + 2)
        painter.restore()

    def _card(self, pixmap: QPixmap, dpr: float, palette: QPalette, look: Look) -> QPixmap:
        """The photo's card at this tile size and look, composed on first use and kept."""
        key: CardKey = (
            pixmap.cacheKey(),
            self.tile_width,
            self.cell,
            dpr,
            palette.cacheKey(),
            look,
        )
        card = self._cards.get(key)
        if card is not None:
            self._cards.move_to_end(key)
            return card
        card = photo_card(pixmap, self.tile_size(), dpr, palette, look)
        self._keep(key, card)
        return card

    def _keep(self, key: CardKey, card: QPixmap) -> None:
        self._cards[key] = card
        while len(self._cards) > _CARD_CACHE_ENTRIES:
            self._cards.popitem(last=False)

    def _placeholder(self, dpr: float, palette: QPalette, look: Look, failed: bool) -> QPixmap:
        """The card of a photo still loading (or failed), drawn once per look."""
        key = (self.tile_width, self.cell, dpr, palette.cacheKey(), look, failed)
        tile = self._tiles.get(key)
        if tile is None:
            text = self.tr("Not available") if failed else None
            tile = placeholder_card(self.tile_size(), dpr, palette, look, text)
            if len(self._tiles) > 32:
                self._tiles.clear()
            self._tiles[key] = tile
        return tile


def _facts(index: Index) -> tuple[QPixmap | None, bool, bool]:
    """(thumbnail, selected, failed): straight from a `PhotoModel`, else through roles."""
    model = index.model()
    if isinstance(model, PhotoModel):
        return model.tile_facts(index.row())
    pixmap = index.data(Qt.ItemDataRole.DecorationRole)
    return (
        pixmap if isinstance(pixmap, QPixmap) else None,
        bool(index.data(PhotoRole.SELECTED)),
        index.data(PhotoRole.STATE) == ThumbState.FAILED,
    )
