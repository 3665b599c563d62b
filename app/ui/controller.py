"""`SearchController`: what the window asks for, routed to the objects that own the state.

- `EventSession` owns the event list and the open event (with its feature flags);
- `SearchSession` owns the search on screen: pages, prefetch, thumbnails, previews;
- `Selection` is the one selection truth, across pages (`ScreenSelection` fills it from
  the page on screen, or from every page of the search);
- `WaitingSearch` keeps a search submitted while the event is still opening until it is;
- `RetryOffer` turns failures into one message with a Retry, and shows "retrying in 3 s"
  notices for the calls someone is waiting on (its listener is passed per call);
- `Reconnector` reconnects by itself when the service could not be reached;
- `DownloadRequests` hands download requests to the `DownloadController`;
- `HeapTrimmer` gives freed memory back to the system once a page has settled.

The controller checks typed input before any call and puts away the old search when the
event or the search changes; each public method is a few lines forwarding to the owner
of that state. It knows no widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap

from app.core.errors import NinePicError
from app.core.validation import RefusedInput, clean_bib, clean_request_id, looks_like_request_id
from app.ui.download_requests import DownloadRequests
from app.ui.event_session import EventSession
from app.ui.heap_trim import HeapTrimmer
from app.ui.messages import Action, error_message
from app.ui.models.photo_model import PhotoModel
from app.ui.reconnect import Reconnector
from app.ui.retry_offer import RetryOffer
from app.ui.runtime import TaskRunner
from app.ui.screen_selection import ScreenSelection
from app.ui.search import SearchMode, SearchSpec
from app.ui.search_session import PAGE_SIZE, PageView, SearchSession
from app.ui.selection import Selection
from app.ui.thumbnails import DEFAULT_CONCURRENCY, ThumbnailLoader
from app.ui.timeline_session import TimelineSession
from app.ui.waiting_search import WaitingSearch
from app.ui.wording import switched_off_text

if TYPE_CHECKING:
    from app.core.client import NinePicClient
    from app.core.models import EventDetails, EventListItem, ImageItem
    from app.ui.downloads import DownloadController

__all__ = ["PageView", "SearchController"]

_SEARCHING = (
    Action.SEARCH_BIB,
    Action.SEARCH_SELFIE_ID,
    Action.SEARCH_SELFIE_PHOTO,
    Action.SEARCH_TIME,
    Action.BROWSE_ALL,
)


class SearchController(QObject):
    """The window's brain.

    Signals:
        search_started(object): the `SearchSpec` (None for a selfie photo not yet uploaded).
        input_refused(str): the search input was refused, in plain words; no call was made.
        message(object): a `UserMessage` for the message bar.
        message_cleared(): the message bar can be emptied.
        busy_changed(bool): a search or page load is running.
        search_failed(object): the search (`SearchSpec`, None for a selfie photo) found
            nothing to show because it failed; the reason went to `message`.
        download_selected_requested(list): the user asked for these image ids.
        download_all_requested(object): the user asked for every photo of this `SearchSpec`.
        downloads_missing(): a download was asked for but this window has no downloads.
        key_needed(): the service answered 401: it wants a key this window does not have.

    `timeline` holds the open event's hour buckets (find by time); time windows and
    the whole gallery run through `show_search` like any other search.

    The sessions' own signals (`events.events_loaded`, `events.event_changed`,
    `results.page_shown`, `results.results_cleared`, `results.selfie_search_ready`) and
    `selection.changed` are connected to directly.
    """

    search_started = Signal(object)
    input_refused = Signal(str)
    message = Signal(object)
    message_cleared = Signal()
    busy_changed = Signal(bool)
    search_failed = Signal(object)
    download_selected_requested = Signal(list)
    download_all_requested = Signal(object)
    downloads_missing = Signal()
    key_needed = Signal()

    def __init__(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        initial_event_id: int | None = None,
        preferred_event_id: int | None = None,
        page_size: int = PAGE_SIZE,
        thumbnail_concurrency: int = DEFAULT_CONCURRENCY,
        model: PhotoModel | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self.reconnect = Reconnector(client, runner, lambda: self.events.event_id, self)
        self.retries = RetryOffer(runner, self.reconnect, self)
        self.retries.message.connect(self.message)
        self.retries.message_cleared.connect(self.message_cleared)
        self.retries.key_needed.connect(self.key_needed)
        self.events = EventSession(
            client,
            runner,
            initial_event_id=initial_event_id,
            preferred_event_id=preferred_event_id,
            on_retry=self.retries.on_client_retry,
            parent=self,
        )
        self.results = SearchSession(
            client,
            runner,
            page_size=page_size,
            thumbnail_concurrency=thumbnail_concurrency,
            on_retry=self.retries.on_client_retry,
            model=model,
            parent=self,
        )
        self.heap = HeapTrimmer(self.results, runner, parent=self)
        self.timeline = TimelineSession(
            client, runner, on_retry=self.retries.on_client_retry, parent=self
        )
        self.events.event_changed.connect(self.timeline.set_event)
        self.timeline.failed.connect(self._report)
        self.selection = Selection(self)
        self.model.set_selection_lookup(self.selection.is_selected)
        self.selection.changed.connect(self.model.selection_changed)
        self.on_screen = ScreenSelection(self.results, self.selection)
        self.download_requests = DownloadRequests(self.events, self.results, self.selection, self)
        requests = self.download_requests
        requests.selected_requested.connect(self.download_selected_requested)
        requests.all_requested.connect(self.download_all_requested)
        requests.missing.connect(self.downloads_missing)
        requests.message.connect(self.message)
        self.waiting = WaitingSearch(self.events, self.reconnect, self)
        self.waiting.message.connect(self.message)
        self.events.event_wanted.connect(self.select_event)
        self.events.event_changed.connect(self._on_event_changed)
        self.events.failed.connect(self._report)
        self.results.failed.connect(self._report)
        self.results.page_shown.connect(self._on_page_shown)
        self.results.selfie_refused.connect(self._on_selfie_refused)
        self.runner.busy_changed.connect(self.busy_changed)

    # ------------------------------------------------------- what is on screen

    @property
    def model(self) -> PhotoModel:
        return self.results.model

    @property
    def thumbnails(self) -> ThumbnailLoader:
        return self.results.thumbnails

    @property
    def details(self) -> EventDetails | None:
        return self.events.details

    @property
    def event_id(self) -> int | None:
        return self.events.event_id

    @property
    def event_list(self) -> list[EventListItem]:
        return self.events.events

    @property
    def search(self) -> SearchSpec | None:
        return self.results.search

    @property
    def view(self) -> PageView | None:
        return self.results.view

    def mode_enabled(self, mode: SearchMode) -> bool:
        return self.events.mode_enabled(mode)

    # ---------------------------------------------------------------- events

    def start(self) -> None:
        """Fill the event picker, then open the initial event."""
        self.events.start()

    def select_event(self, event_id: int) -> None:
        """Open another event: results and selection belong to one event, so they go."""
        if self.events.is_open(event_id):
            return
        self.results.begin(None)
        self.selection.clear()
        self.message_cleared.emit()
        self.retries.withdraw()
        self.events.open(event_id)
        self.waiting.say()

    def _on_event_changed(self, details: EventDetails | None) -> None:
        if details is not None:
            self.retries.answered()
            self.results.expect_images_from(self.events.cover_image())

    # ---------------------------------------------------------------- search

    def submit(self, mode: SearchMode, text: str) -> None:
        """Check the typed input and search; refused input never reaches the service.

        Typed while the event is still opening (or the event list loading), the checked
        search waits and runs as soon as the event is open: typing right away works."""
        try:
            if mode is SearchMode.BIB and looks_like_request_id(text):
                mode = SearchMode.SELFIE  # a pasted selfie id can never be a BIB
            if mode is SearchMode.BIB:
                identifier, action = clean_bib(text), Action.SEARCH_BIB
            elif mode is SearchMode.SELFIE:
                identifier, action = clean_request_id(text), Action.SEARCH_SELFIE_ID
            else:
                raise ValueError("use search_selfie_photo for photos")
        except RefusedInput as refused:
            self._refuse(error_message(refused, Action.SEARCH_BIB).text)
            return
        self.waiting.when_open(lambda: self._search(mode, identifier, action), identifier)

    def search_selfie_photo(self, path: str | Path) -> None:
        """Upload a selfie once (POST); later pages come by GET with its request_id."""
        photo = Path(path)
        self.waiting.when_open(lambda: self._upload(photo), self.tr("your selfie"))

    @property
    def search_waiting(self) -> bool:
        """A search was submitted before the event was open; it runs once it is."""
        return self.waiting.pending

    def _search(self, mode: SearchMode, identifier: str, action: Action) -> None:
        event_id = self.events.event_id
        assert event_id is not None, "searches run on an open event"
        self.show_search(SearchSpec(event_id, mode, identifier), action)

    def show_when_open(
        self, make_spec: Callable[[int], SearchSpec], action: Action, what: str
    ) -> None:
        """`show_search` of the spec made for the open event, now or, while the event is
        still opening, as soon as it is open (like a typed search)."""

        def run() -> None:
            if self.event_id is not None:
                self.show_search(make_spec(self.event_id), action)

        self.waiting.when_open(run, what)

    def show_search(self, spec: SearchSpec, action: Action) -> None:
        """Run `spec` on the open event (a time window, the whole gallery, a BIB…);
        a mode the event has switched off is refused with the reason."""
        if spec.event_id != self.event_id or self.details is None:
            return
        if not self.mode_enabled(spec.mode):
            self._refuse(switched_off_text(spec.mode))
            return
        self._begin(spec)
        self.results.load_first_page(action)

    def _upload(self, path: Path) -> None:
        event_id = self.events.event_id
        assert event_id is not None, "searches run on an open event"
        if not self.mode_enabled(SearchMode.SELFIE_PHOTO):
            self._refuse(switched_off_text(SearchMode.SELFIE_PHOTO))
            return
        self._begin(None)
        self.results.upload_selfie(event_id, path)

    def _refuse(self, text: str) -> None:
        """Refused input: the last search's results go (they are not the answer to what
        was typed; the selection stays), then the reason is said."""
        self.results.begin(None)
        self.input_refused.emit(text)

    def _begin(self, spec: SearchSpec | None) -> None:
        if spec is None or spec != self.search:
            self.selection.clear()
        self.results.begin(spec)
        self.retries.withdraw()
        self.message_cleared.emit()
        self.retries.forget_notice()
        self.search_started.emit(spec)

    def _on_selfie_refused(self, refused: RefusedInput) -> None:
        self.input_refused.emit(error_message(refused, Action.SEARCH_SELFIE_PHOTO).text)

    def _on_page_shown(self, _view: PageView) -> None:
        self.retries.answered()
        self.retries.withdraw()

    # ---------------------------------------------------------------- paging

    def go_to_page(self, page: int) -> None:
        self.results.go_to_page(page)

    def next_page(self) -> None:
        self.results.next_page()

    def previous_page(self) -> None:
        self.results.previous_page()

    async def load_large(self, item: ImageItem) -> QPixmap:
        return await self.results.load_large(item)

    # ------------------------------------------------------------- selection

    def is_selected(self, image_id: str) -> bool:
        return self.selection.is_selected(image_id)

    def selected_ids(self) -> list[str]:
        return self.selection.ids()

    @property
    def selected_count(self) -> int:
        return self.selection.count

    def set_selected(self, image_ids: Iterable[str], selected: bool) -> None:
        """Select or unselect photos of the page on screen by id."""
        self.on_screen.set_ids(image_ids, selected)

    def select_page(self) -> None:
        self.on_screen.select_page()

    def select_all_results(self) -> None:
        """Every photo of the search, on every page (fetched 100 a page)."""
        self.on_screen.select_all_results()

    def clear_selection(self) -> None:
        self.selection.clear()

    # ------------------------------------------------------------- downloads

    @property
    def downloads(self) -> DownloadController | None:
        return self.download_requests.downloads

    def set_downloads(self, downloads: DownloadController) -> None:
        """Where "Download" goes; without one the window says downloading is unavailable."""
        self.download_requests.downloads = downloads

    def request_download_selected(self) -> None:
        self.download_requests.request_selected()

    def request_download(self, ids: list[str]) -> bool:
        """Download these photos of the search (the selection, or the one previewed)."""
        return self.download_requests.request(ids)

    def request_download_all(self) -> None:
        self.download_requests.request_all()

    # --------------------------------------------------------------- plumbing

    def retry(self) -> None:
        """Run again whatever failed last (the message bar's Retry button)."""
        self.retries.retry()

    @property
    def can_retry(self) -> bool:
        return self.retries.can_retry

    def reset(self) -> None:
        """Back to a blank search: nothing of the previous search stays (kiosk)."""
        self.results.reset()
        self.selection.clear()
        self.retries.withdraw()
        self.waiting.drop()
        self.message_cleared.emit()

    async def shutdown(self) -> None:
        self.results.close()
        await self.runner.shutdown()

    def _report(self, error: NinePicError, action: Action, retry: Callable[[], None]) -> None:
        self.retries.report(error, action, retry, self.waiting.what)
        if action in _SEARCHING and self.view is None:
            self.search_failed.emit(self.search)
