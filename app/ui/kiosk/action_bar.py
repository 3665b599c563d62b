"""The results page's buttons: one row where they fit, two where they do not.

A kiosk window is the screen: it cannot grow to fit its buttons. On an 800 px panel the
five touch buttons of one row were squeezed below their text ("art ov", "ave to USB (")
and nobody could read what they do. Here the take-away buttons move to a row of their
own when one row would not hold them all, and every label stays whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

TEXT_ROOM_PX = 14
"""Room kept between a button's text and its border when a row is tight."""


def _tight_width(button: QPushButton) -> int:
    text = button.fontMetrics().horizontalAdvance(button.text())
    return min(button.sizeHint().width(), text + 2 * TEXT_ROOM_PX)


class ActionBar(QWidget):
    """`first` at the left; `middle` and then `last` at the right of one row, or
    `last` on a second row, right-aligned, when the width is short."""

    def __init__(
        self,
        first: QPushButton,
        middle: Sequence[QPushButton],
        last: Sequence[QPushButton],
        spacing: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskActionBar")
        self._first, self._middle, self._last = first, tuple(middle), tuple(last)
        self._spacing = spacing
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(spacing)
        self._top, self._bottom = QHBoxLayout(), QHBoxLayout()
        for row in (self._top, self._bottom):
            row.setSpacing(spacing)
            rows.addLayout(row)
        self._two_rows: bool | None = None
        self._arrange(two_rows=False)

    @property
    def two_rows(self) -> bool:
        return bool(self._two_rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rearrange()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._rearrange()  # a button's text changed: "Save to USB (12)" is wider
        return super().event(event)

    def _rearrange(self) -> None:
        self._arrange(two_rows=self.width() < self._one_row_width())

    def _arrange(self, *, two_rows: bool) -> None:
        if two_rows == self._two_rows:
            return
        self._two_rows = two_rows
        for row in (self._top, self._bottom):
            while row.takeAt(0) is not None:
                pass
        self._top.addWidget(self._first)
        self._top.addStretch(1)
        for button in self._middle:
            self._top.addWidget(button)
        target: QBoxLayout = self._bottom if two_rows else self._top
        if two_rows:
            target.addStretch(1)
        for button in self._last:
            target.addWidget(button)
        # An empty second row takes no room: the height follows the rows, and the width
        # alone decides them, so one pass settles it.

    def _one_row_width(self) -> int:
        return self._width((self._first, *self._middle, *self._last))

    def _width(self, buttons: Sequence[QPushButton]) -> int:
        """A row of these buttons and its stretch: one spacing per button. A button may
        give up some of its padding, never its text (`TEXT_ROOM_PX` on each side)."""
        shown = [b for b in buttons if not b.isHidden()]
        return sum(_tight_width(b) for b in shown) + self._spacing * len(shown)
