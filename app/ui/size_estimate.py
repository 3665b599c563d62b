"""`SizeEstimate`: how big the selected originals are, learned from the event itself.

The API lists no file sizes, only each photo's width and height, and a fixed guess of
bytes per pixel was 2-2.4 times off. So once per event it asks links for a few of the
selected photos and a HEAD of each (or a one-byte ranged GET) gives their real sizes
(key-less, as the engine fetches originals); their bytes per pixel times the
selection's pixels is the estimate (`Selection.estimated_bytes`), still "about". Until
then, or when asking fails, the fixed guess stands in.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from app.core.errors import InsecureUrl, NinePicError
from app.core.urls import require_secure_url
from app.ui.runtime import TaskRunner
from app.ui.selection import pixels

TYPE_CHECKING = False
if TYPE_CHECKING:  # httpx and the wire models load with the first measurement
    from app.core.client import NinePicClient
    from app.core.models import ImageItem

log = logging.getLogger(__name__)

SAMPLE = 3
"""Originals measured per event: a few smooth out one unusually plain or busy photo."""


class SizeEstimate(QObject):
    """Bytes per pixel per event, measured once.

    Signals:
        changed(): a figure was learned (say the selection's size again).
    """

    changed = Signal()

    def __init__(
        self, client: NinePicClient, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self._learned: dict[int, float] = {}
        self._asked: set[int] = set()

    def bytes_per_pixel(self, event_id: int | None) -> float | None:
        """What this event's originals weigh per pixel, once measured."""
        return None if event_id is None else self._learned.get(event_id)

    def learn(self, event_id: int | None, items: Iterable[ImageItem]) -> None:
        """Measure this event's originals from a few of `items`, once per event."""
        if event_id is None or event_id in self._asked or self.runner.closed:
            return
        sample = [i for i in items if pixels(i)][:SAMPLE]
        if not sample:
            return
        self._asked.add(event_id)
        self.runner.start(self._measure(event_id, sample))

    async def _measure(self, event_id: int, sample: list[ImageItem]) -> None:
        import httpx

        from app.core.models import DownloadMethod, DownloadOriginalPhotosRequest

        request = DownloadOriginalPhotosRequest(
            method=DownloadMethod.IMAGE_IDS, identifier=[i.image_id for i in sample]
        )
        try:
            links = await self.client.original_photos(event_id, request, page_size=len(sample))
            sizes = await asyncio.gather(*(self._size(u.url) for u in links.presigned_urls))
        except (NinePicError, httpx.HTTPError, InsecureUrl) as exc:
            log.info("original sizes not measured: %s", type(exc).__name__)
            self._asked.discard(event_id)  # offline, say: ask again with the next selection
            return
        failed = {f.image_id for f in links.failed_urls}
        measured = [i for i in sample if i.image_id not in failed]
        if len(measured) != len(sizes) or None in sizes:
            return  # links that cannot be told apart: keep the guess rather than mix
        total_pixels = sum(pixels(i) for i in measured)
        if total_pixels:
            self._learned[event_id] = sum(s or 0 for s in sizes) / total_pixels
            self.changed.emit()

    async def _size(self, url: str) -> int | None:
        """The original's size from a HEAD, or, where storage refuses HEAD on a link
        signed for GET, from the total of a one-byte ranged GET. A link that carries the
        API key is not used (the key goes to the API host only), as in the engine."""
        from app.core.downloads.links import carries_secret

        require_secure_url(url)
        if carries_secret(url, self.client.secrets):
            return None
        response = await self.client.media.head(url)
        length = response.headers.get("content-length", "")
        if response.status_code == 200 and length.isdigit():
            return int(length)
        async with self.client.media.stream("GET", url, headers={"Range": "bytes=0-0"}) as got:
            total = got.headers.get("content-range", "").rpartition("/")[2]
            return int(total) if got.status_code == 206 and total.isdigit() else None
