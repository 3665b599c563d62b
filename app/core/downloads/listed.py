"""Photos the download endpoint has no method for: a time window, or the whole event.

They are listed first (photo timeline or All Photos, page by page) and then fetched
as an `image_ids` job, so the engine's guarantees hold unchanged: every listed photo
ends saved, already there, or failed with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.client import NinePicClient
from app.core.downloads.links import DownloadJob
from app.core.retry import RetryListener
from app.core.timeline import TimeWindow, iter_window, local_time, window_label


@dataclass(frozen=True)
class ListedPhotos:
    """A time window (local clock for names and messages), or with none every photo."""

    window: TimeWindow | None = None

    @property
    def label(self) -> str:
        """The search term in file names (`{bib}`): `1040-1050`, or `all`."""
        return window_label(self.window) if self.window is not None else "all"

    def describe(self) -> str:
        """`the time window 2026-04-19T10:40+02:00 to …`, `the whole event`."""
        if self.window is None:
            return "the whole event"
        start = local_time(self.window.start).isoformat(timespec="minutes")
        end = local_time(self.window.end).isoformat(timespec="minutes")
        return f"the time window {start} to {end}"

    async def job(
        self, client: NinePicClient, event_id: int, *, on_retry: RetryListener | None = None
    ) -> DownloadJob | None:
        """The ids job for every photo listed now (None: nothing listed)."""
        if self.window is None:
            items = client.iter_all_photos(event_id, on_retry=on_retry)
        else:
            items = iter_window(client, event_id, self.window, on_retry=on_retry)
        ids = [item.image_id async for item in items]
        return DownloadJob.for_ids(ids, self.label) if ids else None
