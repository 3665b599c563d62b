"""Python's cyclic garbage collection, run only on the GUI thread.

Automatic collection runs on whichever thread happens to allocate. When that is a
download or decoding worker and the garbage holds Qt objects, Qt destroys them on the
wrong thread and can crash. So while the window runs, automatic collection is off and
a timer on the GUI thread collects with the same generation thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Call `start()` on the GUI thread; `stop()` gives collection back to Python."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def collect_if_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold; -1 if none."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        due = [gen for gen in range(3) if thresholds[gen] and counts[gen] > thresholds[gen]]
        if not due:
            return -1
        generation = max(due)
        gc.collect(generation)
        return generation
