"""`Reconnector`: while the photo service cannot be reached, ask it now and then whether
it is back, and say so once it answers.

The waits between probes are Qt timers, not a sleeping task: nothing runs between two
probes, so "wait until idle" still means idle while the app is offline. Each probe is one
ping (the open event's, else the first page of the event list); any answer from the
service, even a refusal, means it can be reached again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.errors import NinePicError, RequestTimedOut, ServiceUnreachable
from app.core.retry import RetryPolicy
from app.ui.messages import UserMessage, offline_message
from app.ui.runtime import TaskRunner

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client loads with the first request, not with the window
    from app.core.client import NinePicClient

_TASK = "reconnect-probe"

PROBE_BACKOFF = RetryPolicy(base_delay=2.0, multiplier=2.0, max_delay=60.0, jitter=0.1)
"""2 s, 4 s, 8 s … then once a minute."""


def is_offline(error: BaseException) -> bool:
    """The errors that mean "no answer at all", as opposed to an answer we did not like."""
    return isinstance(error, ServiceUnreachable | RequestTimedOut)


class Reconnector(QObject):
    """Probes the service with backoff while `waiting`; one owner: the controller.

    Signals:
        waiting_changed(bool): the app started (True) or stopped (False) waiting for the
            service to answer again.
        service_back(): a probe was answered; the owner runs again what failed.
    """

    waiting_changed = Signal(bool)
    service_back = Signal()

    def __init__(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        event_id: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self._event_id = event_id
        self.policy = PROBE_BACKOFF
        """How long to wait between probes (public: tests make the waits short)."""
        self.probes = 0
        """Probes sent since waiting began."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._probe)
        self._waiting = False

    @property
    def waiting(self) -> bool:
        return self._waiting

    def start(self) -> None:
        """Begin (or keep) waiting for the service; the first probe follows the first wait."""
        if self._waiting:
            return
        self._waiting = True
        self.probes = 0
        self._schedule()
        self.waiting_changed.emit(True)

    def note_failure(
        self, error: NinePicError, message: UserMessage, waiting_for: str = ""
    ) -> UserMessage:
        """A call the user waited on failed: with no answer at all, start waiting for the
        service and say so (the app carries on by itself); any other failure as it is.
        `waiting_for`: the search that runs once the service answers, if one waits."""
        if not is_offline(error):
            return message
        self.start()
        return offline_message(waiting_for)

    def offline_notice(self, waiting_for: str) -> UserMessage:
        """What to say of a search typed while waiting for the service."""
        return offline_message(waiting_for)

    def stop(self) -> None:
        """Something got through (or the user took over): no more probes."""
        self._timer.stop()
        self.runner.cancel(_TASK)
        if self._waiting:
            self._waiting = False
            self.waiting_changed.emit(False)

    def _schedule(self) -> None:
        delay = self.policy.backoff(self.probes + 1)
        self._timer.start(max(1, round(delay * 1000)))

    def _probe(self) -> None:
        if not self._waiting or self.runner.closed:
            return
        if not self._in_loop():  # Qt events handled outside the loop: try again later
            self._schedule()
            return
        self.probes += 1
        self.runner.start(self._ask(), key=_TASK)

    def _in_loop(self) -> bool:
        try:
            return asyncio.get_running_loop() is self.runner.loop
        except RuntimeError:
            return False

    async def _ask(self) -> None:
        event_id = self._event_id()
        try:
            if event_id is not None:
                await self.client.ping(event_id)
            else:
                await self.client.list_events(page=1, page_size=1)
        except NinePicError as error:
            if is_offline(error):
                if self._waiting:
                    self._schedule()
                return
        if self._waiting:
            self.stop()
            self.service_back.emit()
