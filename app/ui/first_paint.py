"""Run a step once a widget has been painted for the first time.

What the window needs only after it is on screen (the download engine behind its
buttons, say) waits for the first paint, so that building it never delays the moment
the window appears. If no paint comes (a window that is never exposed), the step runs
after `fallback_ms` anyway: it is deferred, never skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, step: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._step: Callable[[], None] | None = step
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._run)  # after this paint has been flushed
        return False

    def _run(self) -> None:
        step, self._step = self._step, None
        if step is None:
            return
        self._widget.removeEventFilter(self)  # the object itself goes with the widget
        step()


def after_first_paint(widget: QWidget, step: Callable[[], None], fallback_ms: int = 500) -> None:
    """Call `step` once, on the event loop, right after `widget` was first painted."""
    _FirstPaint(widget, step, fallback_ms)
