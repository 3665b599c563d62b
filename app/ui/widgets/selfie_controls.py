"""The selfie parts of the search row: the chosen photo's thumbnail beside the field,
the button that copies a selfie search id, and where the photo dialog opens.

Kept apart from `search_bar` so the row's other modes do not grow around them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from app.core.validation import looks_like_request_id
from app.ui.search import SearchMode

THUMB_EDGE = 40
"""The most the selfie thumbnail's edge needs (logical pixels); in the search row it is
as tall as the field, so the row keeps its height when the photo appears."""


def photo_dialog_folder(remembered: str | None) -> str:
    """The last folder a selfie came from, else the Pictures folder, else home: never the
    working directory (for an app started from a menu that is somewhere meaningless)."""
    candidates = [
        remembered or "",
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation),
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation),
    ]
    for folder in candidates:
        if folder and Path(folder).is_dir():
            return folder
    return str(Path.home())


class SelfieThumb(QLabel):
    """The chosen selfie, small, so the runner sees which photo the search uses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selfieThumbnail")
        self.setAccessibleName(self.tr("Your selfie"))
        self.set_edge(THUMB_EDGE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.path = ""
        """The photo shown (empty: none yet)."""
        self.hide()

    def set_edge(self, edge: int) -> None:
        self.setFixedSize(QSize(edge, edge))

    def set_photo(self, path: str, pixmap: QPixmap | None) -> None:
        self.path = path
        if pixmap is None or pixmap.isNull():
            self.clear()  # unreadable here; the search itself says why, if it fails
        else:
            dpr = self.devicePixelRatioF()
            edge = round(self.width() * dpr)
            scaled = pixmap.scaled(
                edge,
                edge,
                Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                Qt.TransformationMode.SmoothTransformation,
            )
            x, y = (scaled.width() - edge) // 2, (scaled.height() - edge) // 2
            square = scaled.copy(x, y, edge, edge)
            square.setDevicePixelRatio(dpr)
            self.setPixmap(square)
        self.setToolTip(Path(path).name)

    @property
    def has_photo(self) -> bool:
        picture = self.pixmap()
        return bool(self.path) and picture is not None and not picture.isNull()


class CopyIdButton(QPushButton):
    """Copies the selfie search id: with it the runner comes back without uploading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copySelfieIdButton")
        self.setText(self.tr("Cop&y id"))
        self.setAccessibleName(self.tr("Copy the selfie search id"))
        self.setToolTip(
            self.tr("Copy the selfie search id; keep it to come back to these photos later")
        )
        self.setAutoDefault(False)
        self.hide()

    def copy(self, request_id: str) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(request_id)


class SelfieParts:
    """The thumbnail and the Copy id button beside the field, and when each is shown."""

    def __init__(self, parent: QWidget, field_height: int) -> None:
        self.thumb = SelfieThumb(parent)
        self.thumb.set_edge(field_height)
        self.copy_button = CopyIdButton(parent)
        self.photo_request_id = ""
        """The selfie search id the chosen photo was given: its thumbnail goes with it."""

    def follow(self, mode: SearchMode, text: str) -> None:
        """The photo in photo mode (and beside the id that photo was given); Copy with an id."""
        text = text.strip()
        with_photo = mode is SearchMode.SELFIE_PHOTO or (
            mode is SearchMode.SELFIE and bool(text) and text == self.photo_request_id
        )
        self.thumb.setVisible(with_photo and self.thumb.has_photo)
        self.copy_button.setVisible(mode is SearchMode.SELFIE and looks_like_request_id(text))
