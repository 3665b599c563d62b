"""The download panel's overall bar: saved photos in the accent colour, failed ones in red.

A plain `QProgressBar` has one colour, so a batch whose only photo failed stood full and
blue over "0 of 1 saved". Here `value()` is what was saved (or is on its way), and
`failed_value` the share that failed, painted in its own colour; `outcome` says how the
batch ended ("" while it runs, "complete", "failed" or "stopped").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QProgressBar, QWidget

from app.ui.widgets.style import ERROR_TINT, blend, is_dark

SCALE = 1000


@dataclass(frozen=True)
class BarParts:
    """How far a batch is, in photos: `saved` (whole and partly fetched), `failed`, of `total`."""

    saved: float = 0.0
    failed: int = 0
    total: int = 0

    def value(self) -> int:
        if self.total <= 0:
            return 0
        return min(SCALE, int(self.saved * SCALE / self.total))

    def failed_value(self) -> int:
        if self.total <= 0:
            return 0
        return min(SCALE - self.value(), round(self.failed * SCALE / self.total))


class OverallBar(QProgressBar):
    """A progress bar with a second, red part for failed photos."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, SCALE)
        self.setTextVisible(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.failed_value = 0
        self.outcome = ""

    def set_parts(self, parts: BarParts) -> None:
        self.failed_value = parts.failed_value()
        self.setValue(parts.value())
        self.update()

    def set_outcome(self, outcome: str) -> None:
        self.outcome = outcome
        self.update()

    def reset_parts(self) -> None:
        self.set_parts(BarParts())
        self.outcome = ""

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = is_dark(palette)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outer = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(blend(base, text, 0.35))
        painter.setBrush(base)
        painter.drawRoundedRect(outer, 3, 3)
        inner = self.rect().adjusted(2, 2, -2, -2)
        saved_w = inner.width() * self.value() // SCALE
        failed_w = inner.width() * self.failed_value // SCALE
        painter.setPen(Qt.PenStyle.NoPen)
        accent = palette.color(QPalette.ColorRole.Highlight)
        # light enough under the text in either theme: the label stays readable
        painter.setBrush(blend(base, accent, 0.55 if dark else 0.45))
        painter.drawRoundedRect(QRect(inner.left(), inner.top(), saved_w, inner.height()), 2, 2)
        painter.setBrush(blend(base, ERROR_TINT, 0.6 if dark else 0.4))
        painter.drawRoundedRect(
            QRect(inner.left() + saved_w, inner.top(), failed_w, inner.height()), 2, 2
        )
        painter.setPen(text)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()
