"""Search, page and selection state for the window; talks to the client, knows no widgets.

Widgets call the plain methods (`search`, `next_page`, `select_page`, …); the
controller starts the async work through the `TaskRunner`, keeps the `PhotoModel` and
the `ThumbnailLoader` in step, and reports back with signals. A newer search or page
request cancels the older one, so a slow answer can never overwrite a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap

from app.core.client import NinePicClient
from app.core.errors import BadResponse, FeatureDisabled, NinePicError
from app.core.models import EventDetails, EventListItem, ImageItem, ImagePage
from app.core.validation import (
    RefusedInput,
    clean_bib,
    clean_request_id,
    looks_like_request_id,
    read_selfie,
)
from app.ui.messages import Action, Level, UserMessage, error_message, retry_notice
from app.ui.models.photo_model import PhotoModel
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec
from app.ui.thumbnails import DEFAULT_CONCURRENCY, ByteLRU, ThumbnailLoader

log = logging.getLogger(__name__)

PAGE_SIZE = 32
SELECT_ALL_PAGE_SIZE = 100
THUMBNAIL_MAX_BYTES = 4 * 1024 * 1024
PREVIEW_CACHE_BYTES = 32 * 1024 * 1024
BYTES_PER_PIXEL_ESTIMATE = 0.45
"""A camera JPEG at high quality is roughly 0.3-0.6 bytes per pixel."""
UNKNOWN_PHOTO_BYTES = 5_000_000

# Task keys: a new task with the same key cancels the old one.
_EVENTS, _EVENT, _SEARCH, _PAGE, _PREFETCH, _SELECT_ALL = (
    "events",
    "event",
    "search",
    "page",
    "prefetch",
    "select_all",
)


def estimate_original_bytes(item: ImageItem) -> int:
    """A cheap guess at an original's size from its pixel count (the API gives no sizes)."""
    if item.width and item.height:
        return int(item.width * item.height * BYTES_PER_PIXEL_ESTIMATE)
    return UNKNOWN_PHOTO_BYTES


@dataclass(frozen=True)
class PageView:
    """The page on screen: where it sits in the results of `search`."""

    search: SearchSpec
    page: int
    total_pages: int
    total: int
    page_size: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.total_pages


class SearchController(QObject):
    """The window's brain.

    Signals:
        events_loaded(list): `EventListItem`s for the event picker.
        event_changed(object): `EventDetails` of the chosen event, or None when unknown.
        search_started(object): the `SearchSpec` (None for a selfie photo not yet uploaded).
        page_shown(object): a `PageView` once a page (possibly empty) is in the model.
        results_cleared(): nothing is searched any more.
        input_refused(str): the search input was refused, in plain words; no call was made.
        message(object): a `UserMessage` for the message bar.
        message_cleared(): the message bar can be emptied.
        busy_changed(bool): a search or page load is running.
        selection_changed(int, int, int): how many photos are selected, their estimated
            bytes, and on how many result pages they are.
        selfie_search_ready(str): a selfie photo search answered with this request_id.
        search_failed(object): the search (`SearchSpec`, None for a selfie photo) found
            nothing to show because it failed; the reason went to `message`.
        download_selected_requested(list): image ids the user wants downloaded.
        download_all_requested(object): the `SearchSpec` whose every photo is wanted.
    """

    events_loaded = Signal(list)
    event_changed = Signal(object)
    search_started = Signal(object)
    page_shown = Signal(object)
    results_cleared = Signal()
    input_refused = Signal(str)
    message = Signal(object)
    message_cleared = Signal()
    busy_changed = Signal(bool)
    selection_changed = Signal(int, int, int)
    selfie_search_ready = Signal(str)
    search_failed = Signal(object)
    download_selected_requested = Signal(list)
    download_all_requested = Signal(object)

    def __init__(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        initial_event_id: int | None = None,
        preferred_event_id: int | None = None,
        page_size: int = PAGE_SIZE,
        thumbnail_concurrency: int = DEFAULT_CONCURRENCY,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self.page_size = page_size
        self._initial_event_id = initial_event_id
        self._preferred_event_id = preferred_event_id
        """The remembered event: opened when the service still lists it."""
        self.model = PhotoModel(self)
        self.model.set_selection_lookup(self.is_selected)
        self.thumbnails = ThumbnailLoader(
            self._fetch_thumbnail, runner, concurrency=thumbnail_concurrency, parent=self
        )
        self.thumbnails.thumbnail_ready.connect(self.model.set_thumbnail)
        self.thumbnails.thumbnail_failed.connect(self.model.set_thumbnail_failed)
        self.previews = ByteLRU(PREVIEW_CACHE_BYTES)
        self.events: list[EventListItem] = []
        self.details: EventDetails | None = None
        self.event_id: int | None = None
        self.search: SearchSpec | None = None
        self.view: PageView | None = None
        self._pages: dict[int, ImagePage] = {}
        self._target_page = 0
        self._selection: dict[str, ImageItem] = {}
        self._selected_on_page: dict[str, int] = {}
        self._retry: Callable[[], None] | None = None
        self._notice_shown = False
        self.runner.busy_changed.connect(self.busy_changed)
        client.on_retry = self._on_client_retry

    # ---------------------------------------------------------------- events

    def start(self) -> None:
        """Fill the event picker, then open the initial event."""
        self.runner.start(self._load_events(), key=_EVENTS, busy=True)

    async def _load_events(self) -> None:
        configured = self._initial_event_id
        try:
            events = [event async for event in self.client.iter_events()]
        except NinePicError as error:
            # Opening the event would fail the same way; Retry starts over from here.
            placeholder = [] if configured is None else [EventListItem(event_id=configured)]
            self.events = placeholder
            self.events_loaded.emit(placeholder)
            self._report(error, Action.LIST_EVENTS, self.start)
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
            self.select_event(wanted)

    def select_event(self, event_id: int) -> None:
        """Open another event: results and selection belong to one event, so they go."""
        if event_id == self.event_id and self.details is not None:
            return
        self._cancel_search_work()
        self.runner.cancel(_EVENT)
        self.event_id = event_id
        self.details = None
        self.search = None
        self.message_cleared.emit()
        self._clear_results()
        self.clear_selection()
        self.event_changed.emit(None)
        self.runner.start(self._open_event(event_id), key=_EVENT, busy=True)

    async def _open_event(self, event_id: int) -> None:
        try:
            details = await self.client.event_details(event_id)
        except NinePicError as error:
            self._report(error, Action.OPEN_EVENT, lambda: self._reopen_event(event_id))
            return
        self.details = details
        self._clear_notice()
        self.event_changed.emit(details)

    def _reopen_event(self, event_id: int) -> None:
        self.event_id = None
        self.select_event(event_id)

    def mode_enabled(self, mode: SearchMode) -> bool:
        if self.details is None:
            return False
        if mode is SearchMode.BIB:
            return self.details.bib_search
        return self.details.selfie_search

    # ---------------------------------------------------------------- search

    def submit(self, mode: SearchMode, text: str) -> None:
        """Check the typed input and search; refused input never reaches the service."""
        if self.details is None or self.event_id is None:
            self.input_refused.emit(self.tr("Wait for the event to open, then search again."))
            return
        try:
            if mode is SearchMode.BIB and looks_like_request_id(text):
                mode = SearchMode.SELFIE  # a pasted selfie id can never be a BIB
            if mode is SearchMode.BIB:
                identifier = clean_bib(text)
                action = Action.SEARCH_BIB
            elif mode is SearchMode.SELFIE:
                identifier = clean_request_id(text)
                action = Action.SEARCH_SELFIE_ID
            else:
                raise ValueError("use search_selfie_photo for photos")
        except RefusedInput as refused:
            self.input_refused.emit(error_message(refused, Action.SEARCH_BIB).text)
            return
        if not self.mode_enabled(mode):
            self.input_refused.emit(self._switched_off_text(mode))
            return
        spec = SearchSpec(self.event_id, mode, identifier)
        self._begin(spec)
        self.runner.start(self._run_page(spec, 1, action), key=_SEARCH, busy=True)

    def search_selfie_photo(self, path: str | Path) -> None:
        """Upload a selfie once (POST); later pages come by GET with its request_id."""
        if self.details is None or self.event_id is None:
            self.input_refused.emit(self.tr("Wait for the event to open, then search again."))
            return
        if not self.mode_enabled(SearchMode.SELFIE_PHOTO):
            self.input_refused.emit(self._switched_off_text(SearchMode.SELFIE_PHOTO))
            return
        self._begin(None)
        self.runner.start(self._run_selfie_photo(self.event_id, Path(path)), key=_SEARCH, busy=True)

    def _switched_off_text(self, mode: SearchMode) -> str:
        if mode is SearchMode.BIB:
            return self.tr(
                "This event does not offer search by BIB number. Search with a selfie instead."
            )
        return self.tr("This event does not offer search by selfie. Search by BIB number instead.")

    def _begin(self, spec: SearchSpec | None) -> None:
        if spec is None or spec != self.search:
            self.clear_selection()
        self._cancel_search_work()
        self.search = spec
        self._clear_results()
        self.message_cleared.emit()
        self._notice_shown = False
        self.search_started.emit(spec)

    async def _run_selfie_photo(self, event_id: int, path: Path) -> None:
        action = Action.SEARCH_SELFIE_PHOTO
        try:
            data, content_type = await self.runner.loop.run_in_executor(None, read_selfie, path)
        except RefusedInput as refused:
            self.input_refused.emit(error_message(refused, action).text)
            self.results_cleared.emit()
            return
        try:
            result = await self.client.face_search(
                event_id,
                data,
                filename=path.name,
                content_type=content_type,
                page_size=self.page_size,
            )
        except NinePicError as error:
            self._report(error, action, lambda: self.search_selfie_photo(path))
            return
        spec = SearchSpec(event_id, SearchMode.SELFIE, result.request_id, selfie_name=path.name)
        self.search = spec
        self.selfie_search_ready.emit(result.request_id)
        self._show(spec, 1, result)

    async def _run_page(self, spec: SearchSpec, page: int, action: Action) -> None:
        try:
            result = await self._fetch_page(spec, page)
        except NinePicError as error:
            self._report(error, action, lambda: self._retry_page(spec, page, action))
            return
        self._show(spec, page, result)

    def _retry_page(self, spec: SearchSpec, page: int, action: Action) -> None:
        if spec != self.search:
            return
        self.message_cleared.emit()
        key = _SEARCH if self.view is None else _PAGE
        self.runner.start(self._run_page(spec, page, action), key=key, busy=True)

    async def _fetch_page(self, spec: SearchSpec, page: int) -> ImagePage:
        cached = self._pages.get(page)
        if cached is not None and spec == self.search:
            return cached
        if spec.mode is SearchMode.BIB:
            result: ImagePage = await self.client.bib_search(
                spec.event_id, spec.identifier, page, self.page_size
            )
        else:
            result = await self.client.face_results(
                spec.event_id, spec.identifier, page, self.page_size
            )
        if spec == self.search:
            self._pages[page] = result
        return result

    def _show(self, spec: SearchSpec, page: int, result: ImagePage) -> None:
        if spec != self.search:
            return
        self._pages[page] = result
        pagination = result.pagination
        size = pagination.page_size or self.page_size
        total_pages = 0 if pagination.is_empty else max(pagination.total_pages, page)
        view = PageView(spec, page, total_pages, pagination.total, size)
        self.view = view
        self._target_page = page
        # Thumbnail fetches first: their tasks then run before the grid's re-layout and
        # first paint, so the requests are on the wire ~20 ms sooner.
        self.thumbnails.show((i.image_id, i.thumbnail_url) for i in result.images)
        self.model.set_page(result.images, (page - 1) * size + 1, pagination.total)
        self._clear_notice()
        self._retry = None
        self.page_shown.emit(view)
        if view.has_next:
            self.runner.start(self._prefetch(spec, page + 1), key=_PREFETCH)

    async def _prefetch(self, spec: SearchSpec, page: int) -> None:
        """The next page's listing and thumbnails, fetched while the user looks at this one
        (once this page's thumbnails are in, so it never slows them down)."""
        await self.thumbnails.wait_screen_done()
        try:
            result = await self._fetch_page(spec, page)
        except NinePicError as error:
            log.info("prefetch of page %d skipped: %s", page, type(error).__name__)
            return
        if spec == self.search:
            self.thumbnails.prefetch((i.image_id, i.thumbnail_url) for i in result.images)

    async def load_large(self, item: ImageItem) -> QPixmap:
        """The large preview of a photo (cached as bytes, decoded off the GUI thread)."""
        data = self.previews.get(item.image_id)
        if data is None:
            data = await self.client.fetch_image(item.img_url)
            self.previews.put(item.image_id, data)
        image = await self.thumbnails.decode(data)
        if image is None:
            raise BadResponse("the preview is not a readable image")
        return QPixmap.fromImage(image)

    async def _fetch_thumbnail(self, url: str) -> bytes:
        return await self.client.fetch_image(url, max_bytes=THUMBNAIL_MAX_BYTES)

    # ---------------------------------------------------------------- paging

    def go_to_page(self, page: int) -> None:
        view = self.view
        if view is None or self.search is None or view.total_pages == 0:
            return
        page = max(1, min(page, view.total_pages))
        if page == self._target_page:
            return
        self._target_page = page
        self.runner.cancel(_PAGE)
        cached = self._pages.get(page)
        if cached is not None:
            self._show(self.search, page, cached)
            return
        self.runner.start(self._run_page(self.search, page, Action.LOAD_PAGE), key=_PAGE, busy=True)

    def next_page(self) -> None:
        self.go_to_page((self._target_page or 1) + 1)

    def previous_page(self) -> None:
        self.go_to_page((self._target_page or 1) - 1)

    # ------------------------------------------------------------- selection

    def is_selected(self, image_id: str) -> bool:
        return image_id in self._selection

    def selected_ids(self) -> list[str]:
        return list(self._selection)

    @property
    def selected_count(self) -> int:
        return len(self._selection)

    def estimated_bytes(self) -> int:
        return sum(estimate_original_bytes(item) for item in self._selection.values())

    def set_selected(self, image_ids: Iterable[str], selected: bool) -> None:
        """Select or unselect photos of the page on screen by id."""
        items = [i for image_id in image_ids if (i := self._page_item(image_id)) is not None]
        self._set_items_selected(items, selected)

    def select_page(self) -> None:
        self._set_items_selected(self.model.items(), True)

    def unselect_page(self) -> None:
        self._set_items_selected(self.model.items(), False)

    @property
    def selected_pages(self) -> int:
        """On how many result pages the selected photos are ("12 selected across 4 pages")."""
        return len(set(self._selected_on_page.values()))

    def select_all_results(self) -> None:
        """Every photo of the search, on every page (fetched 100 a page)."""
        if self.search is None or self.view is None or self.view.total == 0:
            return
        self.runner.start(self._select_all(self.search), key=_SELECT_ALL, busy=True)

    async def _select_all(self, spec: SearchSpec) -> None:
        try:
            if spec.mode is SearchMode.BIB:
                pages = self.client.iter_bib_search(
                    spec.event_id, spec.identifier, SELECT_ALL_PAGE_SIZE
                )
            else:
                pages = self.client.iter_face_results(
                    spec.event_id, spec.identifier, SELECT_ALL_PAGE_SIZE
                )
            items = [item async for item in pages]
        except NinePicError as error:
            self._report(error, Action.SELECT_ALL, self.select_all_results)
            return
        if spec == self.search:
            where = {item.image_id: n // self.page_size + 1 for n, item in enumerate(items)}
            self._set_items_selected(items, True, where)

    def clear_selection(self) -> None:
        if not self._selection:
            return
        ids = list(self._selection)
        self._selection.clear()
        self._selected_on_page.clear()
        self.model.selection_changed(ids)
        self.selection_changed.emit(0, 0, 0)

    def _page_item(self, image_id: str) -> ImageItem | None:
        row = self.model.row_of(image_id)
        return None if row is None else self.model.item(row)

    def _set_items_selected(
        self,
        items: Iterable[ImageItem],
        selected: bool,
        pages: dict[str, int] | None = None,
    ) -> None:
        """`pages` says on which result page each item is; by default the page on screen."""
        here = self.view.page if self.view is not None else 1
        changed: list[str] = []
        for item in items:
            if selected and item.image_id not in self._selection:
                self._selection[item.image_id] = item
                self._selected_on_page[item.image_id] = (pages or {}).get(item.image_id, here)
                changed.append(item.image_id)
            elif not selected and self._selection.pop(item.image_id, None) is not None:
                self._selected_on_page.pop(item.image_id, None)
                changed.append(item.image_id)
        if changed:
            self.model.selection_changed(changed)
            self.selection_changed.emit(
                len(self._selection), self.estimated_bytes(), self.selected_pages
            )

    # ------------------------------------------------------------- downloads

    def request_download_selected(self) -> None:
        if self._selection:
            self.download_selected_requested.emit(self.selected_ids())

    def request_download_all(self) -> None:
        if self.search is not None and self.view is not None and self.view.total > 0:
            self.download_all_requested.emit(self.search)

    # --------------------------------------------------------------- plumbing

    def retry(self) -> None:
        """Run again whatever failed last (the message bar's Retry button)."""
        retry, self._retry = self._retry, None
        if retry is not None:
            self.message_cleared.emit()
            retry()

    @property
    def can_retry(self) -> bool:
        return self._retry is not None

    def reset(self) -> None:
        """Back to a blank search: nothing of the previous search stays (kiosk)."""
        self._cancel_search_work()
        self.search = None
        self._clear_results()
        self.clear_selection()
        self.thumbnails.clear()
        self.previews.clear()
        self.message_cleared.emit()

    async def shutdown(self) -> None:
        self.client.on_retry = None
        self.thumbnails.close()
        await self.runner.shutdown()

    def _cancel_search_work(self) -> None:
        self.runner.cancel(_SEARCH, _PAGE, _PREFETCH, _SELECT_ALL)

    def _clear_results(self) -> None:
        self._pages = {}
        self.view = None
        self._target_page = 0
        self._retry = None
        self.thumbnails.forget_wanted()
        self.model.clear()
        self.results_cleared.emit()

    def _report(self, error: NinePicError, action: Action, retry: Callable[[], None]) -> None:
        message = error_message(error, action)
        self._retry = retry if message.can_retry else None
        self._notice_shown = False
        if isinstance(error, FeatureDisabled) and action is not Action.OPEN_EVENT:
            message = UserMessage(message.text, Level.WARNING)
        self.message.emit(message)
        searching = (Action.SEARCH_BIB, Action.SEARCH_SELFIE_ID, Action.SEARCH_SELFIE_PHOTO)
        if action in searching and self.view is None:
            self.search_failed.emit(self.search)

    def _on_client_retry(self, attempt: int, error: NinePicError, delay: float) -> None:
        if self.runner.busy:  # background prefetches retry quietly
            self._notice_shown = True
            self.message.emit(retry_notice(error, delay))

    def _clear_notice(self) -> None:
        if self._notice_shown:
            self._notice_shown = False
            self.message_cleared.emit()
