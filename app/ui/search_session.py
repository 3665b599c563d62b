"""`SearchSession`: the search on screen, its pages, prefetch, thumbnails and previews.

A newer search or page request cancels the older one (task keys), and every answer is
checked against the search it was asked for, so a slow answer never overwrites a newer
one. Failures go out as `failed(error, action, retry)`; the owner words them.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap

from app.core.errors import BadResponse, NinePicError
from app.core.image_fetch import ImageFetcher
from app.core.timeline import MAX_WINDOW_PAGE, iter_window, window_page
from app.core.validation import RefusedInput, read_selfie
from app.ui.messages import Action
from app.ui.models.photo_model import PhotoModel
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec
from app.ui.thumbnails import DEFAULT_CONCURRENCY, ByteLRU, ThumbnailLoader

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.client import NinePicClient
    from app.core.models import ImageItem, ImagePage
    from app.core.retry import RetryListener

log = logging.getLogger(__name__)

PAGE_SIZE = 32
SELECT_ALL_PAGE_SIZE = 100
THUMBNAIL_MAX_BYTES = 4 * 1024 * 1024
PREVIEW_CACHE_BYTES = 32 * 1024 * 1024

# Task keys: a new task with the same key cancels the old one.
_SEARCH, _PAGE, _PREFETCH, _SELECT_ALL = "search", "page", "prefetch", "select_all"
_LIST_FOR_DOWNLOAD = "list-for-download"


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


class SearchSession(QObject):
    """Pages of one search at a time; the `PhotoModel` shows the current page.

    Signals:
        page_shown(object): a `PageView` once a page (possibly empty) is in the model.
        results_cleared(): the results on screen are gone.
        selfie_search_ready(str): a selfie photo search answered with this request_id.
        selfie_refused(str): the chosen selfie file was refused, in plain words.
        failed(object, object, object): (error, `Action`, retry callable).
    """

    page_shown = Signal(object)
    results_cleared = Signal()
    selfie_search_ready = Signal(str)
    selfie_refused = Signal(object)
    failed = Signal(object, object, object)

    def __init__(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        page_size: int = PAGE_SIZE,
        thumbnail_concurrency: int = DEFAULT_CONCURRENCY,
        on_retry: RetryListener | None = None,
        image_fetcher: ImageFetcher | None = None,
        model: PhotoModel | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._images = image_fetcher or ImageFetcher()
        """Thumbnails are fetched on the loader's threads (one kept-alive connection each),
        so the GUI thread only turns finished images into pixmaps."""
        self._image_origin: str | None = None
        """A URL on the host the thumbnails come from (the last page's, else the event
        cover's): the fetch threads connect to it while the search is asked, not after."""
        self.runner = runner
        self.page_size = page_size
        """Photos per page of the search on screen."""
        self._next_page_size = page_size
        self._on_retry = on_retry
        self.model = model if model is not None else PhotoModel(self)
        """The page on screen (the window's own when it drew the grid before this existed)."""
        self.thumbnails = ThumbnailLoader(
            functools.partial(self._images.fetch, max_bytes=THUMBNAIL_MAX_BYTES),
            runner,
            concurrency=thumbnail_concurrency,
            parent=self,
        )
        self.thumbnails.thumbnail_ready.connect(self.model.set_thumbnail)
        self.thumbnails.thumbnail_failed.connect(self.model.set_thumbnail_failed)
        self.previews = ByteLRU(PREVIEW_CACHE_BYTES)
        self.search: SearchSpec | None = None
        self.view: PageView | None = None
        self._pages: dict[int, ImagePage] = {}
        self._target_page = 0

    # ------------------------------------------------------------- searching

    def set_page_size(self, size: int) -> None:
        """Photos per page from the next search on (the grid's whole rows). The search on
        screen keeps its pages: re-paging it would renumber them under the user and
        throw away the pages and thumbnails already fetched."""
        self._next_page_size = max(1, min(MAX_WINDOW_PAGE, size))

    def begin(self, spec: SearchSpec | None) -> None:
        """A new search (None: a selfie photo not uploaded yet); the old results go."""
        self.cancel()
        self.search = spec
        self.page_size = self._next_page_size
        self.clear_results()

    def load_first_page(self, action: Action) -> None:
        assert self.search is not None
        self.runner.start(self._run_page(self.search, 1, action), key=_SEARCH, busy=True)
        self._preconnect()

    def upload_selfie(self, event_id: int, path: Path) -> None:
        """Upload a selfie once (POST); later pages come by GET with its request_id."""
        self.runner.start(self._run_selfie_photo(event_id, path), key=_SEARCH, busy=True)
        self._preconnect()

    def expect_images_from(self, url: str | None) -> None:
        """An event is open: a hint where thumbnails will come from (its cover image),
        until a page has shown where they really do; the fetch threads start now."""
        if url and self._image_origin is None:
            self._image_origin = url
        self.thumbnails.warm_up()

    def _preconnect(self) -> None:
        """Every fetch thread opens its connection while the search answer is on its way:
        a page's first thumbnails then cost one round trip, not two (the handshake)."""
        if self._image_origin is not None:
            self.thumbnails.on_each_fetch_thread(self._images.connect, self._image_origin)

    async def _run_selfie_photo(self, event_id: int, path: Path) -> None:
        action = Action.SEARCH_SELFIE_PHOTO
        try:
            data, content_type = await self.runner.loop.run_in_executor(None, read_selfie, path)
        except RefusedInput as refused:
            self.selfie_refused.emit(refused)
            self.results_cleared.emit()
            return
        try:
            result = await self.client.face_search(
                event_id,
                data,
                filename=path.name,
                content_type=content_type,
                page_size=self.page_size,
                on_retry=self._on_retry,
            )
        except NinePicError as error:
            self.failed.emit(error, action, lambda: self.upload_selfie(event_id, path))
            return
        spec = SearchSpec(event_id, SearchMode.SELFIE, result.request_id, selfie_name=path.name)
        self.search = spec
        self.selfie_search_ready.emit(result.request_id)
        self._show(spec, 1, result)

    async def _run_page(self, spec: SearchSpec, page: int, action: Action) -> None:
        try:
            result = await self._fetch_page(spec, page)
        except NinePicError as error:
            self.failed.emit(error, action, lambda: self._retry_page(spec, page, action))
            return
        self._show(spec, page, result)

    def _retry_page(self, spec: SearchSpec, page: int, action: Action) -> None:
        if spec != self.search:
            return
        key = _SEARCH if self.view is None else _PAGE
        self.runner.start(self._run_page(spec, page, action), key=key, busy=True)

    async def _fetch_page(self, spec: SearchSpec, page: int) -> ImagePage:
        cached = self._pages.get(page)
        if cached is not None and spec == self.search:
            return cached
        on_retry, size = self._on_retry, self.page_size
        if spec.mode is SearchMode.BIB:
            result: ImagePage = await self.client.bib_search(
                spec.event_id, spec.identifier, page, size, on_retry=on_retry
            )
        elif spec.window is not None:
            result = await window_page(
                self.client, spec.event_id, spec.window, page, size, on_retry=on_retry
            )
        elif spec.mode is SearchMode.ALL:
            result = await self.client.all_photos(spec.event_id, page, size, on_retry=on_retry)
        else:
            result = await self.client.face_results(
                spec.event_id, spec.identifier, page, self.page_size, on_retry=self._on_retry
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
        if result.images:
            self._image_origin = result.images[0].thumbnail_url
        # Thumbnail fetches first: their tasks then run before the grid's re-layout and
        # first paint, so the requests are on the wire ~20 ms sooner.
        self.thumbnails.show((i.image_id, i.thumbnail_url) for i in result.images)
        self.model.set_page(result.images, (page - 1) * size + 1, pagination.total)
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

    # ----------------------------------------------------------------- media

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

    async def capture_time(self, item: ImageItem) -> datetime | None:
        """When the photo was taken, from its large image's EXIF (after `load_large`)."""
        data = self.previews.get(item.image_id)
        if data is None:
            return None
        from app.ui.capture_time import exif_capture_time  # Pillow loads with a preview

        return await self.runner.loop.run_in_executor(None, exif_capture_time, data)

    def fetch_every_item(
        self,
        spec: SearchSpec,
        done: Callable[[list[ImageItem], dict[str, int]], None],
        action: Action = Action.SELECT_ALL,
    ) -> None:
        """Every photo of `spec` on every page (100 a page), with the page each is on.
        For a download (`Action.DOWNLOAD`) the listing has a task of its own, so a
        Select all meanwhile does not cancel it."""
        key = _LIST_FOR_DOWNLOAD if action is Action.DOWNLOAD else _SELECT_ALL
        self.runner.start(self._every_item(spec, done, action), key=key, busy=True)

    async def _every_item(
        self,
        spec: SearchSpec,
        done: Callable[[list[ImageItem], dict[str, int]], None],
        action: Action,
    ) -> None:
        try:
            size, on_retry = SELECT_ALL_PAGE_SIZE, self._on_retry
            if spec.mode is SearchMode.BIB:
                pages = self.client.iter_bib_search(
                    spec.event_id, spec.identifier, size, on_retry=on_retry
                )
            elif spec.window is not None:
                pages = iter_window(
                    self.client, spec.event_id, spec.window, size, on_retry=on_retry
                )
            elif spec.mode is SearchMode.ALL:
                pages = self.client.iter_all_photos(spec.event_id, size, on_retry=on_retry)
            else:
                pages = self.client.iter_face_results(
                    spec.event_id, spec.identifier, size, on_retry=on_retry
                )
            items = [item async for item in pages]
        except NinePicError as error:
            retry = lambda: self.fetch_every_item(spec, done, action)  # noqa: E731
            self.failed.emit(error, action, retry)
            return
        if spec == self.search:
            done(items, {item.image_id: n // self.page_size + 1 for n, item in enumerate(items)})

    # ------------------------------------------------------------ clearing

    def cancel(self) -> None:
        self.runner.cancel(_SEARCH, _PAGE, _PREFETCH, _SELECT_ALL, _LIST_FOR_DOWNLOAD)

    def clear_results(self) -> None:
        self._pages = {}
        self.view = None
        self._target_page = 0
        self.thumbnails.forget_wanted()
        self.model.clear()
        self.results_cleared.emit()

    def reset(self) -> None:
        """Nothing of the last search stays: results, caches, pending work (kiosk)."""
        self.cancel()
        self.search = None
        self.clear_results()
        self.thumbnails.clear()
        self.previews.clear()

    def close(self) -> None:
        self.thumbnails.close()
        self._images.close()
