"""The failed list on screen: the photos of the shown event that could not be fetched.

The list is the journal in the download folder (`failed_journal`, one `DownloadHistory`
per folder and event; the batches of that folder write through the same one), read
again whenever the event or the folder changes, so it survives restarts; during a batch
it follows the batch's outcomes. The download controller runs the batches and says which
event is shown; the folder is the one in use (`DownloadFolder`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.downloads import ItemResult, ItemStatus
from app.ui.download_folder import DownloadFolder
from app.ui.failed_journal import FailedJournals
from app.ui.models.failed_model import FailedModel
from app.ui.runtime import TaskRunner

_FAILED = "download-failed"


class FailedTracker(QObject):
    """The failed list (`model`) of `event_id` in the folder in use, kept current.

    Signals:
        changed(int): how many photos the list holds now.
    """

    changed = Signal(int)

    def __init__(
        self, runner: TaskRunner, folder: DownloadFolder, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._folder = folder
        self.model = FailedModel(self)
        self.journals = FailedJournals()
        self.event_id: int | None = None
        """The event whose failed list is shown (and "Retry failed" retries)."""

    def reload(self) -> None:
        """Read the list again from the journal of `event_id` in the folder in use."""
        if self.runner.closed:
            return
        if self.event_id is None:
            self.runner.cancel(_FAILED)
            self._set([])
            return
        self.runner.start(self._load(self.event_id, self._folder.path), key=_FAILED)

    def dismiss(self) -> bool:
        """Forget every photo on the list in the journal too (the caller checks no batch
        is writing to it)."""
        keys = self.model.keys()
        if not keys or self.event_id is None or self.runner.closed:
            return False
        self.runner.start(self._dismiss(self.event_id, self._folder.path, keys), key=_FAILED)
        return True

    def note(self, result: ItemResult, batch_event: int | None) -> None:
        """A photo of a batch of `batch_event` has its outcome: a failure is put on the
        list, a photo fetched after all comes off (cancelled ones are not failures)."""
        if batch_event != self.event_id:
            return  # the failed list on screen belongs to another event
        if result.ok and self.model.row_of(result.key) is not None:
            self.model.remove(result.key)
        elif result.status is ItemStatus.FAILED:
            self.model.put(result)  # cancelled photos are not failures: "Download" again
        else:
            return
        self.changed.emit(self.model.rowCount())

    def clear(self) -> None:
        """Empty the list and forget the journals read (a kiosk reset)."""
        self.journals.clear()
        self._set([])

    async def _dismiss(self, event_id: int, folder: Path, keys: list[str]) -> None:
        await self.journals.dismiss(folder, event_id, keys)
        await self._load(event_id, folder)

    async def _load(self, event_id: int, folder: Path) -> None:
        results = await self.journals.failed_items(folder, event_id)
        if event_id == self.event_id and folder == self._folder.path:
            self._set(results)

    def _set(self, results: list[ItemResult]) -> None:
        self.model.set_results(results)
        self.changed.emit(self.model.rowCount())
