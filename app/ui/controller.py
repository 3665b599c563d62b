"""`SearchController`: what the window asks for, routed to the objects that own the state.

- `EventSession` owns the event list and the open event (with its feature flags);
- `SearchSession` owns the search on screen: pages, prefetch, thumbnails, previews;
- `Selection` is the one selection truth, across pages.

The controller checks typed input before any call, keeps a search submitted while the
event is still opening until it is open, puts away the old search when the
event or the search changes, turns failures into one message with a Retry, shows
"retrying in 3 s" notices for the calls someone is waiting on (its own listener, passed
per call), reconnects by itself when the service could not be reached (`Reconnector`),
and hands download requests straight to the `DownloadController`.
It knows no widgets.

Why ~470 lines: each public method is a few lines forwarding to the owner of that state;
the waiting search, the retry and the notices are the controller's own and are shared by
every kind of search. The download requests (selected, all, listed) are the part that
could move to a module of their own next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap

from app.core.errors import AuthMissing, FeatureDisabled, NinePicError
from app.core.validation import RefusedInput, clean_bib, clean_request_id, looks_like_request_id
from app.ui.event_session import EventSession
from app.ui.messages import Action, Level, UserMessage, error_message, retry_notice
from app.ui.models.photo_model import PhotoModel
from app.ui.reconnect import Reconnector, is_offline
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec
from app.ui.search_session import PAGE_SIZE, PageView, SearchSession
from app.ui.selection import Selection
from app.ui.text import fill
from app.ui.thumbnails import DEFAULT_CONCURRENCY, ThumbnailLoader
from app.ui.timeline_session import TimelineSession
from app.ui.wording import file_label, switched_off_text

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
        self.events = EventSession(
            client,
            runner,
            initial_event_id=initial_event_id,
            preferred_event_id=preferred_event_id,
            on_retry=self._on_client_retry,
            parent=self,
        )
        self.results = SearchSession(
            client,
            runner,
            page_size=page_size,
            thumbnail_concurrency=thumbnail_concurrency,
            on_retry=self._on_client_retry,
            model=model,
            parent=self,
        )
        self.timeline = TimelineSession(client, runner, on_retry=self._on_client_retry, parent=self)
        self.events.event_changed.connect(self.timeline.set_event)
        self.timeline.failed.connect(self._report)
        self.selection = Selection(self)
        self.model.set_selection_lookup(self.selection.is_selected)
        self.selection.changed.connect(self.model.selection_changed)
        self.downloads: DownloadController | None = None
        self.reconnect = Reconnector(client, runner, lambda: self.events.event_id, self)
        self.reconnect.service_back.connect(self.retry)
        self._retry: Callable[[], None] | None = None
        self._notice_shown = False
        self._waiting: tuple[Callable[[], None], str] | None = None
        """A search submitted before the event was open, and what it looks for."""
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
        self._retry = None
        self.events.open(event_id)
        self._say_waiting()

    def _on_event_changed(self, details: EventDetails | None) -> None:
        if details is not None:
            self.reconnect.stop()
            self._clear_notice()
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
        self._when_open(lambda: self._search(mode, identifier, action), identifier)

    def search_selfie_photo(self, path: str | Path) -> None:
        """Upload a selfie once (POST); later pages come by GET with its request_id."""
        photo = Path(path)
        self._when_open(lambda: self._upload(photo), self.tr("your selfie"))

    @property
    def search_waiting(self) -> bool:
        """A search was submitted before the event was open; it runs once it is."""
        return self._waiting is not None

    def _when_open(self, search: Callable[[], None], what: str) -> None:
        if self.details is not None and self.events.event_id is not None:
            self._drop_waiting()
            search()
            return
        if self._waiting is None:
            # Connected now, so it runs after the window has shown the event's modes
            # (a refusal for a mode the event lacks is not wiped by that).
            self.events.event_changed.connect(self._run_waiting)
        self._waiting = search, what  # the latest submit wins
        self._say_waiting()

    def _say_waiting(self) -> None:
        if self._waiting is None:
            return
        what = self._waiting[1]
        if self.reconnect.waiting:
            self.message.emit(self.reconnect.offline_notice(what))
            return
        text = fill(
            self.tr("Opening the event… your search for %1 starts as soon as it is open."), what
        )
        self.message.emit(UserMessage(text, Level.INFO))

    def _run_waiting(self, details: EventDetails | None) -> None:
        waiting = self._waiting
        if details is not None and waiting is not None:
            self._drop_waiting()
            waiting[0]()

    def _drop_waiting(self) -> None:
        if self._waiting is not None:
            self._waiting = None
            self.events.event_changed.disconnect(self._run_waiting)

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

        self._when_open(run, what)

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
        self._retry = None
        self.message_cleared.emit()
        self._notice_shown = False
        self.search_started.emit(spec)

    def _on_selfie_refused(self, refused: RefusedInput) -> None:
        self.input_refused.emit(error_message(refused, Action.SEARCH_SELFIE_PHOTO).text)

    def _on_page_shown(self, _view: PageView) -> None:
        self.reconnect.stop()
        self._clear_notice()
        self._retry = None

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
        model = self.model
        rows = (model.row_of(image_id) for image_id in image_ids)
        items = [i for row in rows if row is not None and (i := model.item(row)) is not None]
        self.selection.set(items, selected, page=self._page_on_screen())

    def select_page(self) -> None:
        self.selection.set(self.model.items(), True, page=self._page_on_screen())

    def select_all_results(self) -> None:
        """Every photo of the search, on every page (fetched 100 a page)."""
        spec, view = self.search, self.view
        if spec is None or view is None or view.total == 0:
            return
        self.results.fetch_every_item(
            spec, lambda items, pages: self.selection.set(items, True, page_of=pages)
        )

    def clear_selection(self) -> None:
        self.selection.clear()

    def _page_on_screen(self) -> int:
        return self.view.page if self.view is not None else 1

    # ------------------------------------------------------------- downloads

    def set_downloads(self, downloads: DownloadController) -> None:
        """Where "Download" goes; without one the window says downloading is unavailable."""
        self.downloads = downloads

    def request_download_selected(self) -> None:
        ids = self.selection.ids()
        if not ids:  # only the Ctrl+D key gets here: the button is disabled
            self.message.emit(UserMessage(self._nothing_selected_text(), Level.INFO))
            return
        self.download_selected_requested.emit(ids)
        self.request_download(ids)

    def request_download(self, ids: list[str]) -> bool:
        """Download these photos of the search (the selection, or the one previewed)."""
        if self.downloads is None:
            self.downloads_missing.emit()
            return False
        spec = self.search
        label = ""
        if spec is not None:
            label = file_label(spec)
        return self.downloads.start_selected(ids, self.event_id, label)

    def _nothing_selected_text(self) -> str:
        if self.model.rowCount():
            return self.tr(
                "No photos are selected. Click photos or press Space to select them, "
                "or Ctrl+A for the whole page, then Ctrl+D."
            )
        return self.tr("No photos are selected. Search for your photos first, then select them.")

    def request_download_all(self) -> None:
        spec, view = self.search, self.view
        if spec is None or view is None or view.total == 0:
            return
        self.download_all_requested.emit(spec)
        downloads = self.downloads
        if downloads is None:
            self.downloads_missing.emit()
        elif spec.lists_photos:  # a window or the gallery: list its photos, then by ids

            def listed(items: list[ImageItem], _pages: dict[str, int]) -> None:
                downloads.start_all(spec, [item.image_id for item in items])

            self.results.fetch_every_item(spec, listed, Action.DOWNLOAD)
        else:
            downloads.start_all(spec)

    # --------------------------------------------------------------- plumbing

    def retry(self) -> None:
        """Run again whatever failed last (the message bar's Retry button)."""
        retry, self._retry = self._retry, None
        self.reconnect.stop()
        if retry is not None:
            self.message_cleared.emit()
            retry()

    @property
    def can_retry(self) -> bool:
        return self._retry is not None

    def reset(self) -> None:
        """Back to a blank search: nothing of the previous search stays (kiosk)."""
        self.results.reset()
        self.selection.clear()
        self._retry = None
        self._drop_waiting()
        self.message_cleared.emit()

    async def shutdown(self) -> None:
        self.results.close()
        await self.runner.shutdown()

    def _report(self, error: NinePicError, action: Action, retry: Callable[[], None]) -> None:
        waiting_for = self._waiting[1] if self._waiting is not None else ""
        message = self.reconnect.note_failure(error, error_message(error, action), waiting_for)
        self._retry = retry if message.can_retry else None
        self._notice_shown = False
        if isinstance(error, FeatureDisabled) and action is not Action.OPEN_EVENT:
            message = UserMessage(message.text, Level.WARNING)
        self.message.emit(message)
        if isinstance(error, AuthMissing):
            self.key_needed.emit()  # only the service's 401 says a key is missing
        if action in _SEARCHING and self.view is None:
            self.search_failed.emit(self.search)

    def _on_client_retry(self, attempt: int, error: NinePicError, delay: float) -> None:
        if self.runner.busy:  # background prefetches retry quietly
            if self._notice_shown and is_offline(error):
                return  # said at the first failure; the attempts after it are quiet
            self._notice_shown = True
            self.message.emit(retry_notice(error, delay))

    def _clear_notice(self) -> None:
        if self._notice_shown:
            self._notice_shown = False
            self.message_cleared.emit()
