"""`RowThumbnails`: small pictures for the download rows and the failed list.

They come from what the grid already has, at no extra request: the thumbnail bytes in
the loader's cache (decoded small on its worker threads) or a thumbnail the grid is
given later. A photo the grid never showed (a failure from an earlier run) keeps a
blank box. At most `KEEP` are held, the least recently wanted go first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QObject, QSize, Qt, Signal
from PySide6.QtGui import QPixmap

from app.ui.runtime import TaskRunner
from app.ui.thumbnails import ThumbnailLoader

BOX = QSize(54, 36)
KEEP = 600


class RowThumbnails(QObject):
    """Signals: changed(): a picture arrived (repaint the lists)."""

    changed = Signal()

    def __init__(
        self, loader: ThumbnailLoader, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self.loaders = [loader]
        """Every loader whose cache is looked in (the grid's, the you-may-be-in strip's)."""
        self.runner = runner
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._wanted: OrderedDict[str, None] = OrderedDict()
        self._decoding: set[str] = set()
        loader.thumbnail_ready.connect(self._on_grid_thumbnail)

    def also_from(self, loader: ThumbnailLoader) -> None:
        """Take pictures from another loader too (photos picked from the strip)."""
        self.loaders.append(loader)
        loader.thumbnail_ready.connect(self._on_grid_thumbnail)

    def pixmap(self, image_id: object) -> QPixmap | None:
        if not isinstance(image_id, str):
            return None
        return self._pixmaps.get(image_id)

    def want(self, image_ids: Iterable[str | None]) -> None:
        """These photos are on a list: get their pictures from the grid's cache."""
        for image_id in image_ids:
            if not image_id:
                continue
            self._wanted[image_id] = None
            self._wanted.move_to_end(image_id)
            if image_id in self._pixmaps or image_id in self._decoding:
                continue
            data = next((d for lo in self.loaders if (d := lo.cache.get(image_id))), None)
            if data is not None and not self.runner.closed:
                self._decoding.add(image_id)
                self.runner.start(self._decode(image_id, data))
        while len(self._wanted) > KEEP:
            gone, _ = self._wanted.popitem(last=False)
            self._pixmaps.pop(gone, None)

    def follow(self, model: QAbstractItemModel, role: int) -> None:
        """Want the pictures of every row `model` gets (its `role` holds the image id)."""

        def rows(first: int, last: int) -> None:
            self.want(model.index(n, 0).data(role) for n in range(first, last + 1))

        model.rowsInserted.connect(lambda _parent, first, last: rows(first, last))
        model.modelReset.connect(lambda: rows(0, model.rowCount() - 1))

    async def _decode(self, image_id: str, data: bytes) -> None:
        try:
            image = await self.loader.decode(data, BOX * 2)
        finally:
            self._decoding.discard(image_id)
        if image is not None and image_id in self._wanted:
            self._keep(image_id, QPixmap.fromImage(image))

    def _on_grid_thumbnail(self, image_id: str, pixmap: QPixmap) -> None:
        if image_id in self._wanted and image_id not in self._pixmaps:
            small = pixmap.scaled(
                BOX * 2,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._keep(image_id, small)

    def _keep(self, image_id: str, pixmap: QPixmap) -> None:
        self._pixmaps[image_id] = pixmap
        self.changed.emit()
