"""A search submitted while the event is still opening (or the event list loading):
kept, said to be waiting, and run as soon as the event is open, so typing right away
works. The latest submit wins; changing the event or resetting drops it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.ui.event_session import EventSession
from app.ui.messages import Level, UserMessage
from app.ui.reconnect import Reconnector
from app.ui.text import fill

TYPE_CHECKING = False
if TYPE_CHECKING:  # the wire models load where used, not with the window
    from app.core.models import EventDetails


class WaitingSearch(QObject):
    """The search waiting for the open event, and what it looks for ("BIB 1042").

    Signals:
        message(object): a `UserMessage` saying the search waits (or that the service
            is unreachable and the search runs once it is back).
    """

    message = Signal(object)

    def __init__(
        self, events: EventSession, reconnect: Reconnector, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._events = events
        self._reconnect = reconnect
        self._waiting: tuple[Callable[[], None], str] | None = None

    @property
    def pending(self) -> bool:
        return self._waiting is not None

    @property
    def what(self) -> str:
        """What the waiting search looks for; empty when none waits."""
        return self._waiting[1] if self._waiting is not None else ""

    def when_open(self, search: Callable[[], None], what: str) -> None:
        """Run `search` now if the event is open, or else as soon as it is."""
        if self._events.details is not None and self._events.event_id is not None:
            self.drop()
            search()
            return
        if self._waiting is None:
            # Connected now, so it runs after the window has shown the event's modes
            # (a refusal for a mode the event lacks is not wiped by that).
            self._events.event_changed.connect(self._run)
        self._waiting = search, what  # the latest submit wins
        self.say()

    def say(self) -> None:
        """Tell the user the search waits (nothing when none does)."""
        if self._waiting is None:
            return
        what = self._waiting[1]
        if self._reconnect.waiting:
            self.message.emit(self._reconnect.offline_notice(what))
            return
        text = fill(
            self.tr("Opening the event… your search for %1 starts as soon as it is open."), what
        )
        self.message.emit(UserMessage(text, Level.INFO))

    def drop(self) -> None:
        if self._waiting is not None:
            self._waiting = None
            self._events.event_changed.disconnect(self._run)

    def _run(self, details: EventDetails | None) -> None:
        waiting = self._waiting
        if details is not None and waiting is not None:
            self.drop()
            waiting[0]()
