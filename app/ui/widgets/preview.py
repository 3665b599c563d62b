"""The large preview: one photo at a time, previous / next, zoom, full screen, select,
download just this one, Esc to close.

Opened with `open()` (never `exec()`, which would re-enter the event loop inside a
coroutine). It shows the thumbnail at once and swaps in the large image when it arrives.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.capture_time import capture_time_text
from app.ui.widgets.image_view import ImageView

__all__ = ["ImageView", "PreviewDialog"]

ARROW_SIZE = 56
"""The on-image arrows: well over the 48 px a finger needs."""

_ARROW_STYLE = (
    "QToolButton { background: rgba(0, 0, 0, 110); color: white; border: none;"
    f" border-radius: {ARROW_SIZE // 2}px; font-size: 30px; padding-bottom: 4px; }}"
    " QToolButton:hover { background: rgba(0, 0, 0, 160); }"
    " QToolButton:focus { border: 2px solid palette(highlight); }"
)


class PreviewDialog(QDialog):
    """Signals:
    navigate_requested(int): -1 previous, +1 next.
    selection_toggled(str, bool): the shown photo was (un)selected here.
    download_requested(str): "Download this photo" for the shown photo's id.
    """

    navigate_requested = Signal(int)
    selection_toggled = Signal(str, bool)
    download_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewDialog")
        self.setWindowTitle(self.tr("Photo preview"))
        self.setAccessibleName(self.tr("Photo preview"))
        self.image_id = ""
        self.image = ImageView(self)
        self.image.resized.connect(self._place_arrows)
        self.previous_button = self._arrow("‹", "previewPrevButton", -1)
        self.previous_button.setAccessibleName(self.tr("Previous photo"))
        self.previous_button.setToolTip(self.tr("Previous photo (Left)"))
        self.next_button = self._arrow("›", "previewNextButton", 1)
        self.next_button.setAccessibleName(self.tr("Next photo"))
        self.next_button.setToolTip(self.tr("Next photo (Right)"))

        self.title = QLabel(self)
        self.title.setObjectName("previewTitle")
        self.taken_label = QLabel(self)
        self.taken_label.setObjectName("previewTakenLabel")
        self.taken_label.hide()
        keys = QLabel(self.tr("← → browse · Z zoom · F full screen · Space select · Esc close"))
        keys.setObjectName("previewKeysHint")
        keys.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.keys_hint = keys

        self.fit_button = self._button(
            self.tr("Fit"), "previewFitButton", self.tr("Fit to the window (0)")
        )
        self.fit_button.setAccessibleName(self.tr("Fit the photo to the window"))
        self.actual_button = self._button(
            self.tr("100 %"), "previewActualSizeButton", self.tr("Actual size; drag to move (1)")
        )
        self.actual_button.setAccessibleName(self.tr("Show the photo at 100 %"))
        zoom = QButtonGroup(self)
        for button in (self.fit_button, self.actual_button):
            button.setCheckable(True)
            zoom.addButton(button)
        self.fit_button.setChecked(True)
        self.actual_button.toggled.connect(self.image.set_actual_size)
        self.image.zoom_changed.connect(self._on_zoom_changed)
        self.full_screen_button = self._button(
            self.tr("Full screen"), "previewFullScreenButton", self.tr("Full screen (F11 or F)")
        )
        self.full_screen_button.setAccessibleName(self.tr("Full screen"))
        self.full_screen_button.setCheckable(True)
        self.full_screen_button.toggled.connect(self.set_full_screen)

        self.select_box = QCheckBox(self.tr("Selected"), self)
        self.select_box.setObjectName("previewSelectBox")
        self.select_box.setAccessibleName(self.tr("Select this photo for download"))
        self.select_box.setToolTip(self.tr("Select this photo for download (Space)"))
        self.select_box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.select_box.toggled.connect(self._on_select_toggled)
        self.download_button = self._button(
            self.tr("Download this photo"),
            "previewDownloadButton",
            self.tr("Download the original of this photo now (D)"),
        )
        self.download_button.setAccessibleName(self.tr("Download this photo"))
        self.download_button.clicked.connect(self._on_download_clicked)
        self.download_button.hide()  # until the owner can download (`offer_download`)
        close = self._button(self.tr("Close"), "previewCloseButton", self.tr("Close (Esc)"))
        close.setAccessibleName(self.tr("Close the preview"))
        close.clicked.connect(self.reject)
        self.close_button = close

        titles = QVBoxLayout()
        titles.setSpacing(0)
        for label in (self.title, self.taken_label, keys):
            titles.addWidget(label, 0, Qt.AlignmentFlag.AlignCenter)
        bar = QHBoxLayout()
        for button in (self.fit_button, self.actual_button, self.full_screen_button):
            bar.addWidget(button)
        bar.addLayout(titles, 1)
        bar.addWidget(self.select_box)
        bar.addWidget(self.download_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addLayout(bar)
        self._updating = False
        self._normal_geometry: QRect | None = None

    # ------------------------------------------------------------------ API

    def show_photo(
        self,
        image_id: str,
        title: str,
        thumbnail: QPixmap | None,
        *,
        selected: bool,
        has_previous: bool,
        has_next: bool,
    ) -> None:
        self.image_id = image_id
        self.title.setText(title)
        self.setAccessibleDescription(title)
        self.image.setAccessibleName(title)
        self.image.set_pixmap(thumbnail, self.tr("Loading the large photo…"))
        self.set_taken(image_id, None)
        self._updating = True
        self.select_box.setChecked(selected)
        self._updating = False
        self.previous_button.setVisible(has_previous)
        self.next_button.setVisible(has_next)
        self.download_button.setEnabled(True)
        self.download_button.setText(self.tr("Download this photo"))

    def set_large(self, image_id: str, pixmap: QPixmap) -> None:
        if image_id == self.image_id:
            self.image.set_pixmap(pixmap)

    def set_taken(self, image_id: str, taken: datetime | None) -> None:
        """The capture time when the photo carries one; otherwise no line at all."""
        if image_id != self.image_id:
            return
        text = capture_time_text(taken) if taken is not None else ""
        self.taken_label.setText(text)
        self.taken_label.setVisible(bool(text))
        self.image.setAccessibleDescription(text)

    def set_failed(self, image_id: str, text: str) -> None:
        if image_id == self.image_id:
            self.image.set_pixmap(self.image.pixmap, text)

    def set_selected(self, selected: bool) -> None:
        self._updating = True
        self.select_box.setChecked(selected)
        self._updating = False

    def offer_download(self) -> None:
        """Show "Download this photo": the owner handles `download_requested`."""
        self.download_button.show()

    def set_download_started(self, image_id: str) -> None:
        """The photo went to the downloads: say so on the button, once."""
        if image_id == self.image_id:
            self.download_button.setText(self.tr("Added to downloads"))
            self.download_button.setEnabled(False)

    def set_full_screen(self, on: bool) -> None:
        if on == self.isFullScreen():
            return
        if on:
            self._normal_geometry = self.geometry()
            self.showFullScreen()
            screen = self.screen()
            if screen is not None:  # without a window manager (kiosk) nobody else sizes it
                self.setGeometry(screen.geometry())
        else:
            self.showNormal()
            if self._normal_geometry is not None:
                self.setGeometry(self._normal_geometry)
        self.full_screen_button.setChecked(on)

    # ------------------------------------------------------------ internals

    def _arrow(self, text: str, name: str, delta: int) -> QToolButton:
        button = QToolButton(self.image)
        button.setObjectName(name)
        button.setText(text)
        button.setFixedSize(QSize(ARROW_SIZE, ARROW_SIZE))
        button.setStyleSheet(_ARROW_STYLE)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(lambda: self.navigate_requested.emit(delta))
        return button

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def _place_arrows(self) -> None:
        y = (self.image.height() - ARROW_SIZE) // 2
        margin = 12
        self.previous_button.move(margin, y)
        self.next_button.move(self.image.width() - ARROW_SIZE - margin, y)
        self.previous_button.raise_()
        self.next_button.raise_()

    def _on_zoom_changed(self, actual: bool) -> None:
        (self.actual_button if actual else self.fit_button).setChecked(True)

    def _on_select_toggled(self, on: bool) -> None:
        if not self._updating and self.image_id:
            self.selection_toggled.emit(self.image_id, on)

    def _on_download_clicked(self) -> None:
        offered = not self.download_button.isHidden()
        if self.image_id and offered and self.download_button.isEnabled():
            self.download_requested.emit(self.image_id)

    # ------------------------------------------------------------- Qt hooks

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Left and not self.previous_button.isHidden():
            self.navigate_requested.emit(-1)
        elif key == Qt.Key.Key_Right and not self.next_button.isHidden():
            self.navigate_requested.emit(1)
        elif key == Qt.Key.Key_Space:
            self.select_box.toggle()
        elif key in (Qt.Key.Key_F11, Qt.Key.Key_F):
            self.set_full_screen(not self.isFullScreen())
        elif key == Qt.Key.Key_Z:
            self.image.toggle_zoom()
        elif key == Qt.Key.Key_1:
            self.image.set_actual_size(True)
        elif key == Qt.Key.Key_0:
            self.image.set_actual_size(False)
        elif key == Qt.Key.Key_D:
            self._on_download_clicked()
        elif key == Qt.Key.Key_Escape and self.isFullScreen():
            self.set_full_screen(False)  # Esc leaves full screen first, then closes
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.reject()
        else:
            super().keyPressEvent(event)
            return
        event.accept()
