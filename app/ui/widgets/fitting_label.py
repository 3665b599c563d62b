"""A one-line label that shows the longest of its wordings that fits its width.

A long one-line label sets the window's minimum width: the demo banner's full sentence
made the window 905 px wide at least, so on an 800 px screen its right end (the Connect
button, the Size slider) was cut off. Wrapping instead would make the banner taller
when the window narrows and push the grid down. This label stays one line and trades
words for room: the full wording when it fits, shorter ones as the window narrows,
the full one always in the tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class FittingLabel(QLabel):
    """One line of plain text (or `rich` text); `wordings` run from the longest to the
    shortest.

    Its size hint is the longest wording (or `steady_width`, if more: a label whose
    text changes then keeps its width and what is beside it stays put), its minimum
    the shortest, so the layout may give it anything in between and it picks what fits.
    """

    def __init__(
        self,
        wordings: Sequence[str],
        parent: QWidget | None = None,
        *,
        rich: bool = False,
        steady_width: int = 0,
    ) -> None:
        super().__init__(parent)
        text_format = Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText
        self.setTextFormat(text_format)
        # Wordings are measured by a hidden child label: it has this label's font (fonts
        # pass to children), so a font change needs no tracking, and Qt measures in C++
        # (a QFont or QTextDocument made here in Python costs the first frame ~2 ms).
        self._ruler = QLabel(self)
        self._ruler.setTextFormat(text_format)
        self._ruler.hide()
        self._wordings: tuple[str, ...] = ()
        self._steady_width = steady_width
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_wordings(wordings)

    @property
    def wordings(self) -> tuple[str, ...]:
        return self._wordings

    def set_wordings(self, wordings: Sequence[str]) -> None:
        """New text, from the longest wording to the shortest; the longest is the tooltip."""
        if not wordings:
            raise ValueError("a FittingLabel needs at least one wording")
        if tuple(wordings) == self._wordings:
            return
        self._wordings = tuple(wordings)
        self.setToolTip(self._wordings[0])
        self.setText(self._wordings[0])
        self.updateGeometry()
        parent = self.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            layout.activate()  # the width the new text gets, now rather than next turn
        self._choose()

    def sizeHint(self) -> QSize:
        longest = self._measure(self._wordings[0])
        return longest.expandedTo(QSize(self._steady_width, 0))

    def minimumSizeHint(self) -> QSize:
        return self._measure(self._wordings[-1])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._choose()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        self._choose()  # a new font or style may fit another wording (not asking which
        # change it was: naming QEvent.Type makes PySide build that 180-member enum)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._choose()

    def _choose(self) -> None:
        """The longest wording that fits; the longest while hidden (no width yet)."""
        chosen = self._wordings[0]
        if self.isVisible():
            room = self.width()
            fits = (text for text in self._wordings if self._measure(text).width() <= room)
            chosen = next(fits, self._wordings[-1])
        if chosen != self.text():
            self.setText(chosen)

    def _measure(self, text: str) -> QSize:
        """The size this label would ask for to show `text` on one line."""
        self._ruler.setText(text)
        self._ruler.setContentsMargins(self.contentsMargins())
        return self._ruler.sizeHint()
