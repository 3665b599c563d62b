"""`Selection`: the photos the user picked, across result pages; the window's one truth.

The grid's own `QItemSelectionModel` only mirrors it (the grid follows the model's
SELECTED role by itself), the photo model asks it `is_selected`, and the selection bar
and the downloads read it. Nothing else keeps a copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Signal

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.models import ImageItem


BYTES_PER_PIXEL_ESTIMATE = 0.45
"""Until the event's own originals are measured (`app.ui.size_estimate`): a camera JPEG
at high quality is roughly 0.3-0.6 bytes per pixel."""
UNKNOWN_PHOTO_BYTES = 5_000_000
"""A photo the service gives no dimensions for."""


def pixels(item: ImageItem) -> int:
    return item.width * item.height if item.width and item.height else 0


def estimate_original_bytes(item: ImageItem, bytes_per_pixel: float | None = None) -> int:
    """An original's size from its pixel count (the API gives no sizes)."""
    if count := pixels(item):
        return int(count * (bytes_per_pixel or BYTES_PER_PIXEL_ESTIMATE))
    return UNKNOWN_PHOTO_BYTES


class Selection(QObject):
    """Selected photos by image id, with the result page each one is on.

    Signals:
        changed(list): these image ids were selected or unselected.
    """

    changed = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: dict[str, ImageItem] = {}
        self._page_of: dict[str, int] = {}

    def is_selected(self, image_id: str) -> bool:
        return image_id in self._items

    def ids(self) -> list[str]:
        return list(self._items)

    @property
    def count(self) -> int:
        return len(self._items)

    @property
    def pages(self) -> int:
        """On how many result pages the selected photos are ("12 selected across 4 pages")."""
        return len(set(self._page_of.values()))

    def items(self) -> list[ImageItem]:
        return list(self._items.values())

    def estimated_bytes(self, bytes_per_pixel: float | None = None) -> int:
        """`bytes_per_pixel`: what this event's originals were measured at, if known."""
        return sum(estimate_original_bytes(i, bytes_per_pixel) for i in self._items.values())

    def set(
        self,
        items: Iterable[ImageItem],
        selected: bool,
        *,
        page: int = 1,
        page_of: Mapping[str, int] | None = None,
    ) -> None:
        """Select or unselect `items`; each is on `page_of[id]`, or else on `page`."""
        changed: list[str] = []
        for item in items:
            image_id = item.image_id
            if selected and image_id not in self._items:
                self._items[image_id] = item
                self._page_of[image_id] = (page_of or {}).get(image_id, page)
                changed.append(image_id)
            elif not selected and self._items.pop(image_id, None) is not None:
                self._page_of.pop(image_id, None)
                changed.append(image_id)
        if changed:
            self.changed.emit(changed)

    def clear(self) -> None:
        if self._items:
            ids = list(self._items)
            self._items.clear()
            self._page_of.clear()
            self.changed.emit(ids)
