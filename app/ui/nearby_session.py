"""`NearbySession`: the "you may be in these too" photos of the search on screen.

Once the first page of a BIB or selfie result is shown, and only where the event's
Photo Timeline is on, it takes every photo the search found (from the page on screen when
it holds them all, else listed again 100 a page) and hands them to
`app.core.nearby.NearbyFinder` in the background. A new search, another event or a
reset cancels that work and empties the strip. The found result is left as it is: the
strip has its own model, while the selection stays the window's one `Selection`, so a
strip photo picked here is downloaded with "Download selected" (by image id).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import AsyncIterator

from PySide6.QtCore import QObject, Signal

from app.core.errors import NinePicError
from app.core.image_fetch import ImageFetcher
from app.core.nearby import NearbyFinder, NearbyLimits, NearbyPhotos
from app.ui.controller import SearchController
from app.ui.models.photo_model import PhotoModel
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec
from app.ui.search_session import SELECT_ALL_PAGE_SIZE, THUMBNAIL_MAX_BYTES, PageView
from app.ui.thumbnails import ThumbnailLoader

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.models import ImageItem

log = logging.getLogger(__name__)

_TASK = "nearby"
THUMBNAIL_CONCURRENCY = 4
"""The strip waits behind the result on screen: a few thumbnails at a time is plenty."""
THUMBNAIL_CACHE_BYTES = 8 * 1024 * 1024
"""One strip (at most 48 small thumbnails) and a little more, for paging back and forth."""


class NearbySession(QObject):
    """Owns the strip's photos (`model`) and the background look-up that fills it.

    Signals:
        looking(): a look-up started for the search on screen.
        photos_found(int): the look-up ended; `model` holds this many photos.
        failed(object): the look-up failed with this `NinePicError`.
        cleared(): no strip (a new search, another event, nothing to look around).
    """

    looking = Signal()
    photos_found = Signal(int)
    failed = Signal(object)
    cleared = Signal()

    def __init__(
        self,
        controller: SearchController,
        runner: TaskRunner,
        *,
        limits: NearbyLimits | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.runner = runner
        self.limits = limits or NearbyLimits()
        self.search: SearchSpec | None = None
        """The search the strip belongs to (None: no strip)."""
        self.last_result: NearbyPhotos | None = None
        """What the last finished look-up found, and how much work it took."""
        self._done = False
        self.model = PhotoModel(self)
        selection = controller.selection
        self.model.set_selection_lookup(selection.is_selected)
        selection.changed.connect(self.model.selection_changed)
        self._images = ImageFetcher()
        """The strip's own fetcher: its loader's threads, key-less, like the grid's."""
        self.thumbnails = ThumbnailLoader(
            functools.partial(self._images.fetch, max_bytes=THUMBNAIL_MAX_BYTES),
            runner,
            concurrency=THUMBNAIL_CONCURRENCY,
            cache_bytes=THUMBNAIL_CACHE_BYTES,
            parent=self,
        )
        self.thumbnails.thumbnail_ready.connect(self.model.set_thumbnail)
        self.thumbnails.thumbnail_failed.connect(self.model.set_thumbnail_failed)
        controller.results.page_shown.connect(self._on_page_shown)
        controller.results.results_cleared.connect(self.clear)

    @property
    def running(self) -> bool:
        """A look-up is under way for the search on screen."""
        return self.search is not None and not self._done

    def clear(self) -> None:
        """No strip: the look-up (if any) is cancelled and its photos go."""
        self.runner.cancel(_TASK)
        had = self.search is not None or self.model.rowCount() > 0
        self.search = None
        self.last_result = None
        self._done = False
        self.thumbnails.forget_wanted()
        self.model.clear()
        if had:
            self.cleared.emit()

    def close(self) -> None:
        self.runner.cancel(_TASK)
        self.thumbnails.close()
        self._images.close()

    def set_selected(self, image_ids: list[str], selected: bool) -> None:
        """Select or unselect strip photos (in the window's one selection)."""
        model = self.model
        rows = (model.row_of(image_id) for image_id in image_ids)
        items = [i for row in rows if row is not None and (i := model.item(row)) is not None]
        view = self.controller.view
        self.controller.selection.set(items, selected, page=view.page if view else 1)

    # ------------------------------------------------------------ internals

    def _on_page_shown(self, view: PageView) -> None:
        if view.search == self.search:
            return  # another page of the same result: the strip stays
        self.clear()
        details = self.controller.details
        if view.total == 0 or details is None or not details.timeline_search:
            return
        if view.search.mode not in (SearchMode.BIB, SearchMode.SELFIE):
            return  # a time window or the gallery already is "around the time"
        self.search = view.search
        self.looking.emit()
        on_screen = self.controller.model.image_ids()
        known = on_screen if view.total <= len(on_screen) else None  # all on this page
        self.runner.start(self._look(view.search, known), key=_TASK)

    async def _look(self, spec: SearchSpec, known: list[str] | None) -> None:
        """Once the result's thumbnails on screen are in (so it never slows them down)."""
        await self.controller.thumbnails.wait_screen_done()
        try:
            found = known or [item.image_id async for item in self._found(spec)]
            result = await NearbyFinder(self.controller.client, spec.event_id, self.limits).find(
                found
            )
        except NinePicError as error:
            if spec == self.search:
                log.info("nearby photos not looked up: %s", type(error).__name__)
                self._done = True
                self.failed.emit(error)
            return
        if spec != self.search:
            return
        log.info(
            "nearby photos: %d, %d of %d found photos located, %d timeline requests",
            len(result.photos),
            result.located,
            result.tried,
            result.requests,
        )
        self._show(result)

    def _found(self, spec: SearchSpec) -> AsyncIterator[ImageItem]:
        client = self.controller.client
        if spec.mode is SearchMode.BIB:
            return client.iter_bib_search(spec.event_id, spec.identifier, SELECT_ALL_PAGE_SIZE)
        return client.iter_face_results(spec.event_id, spec.identifier, SELECT_ALL_PAGE_SIZE)

    def _show(self, result: NearbyPhotos) -> None:
        self.last_result = result
        self._done = True
        photos = list(result.photos)
        self.thumbnails.show((i.image_id, i.thumbnail_url) for i in photos)
        self.model.set_page(photos, 1, len(photos))
        self.photos_found.emit(len(photos))
