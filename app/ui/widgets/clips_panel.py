"""The video clips row under a selfie search: find, the job's state, the clips, download.

One line says what is going on (why clips are not offered, the job's state, how it
ended); the buttons on its right offer what can be done next; below it, a strip of
the clips, each with its camera, its length and a Play button. It shows what it is told and emits
what the user asked for; `ClipsSession` owns the state.
"""

from __future__ import annotations

import html
from posixpath import basename
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.models import VideoClip
from app.ui.text import fill

BUTTON_HEIGHT = 36


def clip_length(seconds: float | None) -> str:
    """`0:08`, `1:05`; empty when the service did not say."""
    if seconds is None or seconds < 0:
        return ""
    whole = int(seconds + 0.5)
    return f"{whole // 60}:{whole % 60:02d}"


def clip_title(clip: VideoClip, number: int) -> str:
    """The camera's name (`finish-line-cam`), else `Clip 2`."""
    name = clip.source_video or basename(unquote(urlsplit(clip.url).path))
    stem = name.rsplit(".", 1)[0].strip() if name else ""
    return stem or f"#{number}"


class ClipsPanel(QWidget):
    """Signals:
    find_requested(): "Find my video clips" or "Check again" was pressed.
    play_requested(str): play the clip at this URL.
    download_requested(): download every clip listed.
    """

    find_requested = Signal()
    play_requested = Signal(str)
    download_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipsPanel")
        self.status = QLabel(self)
        self.status.setObjectName("clipsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.find_button = self._button(
            "findClipsButton",
            self.tr("Find my video clips"),
            self.tr("Ask the service to cut the clips of you from the event's videos"),
        )
        self.check_again_button = self._button(
            "checkClipsAgainButton",
            self.tr("Check again"),
            self.tr("Ask the service again whether your clips are ready"),
        )
        self.download_button = self._button(
            "downloadClipsButton",
            self.tr("Download clips"),
            self.tr("Save every clip listed into the download folder as .mp4"),
        )
        self.find_button.clicked.connect(self.find_requested)
        self.check_again_button.clicked.connect(self.find_requested)
        self.download_button.clicked.connect(self.download_requested)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(8)
        top.addWidget(self.status, 1)
        for button in (self.find_button, self.check_again_button, self.download_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        # The cards scroll sideways rather than make the window wider than the screen.
        cards = QWidget(self)
        self.rows = QHBoxLayout(cards)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(8)
        self.strip = QScrollArea(self)
        self.strip.setObjectName("clipStrip")
        self.strip.setWidget(cards)
        self.strip.setWidgetResizable(True)
        self.strip.setFrameShape(QFrame.Shape.NoFrame)
        self.strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.strip)
        layout.addStretch(1)  # beside a taller dock: keep to the top
        self.play_buttons: list[QPushButton] = []
        self.show_state("", find=False)

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setMinimumHeight(BUTTON_HEIGHT)
        return button

    def show_state(
        self,
        text: str,
        *,
        find: bool = False,
        check_again: bool = False,
        clips: tuple[VideoClip, ...] = (),
    ) -> None:
        """One line of state and the buttons that make sense now; the clip rows."""
        self.status.setText(text)
        self.find_button.setVisible(find)
        self.check_again_button.setVisible(check_again)
        self.download_button.setVisible(bool(clips))
        if clips:
            self.download_button.setText(self.tr("Download %n clip(s)", "", len(clips)))
        self._show_clips(clips)

    def _show_clips(self, clips: tuple[VideoClip, ...]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.play_buttons = []
        cards = [self._clip_card(clip, n, len(clips)) for n, clip in enumerate(clips, 1)]
        for card in cards:
            self.rows.addWidget(card)
        self.rows.addStretch(1)
        self.strip.setVisible(bool(cards))
        if cards:
            tallest = max(card.sizeHint().height() for card in cards)
            bar = self.strip.horizontalScrollBar().sizeHint().height()
            self.strip.setFixedHeight(tallest + bar)

    def _clip_card(self, clip: VideoClip, number: int, count: int) -> QWidget:
        """`[▶ Play]  finish-line-cam  0:08` in a frame of its own."""
        row = QFrame(self)
        row.setObjectName("clipCard")
        row.setFrameShape(QFrame.Shape.StyledPanel)
        play = QPushButton(self.tr("▶ Play"), row)
        play.setObjectName("playClipButton")
        play.setMinimumHeight(BUTTON_HEIGHT)
        play.setToolTip(self.tr("Open this clip in the system's video player"))
        title = clip_title(clip, number)
        play.setAccessibleName(fill(self.tr("Play clip %1 of %2: %3"), number, count, title))
        play.clicked.connect(lambda: self.play_requested.emit(clip.url))
        self.play_buttons.append(play)
        name = QLabel(f"<b>{html.escape(title)}</b>", row)
        name.setObjectName("clipTitle")
        name.setTextFormat(Qt.TextFormat.RichText)
        length = QLabel(clip_length(clip.duration_s), row)
        length.setObjectName("clipLength")
        length.setAccessibleName(self.tr("Length"))
        line = QHBoxLayout(row)
        line.setContentsMargins(6, 4, 12, 4)
        line.setSpacing(10)
        line.addWidget(play)
        line.addWidget(name)
        line.addWidget(length)
        return row
