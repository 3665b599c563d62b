"""`IdleWatcher`: no input for N seconds, then a visible countdown, then a reset.

It watches the whole application's input (taps, clicks, keys, wheel, touch) with one
event filter and looks at the clock a few times a second: idle for `idle_s` starts the
countdown, `countdown_s` more is the reset; any input in between cancels it. Nothing
runs while the watcher is disarmed (the start screen with nothing typed: nothing to
forget), and the time does not count while it is held (the runner is waiting for a
search or a save). The clock is injectable, so tests move time instead of waiting.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_INPUT = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.InputMethod,
}
TICK_MS = 200


class IdleWatcher(QObject):
    """Signals:
    countdown_started(int): the countdown began with this many seconds.
    countdown_changed(int): whole seconds left (shown as "Starting over in 9 s").
    countdown_cancelled(): input came during the countdown: the runner is still here.
    reset_due(): the countdown ran out: forget the runner now.
    """

    countdown_started = Signal(int)
    countdown_changed = Signal(int)
    countdown_cancelled = Signal()
    reset_due = Signal()

    def __init__(
        self,
        idle_s: float,
        countdown_s: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle_s = idle_s
        self.countdown_s = countdown_s
        self._clock = clock
        self._armed = False
        self._held = False
        self._last_input = clock()
        self._shown = -1
        self._tick = QTimer(self)
        self._tick.setInterval(max(10, min(TICK_MS, int(min(idle_s, countdown_s or idle_s) * 250))))
        self._tick.timeout.connect(self._on_tick)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def counting_down(self) -> bool:
        return self._shown >= 0

    @property
    def armed(self) -> bool:
        return self._armed

    def set_armed(self, armed: bool) -> None:
        """Armed while something of a runner is on screen."""
        if armed == self._armed:
            return
        self._armed = armed
        self.poke()
        if armed:
            self._tick.start()
        else:
            self._tick.stop()

    def set_held(self, held: bool) -> None:
        """Held while the runner waits for us (a search, a save): no countdown then."""
        if held != self._held:
            self._held = held
            self.poke()

    def poke(self) -> None:
        """Input happened: the runner is here; the idle time starts again."""
        self._last_input = self._clock()
        if self.counting_down:
            self._shown = -1
            self.countdown_cancelled.emit()

    def stop(self) -> None:
        self.set_armed(False)
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _INPUT:
            self.poke()
        return False

    def _on_tick(self) -> None:
        if not self._armed:
            return
        if self._held:
            self._last_input = self._clock()
            return
        idle_for = self._clock() - self._last_input
        if idle_for < self.idle_s:
            return
        left = self.idle_s + self.countdown_s - idle_for
        if left <= 0:
            self._shown = -1
            self._last_input = self._clock()
            self.reset_due.emit()
            return
        seconds = math.ceil(left)
        if not self.counting_down:
            self._shown = seconds
            self.countdown_started.emit(seconds)
        elif seconds != self._shown:
            self._shown = seconds
            self.countdown_changed.emit(seconds)
