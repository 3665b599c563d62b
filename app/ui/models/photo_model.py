"""The list model behind the thumbnail grid: one page of photos.

Rows are the photos of the page on screen. Thumbnails arrive later and one at a time,
so each photo has a state (loading, ready, failed) and `dataChanged` names exactly the
roles that changed. Selection lives outside the model (it spans pages); the model only
mirrors "is this one selected" for painting and for screen readers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QObject,
    Qt,
)
from PySide6.QtGui import QPixmap

from app.ui.models.base import FlatListModel, Index
from app.ui.text import fill

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.models import ImageItem


class PhotoRole(IntEnum):
    IMAGE_ID = Qt.ItemDataRole.UserRole + 1
    THUMBNAIL_URL = Qt.ItemDataRole.UserRole + 2
    IMAGE_URL = Qt.ItemDataRole.UserRole + 3
    STATE = Qt.ItemDataRole.UserRole + 4
    POSITION = Qt.ItemDataRole.UserRole + 5
    SELECTED = Qt.ItemDataRole.UserRole + 6
    ITEM = Qt.ItemDataRole.UserRole + 7


class ThumbState(IntEnum):
    LOADING = 0
    READY = 1
    FAILED = 2


class PhotoModel(FlatListModel):
    """One page of `ImageItem`s with their thumbnails; O(1) row lookup by image id."""

    roles = PhotoRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[ImageItem] = []
        self._rows: dict[str, int] = {}
        self._pixmaps: dict[str, QPixmap] = {}
        self._failed: set[str] = set()
        self._first_position = 1
        self._total = 0
        self._is_selected: Callable[[str], bool] = lambda _id: False

    # ------------------------------------------------------------------ API

    def set_selection_lookup(self, is_selected: Callable[[str], bool]) -> None:
        self._is_selected = is_selected

    def set_page(self, items: Sequence[ImageItem], first_position: int, total: int) -> None:
        """Show a new page; `first_position` is the 1-based result number of row 0."""
        self.beginResetModel()
        self._items = []
        self._rows = {}
        for item in items:
            if item.image_id in self._rows:  # a duplicate id would break row lookup
                continue
            self._rows[item.image_id] = len(self._items)
            self._items.append(item)
        self._pixmaps = {}
        self._failed = set()
        self._first_position = first_position
        self._total = max(total, len(self._items))
        self.endResetModel()

    def clear(self) -> None:
        self.set_page([], 1, 0)

    def items(self) -> list[ImageItem]:
        return list(self._items)

    def image_ids(self) -> list[str]:
        return [item.image_id for item in self._items]

    def item(self, row: int) -> ImageItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, image_id: str) -> int | None:
        return self._rows.get(image_id)

    def pixmap(self, image_id: str) -> QPixmap | None:
        return self._pixmaps.get(image_id)

    def tile_facts(self, row: int) -> tuple[QPixmap | None, bool, bool]:
        """(thumbnail, selected, failed) of a row in one plain call: the grid asks for
        every tile of every frame, and three `data()` round trips through Qt cost more
        than the painting."""
        item = self._items[row]
        image_id = item.image_id
        return self._pixmaps.get(image_id), self._is_selected(image_id), image_id in self._failed

    def image_id_at(self, row: int) -> str:
        return self._items[row].image_id

    def thumbnails_ready(self) -> int:
        return len(self._pixmaps)

    def set_thumbnail(self, image_id: str, pixmap: QPixmap) -> None:
        row = self._rows.get(image_id)
        if row is None:
            return
        self._pixmaps[image_id] = pixmap
        self._failed.discard(image_id)
        self._changed(row, [Qt.ItemDataRole.DecorationRole, PhotoRole.STATE])

    def set_thumbnail_failed(self, image_id: str) -> None:
        row = self._rows.get(image_id)
        if row is None or image_id in self._pixmaps:
            return
        self._failed.add(image_id)
        self._changed(row, [PhotoRole.STATE])

    def selection_changed(self, image_ids: Iterable[str]) -> None:
        """Repaint the rows whose selected state may have changed."""
        rows = sorted({r for i in image_ids if (r := self._rows.get(i)) is not None})
        for row in rows:
            self._changed(
                row,
                [
                    PhotoRole.SELECTED,
                    Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.DisplayRole,
                ],
            )

    def accessible_text(self, row: int) -> str:
        item = self._items[row]
        text = fill(self.tr("Photo %1 of %2"), self._first_position + row, self._total)
        if self._is_selected(item.image_id):
            text += self.tr(", selected")
        return text

    # ------------------------------------------------------------ Qt model

    def row_count(self) -> int:
        return len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.valid_row(index)
        if row is None:
            return None
        item = self._items[row]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            text = self.accessible_text(row)
            if role == Qt.ItemDataRole.ToolTipRole and item.width and item.height:
                text += f" · {item.width} × {item.height}"
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(item.image_id)
        if role == PhotoRole.IMAGE_ID:
            return item.image_id
        if role == PhotoRole.THUMBNAIL_URL:
            return item.thumbnail_url
        if role == PhotoRole.IMAGE_URL:
            return item.img_url
        if role == PhotoRole.STATE:
            if item.image_id in self._pixmaps:
                return int(ThumbState.READY)
            return int(ThumbState.FAILED if item.image_id in self._failed else ThumbState.LOADING)
        if role == PhotoRole.POSITION:
            return self._first_position + row
        if role == PhotoRole.SELECTED:
            return self._is_selected(item.image_id)
        if role == PhotoRole.ITEM:
            return item
        return None

    def _changed(self, row: int, roles: list[int]) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [int(r) for r in roles])
