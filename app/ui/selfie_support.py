"""`SelfieSupport`: what the search row's selfie parts need from outside the widget.

It shows the chosen selfie's thumbnail (read and shrunk off the GUI thread: the file may
be a 10 MB camera JPEG on a slow disk) and remembers the folder the selfie came from in
the settings, so the photo dialog opens there next time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QImage, QPixmap

from app.core.validation import MAX_SELFIE_BYTES
from app.ui.runtime import TaskRunner
from app.ui.settings_saver import SettingsSaver
from app.ui.thumbnail_work import decode_image
from app.ui.widgets.search_bar import SearchBar
from app.ui.widgets.selfie_controls import THUMB_EDGE

_TASK = "selfie-thumbnail"


def read_thumbnail(path: str, edge: int) -> QImage | None:
    """The photo at `path` shrunk to about `edge` px (blocking: for a worker thread)."""
    try:
        file = Path(path)
        if file.stat().st_size > MAX_SELFIE_BYTES:
            return None  # the upload refuses it with its own words
        data = file.read_bytes()
    except OSError:
        return None
    return decode_image(data, QSize(edge, edge))


class SelfieSupport(QObject):
    """Thumbnail loading and the remembered folder for one window's search bar."""

    def __init__(
        self, bar: SearchBar, runner: TaskRunner, saver: SettingsSaver, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.bar = bar
        self.runner = runner
        self.saver = saver
        if bar.photo_folder:  # a selfie was chosen on the first frame: its folder wins
            self._remember(bar.photo_folder)
        else:
            bar.photo_folder = saver.settings.selfie_folder
        bar.selfie_photo_chosen.connect(self._load)
        bar.photo_folder_changed.connect(self._remember)
        if bar.photo is not None:  # chosen or dropped before this existed
            self._load(bar.photo)

    def _load(self, path: str) -> None:
        if not self.runner.closed:
            self.runner.start(self._decode(path), key=_TASK)

    async def _decode(self, path: str) -> None:
        edge = round(THUMB_EDGE * 2 * self.bar.devicePixelRatioF())  # room for a crop
        image = await self.runner.loop.run_in_executor(None, read_thumbnail, path, edge)
        self.bar.set_selfie_thumbnail(path, QPixmap.fromImage(image) if image is not None else None)

    def _remember(self, folder: str) -> None:
        if self.saver.settings.selfie_folder == folder:
            return
        self.saver.settings.selfie_folder = folder
        self.saver.changed()
