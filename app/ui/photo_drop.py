"""Dropping a selfie photo onto the window: which drags to accept, and what was dropped."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png"}


class PhotoDrop(QObject):
    """Watches a widget's drags (an event filter): accepts a JPEG or PNG file, ignores
    anything else, so the widget itself needs no drag code.

    Signals:
        photo_dropped(str): a photo file was dropped; its local path.
    """

    photo_dropped = Signal(str)

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent):
            if dropped_photo(event.mimeData().urls()) is not None:
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if isinstance(event, QDropEvent):
            path = dropped_photo(event.mimeData().urls())
            if path is None:
                event.ignore()
            else:
                event.acceptProposedAction()
                self.photo_dropped.emit(str(path))
            return True
        return super().eventFilter(watched, event)


def dropped_photo(urls: Sequence[QUrl]) -> Path | None:
    """The first local photo file among the dropped URLs."""
    for url in urls:
        local = url.toLocalFile()
        if local and Path(local).suffix.lower() in PHOTO_SUFFIXES:
            return Path(local)
    return None
