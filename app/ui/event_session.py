"""`EventSession`: which events there are, which one is open, and what it offers."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.core.errors import NinePicError
from app.ui.messages import Action
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.client import NinePicClient
    from app.core.models import EventDetails, EventListItem
    from app.core.retry import RetryListener

_EVENTS, _EVENT = "events", "event"


class EventSession(QObject):
    """The event list and the open event's details (with its feature flags).

    Signals:
        events_loaded(list): `EventListItem`s for the event picker.
        event_changed(object): `EventDetails` of the open event, or None while unknown.
        event_wanted(int): the list (or a retry) wants this event opened; the owner puts
            away the last event's search and calls `open`.
        failed(object, object, object): (error, `Action`, retry callable) of a failed call.
    """

    events_loaded = Signal(list)
    event_changed = Signal(object)
    event_wanted = Signal(int)
    failed = Signal(object, object, object)

    def __init__(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        initial_event_id: int | None = None,
        preferred_event_id: int | None = None,
        on_retry: RetryListener | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self._initial_event_id = initial_event_id
        self._preferred_event_id = preferred_event_id
        """The remembered event: opened when the service still lists it."""
        self._on_retry = on_retry
        self.events: list[EventListItem] = []
        self.details: EventDetails | None = None
        self.event_id: int | None = None

    def start(self) -> None:
        """Fill the event list, then open the initial event."""
        self.runner.start(self._load_events(), key=_EVENTS, busy=True)

    def mode_enabled(self, mode: SearchMode) -> bool:
        if self.details is None:
            return False
        return mode_enabled(self.details, mode)

    def cover_image(self) -> str | None:
        """The open event's cover image URL, when the event list gave one."""
        return next((e.cover_image for e in self.events if e.event_id == self.event_id), None)

    def is_open(self, event_id: int) -> bool:
        return event_id == self.event_id and self.details is not None

    def open(self, event_id: int) -> None:
        """Open `event_id` (the caller has put away whatever belonged to the last one)."""
        self.runner.cancel(_EVENT)
        self.event_id = event_id
        self.details = None
        self.event_changed.emit(None)
        self.runner.start(self._open_event(event_id), key=_EVENT, busy=True)

    async def _load_events(self) -> None:
        from app.core.models import EventListItem

        configured = self._initial_event_id
        try:
            events = [e async for e in self.client.iter_events(on_retry=self._on_retry)]
        except NinePicError as error:
            # Opening the event would fail the same way; Retry starts over from here. The
            # picker keeps no stand-in entry ("Event 1"): it would look loaded when it is not.
            self.events = []
            self.failed.emit(error, Action.LIST_EVENTS, self.start)
            return
        known = {e.event_id for e in events}
        if self._preferred_event_id in known:
            wanted: int | None = self._preferred_event_id
        elif configured is not None:
            wanted = configured
            if configured not in known:
                events.insert(0, EventListItem(event_id=configured))
        else:
            wanted = events[0].event_id if events else None
        self.events = events
        self.events_loaded.emit(events)
        if wanted is not None and (self.event_id is None or self.details is None):
            self.event_id = None
            self.event_wanted.emit(wanted)

    async def _open_event(self, event_id: int) -> None:
        try:
            details = await self.client.event_details(event_id, on_retry=self._on_retry)
        except NinePicError as error:
            self.failed.emit(error, Action.OPEN_EVENT, lambda: self._reopen(event_id))
            return
        self.details = details
        self.event_changed.emit(details)

    def _reopen(self, event_id: int) -> None:
        self.event_id = None
        self.event_wanted.emit(event_id)


def mode_enabled(details: EventDetails, mode: SearchMode) -> bool:
    """Whether the event offers `mode` (spec section 7).

    No flag gates All Photos: the gallery visibility settings (`show_all_images`) are
    not in Event Details and the endpoint ignores them. So the whole gallery is offered
    where the event is switched on for outside use, `event_enabled`.
    """
    if mode is SearchMode.BIB:
        return details.bib_search
    if mode is SearchMode.TIME:
        return details.timeline_search
    if mode is SearchMode.ALL:
        return details.event_enabled
    return details.selfie_search
