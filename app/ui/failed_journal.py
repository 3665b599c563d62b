"""The failed list's storage: one `DownloadHistory` per folder and event, read and
changed off the GUI thread. An unreadable journal is logged and lists nothing; the
list on screen is kept by `failed_tracker.FailedTracker`."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from app.core.downloads import DownloadHistory, ItemResult

log = logging.getLogger(__name__)


class FailedJournals:
    """The one owner of each folder's journal for each event."""

    def __init__(self) -> None:
        self._histories: dict[tuple[Path, int], DownloadHistory] = {}

    def history(self, folder: Path, event_id: int) -> DownloadHistory:
        key = (folder, event_id)
        found = self._histories.get(key)
        if found is None:
            found = self._histories[key] = DownloadHistory(*key)
        return found

    async def failed_items(self, folder: Path, event_id: int) -> list[ItemResult]:
        try:
            return await asyncio.to_thread(self.history(folder, event_id).failed_items)
        except OSError as exc:  # an unreadable journal: say so, list nothing
            log.warning("failed list not read: %s", exc.strerror or exc)
            return []

    async def dismiss(self, folder: Path, event_id: int, keys: list[str]) -> None:
        try:
            await asyncio.to_thread(self.history(folder, event_id).dismiss, keys)
        except OSError as exc:
            log.warning("failed list not changed: %s", exc.strerror or exc)

    def clear(self) -> None:
        self._histories.clear()
