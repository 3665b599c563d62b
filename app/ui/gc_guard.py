"""Python's cyclic garbage collection, run only on the GUI thread.

Automatic collection runs on whichever thread happens to allocate. When that is a
download or decoding worker and the garbage holds Qt objects, Qt destroys them on the
wrong thread and can crash. So while the window runs, automatic collection is off and
a timer on the GUI thread collects with the same generation thresholds.

With `settle`, the timer's first turn, half a second after the window starts to run,
moves what the start made into the permanent generation (`gc.freeze`) instead of
collecting it: some 90,000 objects (modules, classes, Qt's enums, the models' schemas)
that live as long as the app, among under a thousand that are garbage. Collecting them
was one 30-40 ms stall of the GUI thread just after the start, and every collection of
the oldest generation after it walked them all again.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Call `start()` on the GUI thread; `stop()` gives collection back to Python."""

    def __init__(
        self, parent: QObject | None = None, interval_ms: int = 500, *, settle: bool = False
    ) -> None:
        super().__init__(parent)
        self._settle = settle
        self.settled = False
        """The start's objects are frozen (the first turn of a `settle` collector)."""
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
        if self.settled:
            gc.unfreeze()  # collection back to Python as it found it
            self.settled = False
        if self._was_enabled:
            gc.enable()

    def collect_if_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold; -1 if none
        (and on a `settle` collector's first turn, which freezes instead)."""
        if self._settle and not self.settled:
            gc.freeze()
            self.settled = True
            return -1
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        due = [gen for gen in range(3) if thresholds[gen] and counts[gen] > thresholds[gen]]
        if not due:
            return -1
        generation = max(due)
        gc.collect(generation)
        return generation
