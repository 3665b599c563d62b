"""A slim banner: this is the demo event, and a button to connect to a real one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.text import fill
from app.ui.widgets.fitting_label import FittingLabel


class DemoBanner(QFrame):
    """Says it is the demo, which BIBs find photos, and offers to connect to a real event.

    Signals:
        connect_requested(): the user pressed "Connect to your event".
    """

    connect_requested = Signal()

    def __init__(
        self,
        sample_bibs: Sequence[str] = (),
        parent: QWidget | None = None,
        failure_bib: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setFrameShape(QFrame.Shape.NoFrame)
        title = FittingLabel(self._wordings(sample_bibs, failure_bib), self, rich=True)
        title.setObjectName("demoBannerTitle")
        self.connect_button = QPushButton(self.tr("Connect to your event…"), self)
        self.connect_button.setObjectName("demoBannerConnect")
        self.connect_button.setToolTip(self.tr("Settings ▸ Connect to your event (Ctrl+,)"))
        self.connect_button.clicked.connect(self.connect_requested)
        self.setAccessibleName(self.tr("Demo mode"))
        self.setAccessibleDescription(
            self.tr(
                "Demo event: generated photos, not a real race. Use Connect to your event "
                "to reach your race's photos."
            )
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(12)
        layout.addWidget(title, 1)
        layout.addWidget(self.connect_button)

    def _wordings(self, sample_bibs: Sequence[str], failure_bib: str | None) -> list[str]:
        """The banner's sentence from the longest to the shortest: on a narrow screen the
        BIBs to try outlast the rest, and "Demo event" stays to the last."""
        lead = self.tr("<b>Demo event</b> — generated photos, not a real race.")
        short_lead = self.tr("<b>Demo event.</b>")
        working = [bib for bib in sample_bibs if bib != failure_bib]
        tries = [fill(self.tr("Try BIB %1."), ", ".join(working))] if working else []
        failure = failure_short = []
        if failure_bib:
            failure = [fill(self.tr("BIB %1 shows what a failure looks like."), failure_bib)]
            failure_short = [fill(self.tr("BIB %1 fails."), failure_bib)]
        candidates = [
            [lead, *tries, *failure],
            [short_lead, *tries, *failure],
            [short_lead, *tries, *failure_short],
            [short_lead, *tries],
            [short_lead],
        ]
        wordings: list[str] = []
        for parts in candidates:
            text = " ".join(parts)
            if text not in wordings:
                wordings.append(text)
        return wordings


def organiser_banner(title: str, parent: QWidget | None = None) -> QLabel:
    """The organiser's name for the app (a profile's `title`) above a real event's window,
    where the demo has its banner."""
    banner = QLabel(title, parent)
    banner.setObjectName("organiserBanner")
    banner.setTextFormat(Qt.TextFormat.PlainText)  # a profile is text, never markup
    banner.setAutoFillBackground(True)
    banner.setBackgroundRole(QPalette.ColorRole.AlternateBase)
    banner.setContentsMargins(12, 6, 12, 6)
    font = banner.font()
    font.setBold(True)
    banner.setFont(font)
    return banner
