"""What the grid shows with no photos in it: a drawing, one big friendly line, what to do
next, and (in the demo) BIB numbers to try with one click."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.text import fill
from app.ui.widgets.style import blend


class Illustration(QWidget):
    """A race photo drawn in the palette's colours: sky, road, a runner's bib."""

    def sizeHint(self) -> QSize:
        return QSize(176, 124)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        accent = palette.color(QPalette.ColorRole.Highlight)
        ink = palette.color(QPalette.ColorRole.PlaceholderText)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        card = QRectF((w - 160) / 2, (h - 96) / 2 + 4, 150, 104 - 8)
        back = card.translated(10, -8)
        p.setPen(QPen(blend(window, ink, 0.35), 1.5))
        p.setBrush(blend(window, accent, 0.10))
        p.drawRoundedRect(back, 10, 10)
        frame = QPainterPath()
        frame.addRoundedRect(card, 10, 10)
        p.fillPath(frame, blend(window, accent, 0.28))
        p.save()
        p.setClipPath(frame)
        road = QPainterPath()
        horizon = card.top() + card.height() * 0.52
        road.moveTo(card.left() + card.width() * 0.30, card.bottom())
        road.lineTo(card.center().x() + 8, horizon)
        road.lineTo(card.center().x() + 16, horizon)
        road.lineTo(card.right() - card.width() * 0.06, card.bottom())
        p.fillRect(
            QRectF(card.left(), horizon, card.width(), card.height()),
            blend(window, accent, 0.45),
        )
        p.fillPath(road, blend(window, ink, 0.55))
        lane = QPen(palette.color(QPalette.ColorRole.Base), 2.0, Qt.PenStyle.DashLine)
        p.setPen(lane)
        p.drawLine(
            QPointF(card.left() + card.width() * 0.62, card.bottom()),
            QPointF(card.center().x() + 12, horizon),
        )
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(blend(window, QColor(255, 200, 40), 0.85))
        p.drawEllipse(QPointF(card.right() - 28, card.top() + 24), 11, 11)
        p.restore()
        bib = QRectF(card.left() + 18, card.top() + 22, 52, 36)
        p.setPen(QPen(ink, 1.5))
        p.setBrush(palette.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(bib, 5, 5)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(15)
        p.setFont(font)
        p.setPen(palette.color(QPalette.ColorRole.Text))
        p.drawText(bib, Qt.AlignmentFlag.AlignCenter, "1488")
        p.setPen(QPen(blend(window, ink, 0.6), 1.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(card, 10, 10)
        p.end()


class EmptyState(QWidget):
    """Title, detail and sample BIBs, centred; `title`/`detail` are also its accessible
    name and description, so a screen reader hears what a sighted user reads.

    Signals:
        sample_chosen(str): a sample BIB button was pressed.
    """

    sample_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsStatus")
        self.illustration = Illustration(self)
        self._title = QLabel(self)
        self._title.setObjectName("resultsStatusTitle")
        self._title.setWordWrap(True)
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self._title.setFont(font)
        self._detail = QLabel(self)
        self._detail.setObjectName("resultsStatusDetail")
        self._detail.setWordWrap(True)
        self._detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._samples = QWidget(self)
        self._samples_row = QHBoxLayout(self._samples)
        self._samples_row.setContentsMargins(0, 4, 0, 0)
        self._samples_row.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addWidget(self.illustration, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(6)
        layout.addWidget(self._title)
        layout.addWidget(self._detail)
        layout.addWidget(self._samples, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._samples.hide()

    @property
    def title(self) -> str:
        return self._title.text()

    @property
    def detail(self) -> str:
        return self._detail.text()

    def set_text(self, title: str, detail: str = "") -> None:
        self._title.setText(title)
        self._detail.setText(detail)
        self._detail.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)

    def set_samples(self, bibs: Sequence[str]) -> None:
        """Buttons that search these BIBs (empty: none shown)."""
        while (item := self._samples_row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        if bibs:
            self._samples_row.addWidget(QLabel(self.tr("Try a demo BIB:"), self._samples))
        for bib in bibs:
            button = QPushButton(bib, self._samples)
            button.setObjectName("sampleBibButton")
            button.setAccessibleName(fill(self.tr("Search BIB %1"), bib))
            button.setMinimumWidth(64)
            button.clicked.connect(lambda _checked=False, b=bib: self.sample_chosen.emit(b))
            self._samples_row.addWidget(button)
        self._samples.setVisible(bool(bibs))

    def sample_buttons(self) -> list[QPushButton]:
        return self._samples.findChildren(QPushButton, "sampleBibButton")
