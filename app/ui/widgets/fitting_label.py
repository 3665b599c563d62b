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
from PySide6.QtGui import QResizeEvent, QShowEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class FittingLabel(QLabel):
    """One line of plain text (or `rich` text); `wordings` run from the longest to the shortest.

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
        self._rich = rich
        self.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self._wordings: tuple[str, ...] = ()
        self._widths: tuple[int, ...] = ()
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
        self._widths = ()
        self.setToolTip(self._wordings[0])
        self.setText(self._wordings[0])
        self.updateGeometry()
        parent = self.parentWidget()
        layout = parent.layout() if parent is not None else None
        if layout is not None:
            layout.activate()  # the width the new text gets, now rather than next turn
        self._choose()

    def sizeHint(self) -> QSize:
        return self._size_for(max(self._measured()[0], self._steady_width))

    def minimumSizeHint(self) -> QSize:
        return self._size_for(self._measured()[-1])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._choose()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._widths = ()  # measured again with the new font
            self.updateGeometry()
            self._choose()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._choose()

    def _choose(self) -> None:
        """The longest wording that fits; the longest while hidden (no width yet)."""
        chosen = self._wordings[0]
        if self.isVisible():
            room = self.contentsRect().width()
            widths = self._measured()
            chosen = next(
                (text for text, width in zip(self._wordings, widths, strict=True) if width <= room),
                self._wordings[-1],
            )
        if chosen != self.text():
            self.setText(chosen)

    def _measured(self) -> tuple[int, ...]:
        """Each wording's width in this font, as the label lays it out (rich text)."""
        if not self._widths:
            document = QTextDocument()
            document.setDefaultFont(self.font())
            document.setDocumentMargin(0)
            widths = []
            for text in self._wordings:
                if self._rich:
                    document.setHtml(text)
                else:
                    document.setPlainText(text)
                widths.append(int(document.idealWidth()) + 1)
            self._widths = tuple(widths)
        return self._widths

    def _size_for(self, text_width: int) -> QSize:
        margins = self.contentsMargins()
        height = super().minimumSizeHint().height()
        return QSize(text_width + margins.left() + margins.right(), height)
