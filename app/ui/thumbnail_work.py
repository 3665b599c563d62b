"""What a worker thread does to one thumbnail: decode it to the tile's size, and the
view's own work on it (a `Finisher`: the grid composes its card there), so the GUI
thread only turns finished images into pixmaps."""

from __future__ import annotations

import logging
from typing import NamedTuple, Protocol

from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPixmap

log = logging.getLogger(__name__)


class Finisher(Protocol):
    """A view's own work on each thumbnail bound for the screen, done off the GUI thread.

    `capture` runs on the GUI thread when the thumbnail is asked for (what the view looks
    like now), `prepare` on the worker thread that decoded it, `adopt` on the GUI thread
    just before `thumbnail_ready` (the view keeps what `prepare` made, if still current)."""

    def capture(self) -> object: ...

    def prepare(self, image: QImage, captured: object) -> object: ...

    def adopt(self, pixmap: QPixmap, prepared: object) -> None: ...


def decode_image(data: bytes, fit: QSize | None = None) -> QImage | None:
    """JPEG/PNG bytes to a QImage no bigger than `fit` (device pixels), keeping the aspect.

    Runs in a worker thread (QImage is not GUI-bound). Decoding straight to the tile size
    lets the JPEG decoder skip work and leaves the GUI thread a 1:1 copy to paint.
    """
    buffer = QBuffer()
    buffer.setData(data)
    if not buffer.open(QIODevice.OpenModeFlag.ReadOnly):
        return None
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if fit is not None and fit.isValid() and size.isValid():
        target = size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio)
        if target.width() < size.width():
            reader.setScaledSize(target)
            reader.setQuality(100)  # smooth scaling, not the fast nearest-pixel kind
    image = reader.read()
    del reader  # before the buffer it reads from
    buffer.close()
    return None if image.isNull() else image


class Work(NamedTuple):
    """What a worker does to a decoded thumbnail besides decoding it."""

    finisher: Finisher | None
    captured: object


def finish(data: bytes, fit: QSize | None, work: Work) -> tuple[QImage | None, object]:
    """On a worker thread: the decoded image and the finisher's work on it."""
    image = decode_image(data, fit)
    if image is None or work.finisher is None:
        return image, None
    try:
        return image, work.finisher.prepare(image, work.captured)
    except Exception:  # the view's extra work is optional: the GUI thread does it then
        log.exception("a thumbnail's finishing work failed")
        return image, None
