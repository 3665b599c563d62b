"""`TimelineSession`: the open event's hour buckets, and jumps into the whole gallery.

It knows no widgets: the time picker shows `slots`; the window's searches by time go
through `SearchController.show_search` like any other search.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from app.core.errors import NinePicError
from app.core.retry import RetryListener
from app.core.timeline import HourSlot, hour_slots, page_at
from app.ui.messages import Action
from app.ui.runtime import TaskRunner

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load with the first request
    from app.core.client import NinePicClient
    from app.core.models import EventDetails

_SLOTS, _JUMP = "timeline-slots", "timeline-jump"


class SlotState(StrEnum):
    """Where the open event's buckets are: not asked for, on the way, in, or failed."""

    IDLE = "idle"
    LOADING = "loading"
    LOADED = "loaded"
    FAILED = "failed"


class TimelineSession(QObject):
    """Hour buckets of the open event, loaded once the window wants them (`want`): an
    event opened for a BIB search costs no timeline call, and a failing one bothers
    nobody who is not searching by time.

    Signals:
        slots_changed(list): the `HourSlot`s of the open event (empty: none, or unknown).
        failed(object, object, object): (error, `Action`, retry callable).
    """

    slots_changed = Signal(list)
    failed = Signal(object, object, object)

    def __init__(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        on_retry: RetryListener | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self._on_retry = on_retry
        self.event_id: int | None = None
        self._has_timeline = False
        self.slots: list[HourSlot] = []
        self.state = SlotState.IDLE

    def set_event(self, details: EventDetails | None) -> None:
        """The open event changed: drop the old buckets, load the new ones if it has any."""
        self.runner.cancel(_SLOTS, _JUMP)
        self.event_id = details.event_id if details is not None else None
        self._has_timeline = details is not None and details.timeline_search
        self._set_slots([], SlotState.IDLE)

    def want(self) -> None:
        """Load the buckets of the open event, once (if it has a timeline)."""
        if self.event_id is not None and self._has_timeline and self.state is SlotState.IDLE:
            self._load(self.event_id)

    def _load(self, event_id: int) -> None:
        self._set_slots([], SlotState.LOADING)
        self.runner.start(self._run_load(event_id), key=_SLOTS)

    async def _run_load(self, event_id: int) -> None:
        try:
            timeline = await self.client.timeline_days(event_id, on_retry=self._on_retry)
        except NinePicError as error:
            if event_id == self.event_id:
                self._set_slots([], SlotState.FAILED)
            self.failed.emit(error, Action.LOAD_TIMELINE, lambda: self._load(event_id))
            return
        if event_id == self.event_id:
            self._set_slots(hour_slots(timeline), SlotState.LOADED)

    def _set_slots(self, slots: list[HourSlot], state: SlotState) -> None:
        self.slots, self.state = slots, state
        self.slots_changed.emit(slots)

    def jump(self, moment: int, page_size: int, go_to_page: Callable[[int], None]) -> None:
        """Find the gallery page of the first photo taken at or after `moment`, then go."""
        if self.event_id is not None:
            work = self._run_jump(self.event_id, moment, page_size, go_to_page)
            self.runner.start(work, key=_JUMP, busy=True)

    async def _run_jump(
        self, event_id: int, moment: int, page_size: int, go_to_page: Callable[[int], None]
    ) -> None:
        try:
            page = await page_at(
                self.client, event_id, self.slots, moment, page_size, on_retry=self._on_retry
            )
        except NinePicError as error:
            retry = lambda: self.jump(moment, page_size, go_to_page)  # noqa: E731
            self.failed.emit(error, Action.LOAD_PAGE, retry)
            return
        if event_id == self.event_id:
            go_to_page(page)
