"""`TimeSearch`: the time picker wired to the controller (find by time, all photos).

A time window and the whole gallery are searches like a BIB: they go through
`SearchController.show_search`, so paging, selection, preview and download are the
same. This object holds only what the picker needs between clicks: a jump into the
gallery asked for before the gallery was on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.core.timeline import HourSlot, TimeWindow
from app.ui.controller import SearchController
from app.ui.event_session import mode_enabled
from app.ui.messages import Action
from app.ui.search import SearchMode, SearchSpec
from app.ui.search_session import PageView
from app.ui.widgets.search_bar import SearchBar
from app.ui.widgets.time_picker import TimePicker
from app.ui.wording import switched_off_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.models import EventDetails


class TimeSearch(QObject):
    """Owns the `TimePicker` shown in the search bar for the time and gallery modes."""

    def __init__(self, controller: SearchController, bar: SearchBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self.bar = bar
        self.picker = TimePicker(parent)
        bar.set_mode_panel(self.picker)
        self._jump_to: int | None = None
        c = controller
        c.timeline.slots_changed.connect(self._on_slots_changed)
        c.events.event_changed.connect(self._on_event_changed)
        c.results.page_shown.connect(self._on_page_shown)
        c.search_started.connect(self._on_search_started)
        bar.mode_changed.connect(self._on_mode_changed)
        self.picker.window_requested.connect(self.search_window)
        self.picker.widen_requested.connect(self.widen)
        self.picker.jump_requested.connect(self.jump)
        self.picker.all_requested.connect(self.browse_all)

    # ------------------------------------------------------------------ API

    def search_window(self, window: TimeWindow) -> None:
        event_id = self.controller.event_id
        if event_id is not None:
            spec = SearchSpec.for_window(event_id, window)
            self.controller.show_search(spec, Action.SEARCH_TIME)

    def widen(self) -> None:
        spec = self.controller.search
        if spec is not None and spec.window is not None and spec.window.can_widen:
            self.search_window(spec.window.widened())

    def browse_all(self) -> None:
        what = self.tr("every photo of the event")
        self.controller.show_when_open(SearchSpec.for_all, Action.BROWSE_ALL, what)

    def jump(self, moment: int) -> None:
        """The gallery page of the first photo taken at or after `moment` (the gallery
        opens first when it is not on screen)."""
        spec = self.controller.search
        if spec is not None and spec.mode is SearchMode.ALL and self.controller.view is not None:
            results = self.controller.results
            self.controller.timeline.jump(moment, results.page_size, results.go_to_page)
            return
        self._jump_to = moment
        self.browse_all()

    # ------------------------------------------------------------- events

    def _on_event_changed(self, details: EventDetails | None) -> None:
        time_on = details is not None and mode_enabled(details, SearchMode.TIME)
        self.picker.set_mode(self.bar.mode, has_timeline=time_on)
        if self.bar.mode in (SearchMode.TIME, SearchMode.ALL):
            self.controller.timeline.want()

    def offer_modes(self, details: EventDetails) -> None:
        """The search bar offers the event's modes; each switched-off one says why."""
        time_on = mode_enabled(details, SearchMode.TIME)
        self.bar.set_available(
            details.bib_search,
            details.selfie_search,
            time=time_on,
            gallery=mode_enabled(details, SearchMode.ALL),
            off_reasons={mode: switched_off_text(mode) for mode in SearchMode},
        )

    def _on_slots_changed(self, slots: list[HourSlot]) -> None:
        self.picker.set_slots(slots, state=self.controller.timeline.state)

    def _on_mode_changed(self, mode: SearchMode) -> None:
        if mode in (SearchMode.TIME, SearchMode.ALL):
            details = self.controller.details
            has_timeline = details is not None and details.timeline_search
            self.picker.set_mode(mode, has_timeline=has_timeline)
            self.controller.timeline.want()

    def _on_search_started(self, spec: SearchSpec | None) -> None:
        self.picker.set_window(spec.window if spec is not None else None)

    def _on_page_shown(self, view: PageView) -> None:
        moment, self._jump_to = self._jump_to, None
        if moment is not None and view.search.mode is SearchMode.ALL:
            self.jump(moment)
