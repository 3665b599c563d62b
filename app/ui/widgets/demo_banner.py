"""A slim banner: this is the demo event, and how to connect to a real one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from app.core.credentials import ENV_VAR


class DemoBanner(QFrame):
    """Says it is the demo, which BIBs find photos, and how to reach a real event."""

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
        text = self.tr("<b>Demo event</b> — generated photos, not a real race.")
        working = [bib for bib in sample_bibs if bib != failure_bib]
        if working:
            text += " " + self.tr("Try BIB %1.").replace("%1", ", ".join(working))
        if failure_bib:
            text += " " + self.tr("BIB %1 shows what a failure looks like.").replace(
                "%1", failure_bib
            )
        title = QLabel(text, self)
        title.setObjectName("demoBannerTitle")
        how = QLabel(
            self.tr(
                "To use a real event: <code>photo-retriever --api-url URL --org ID"
                " --event ID</code> with the API key in <code>%1</code>."
            ).replace("%1", ENV_VAR),
            self,
        )
        how.setObjectName("demoBannerHowTo")
        how.setWordWrap(True)  # a narrow window wraps the hint rather than growing
        how.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        how.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAccessibleName(self.tr("Demo mode"))
        self.setAccessibleDescription(
            self.tr(
                "Demo event: generated photos, not a real race. To use a real event, start "
                "photo-retriever with --api-url, --org and --event, and the API key in %1."
            ).replace("%1", ENV_VAR)
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(how, 1)
