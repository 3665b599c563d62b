"""`after_first_paint`: a step waits for the widget's first paint, runs once, never never."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.first_paint import after_first_paint


class PaintCount(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_the_step_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    paints = PaintCount(widget)
    seen: list[int] = []
    after_first_paint(widget, lambda: seen.append(paints.count), fallback_ms=60_000)
    qtbot.wait(0)  # a turn of the loop: nothing painted yet, nothing run
    assert seen == []
    widget.show()
    qtbot.waitUntil(lambda: seen != [])
    assert seen[0] >= 1  # it ran after a paint
    widget.update()
    qtbot.waitUntil(lambda: paints.count >= 2)
    assert len(seen) == 1


def test_a_widget_never_shown_still_gets_its_step(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    seen: list[bool] = []
    after_first_paint(widget, lambda: seen.append(True), fallback_ms=20)
    qtbot.waitUntil(lambda: seen == [True])
