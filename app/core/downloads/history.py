"""`DownloadHistory`: the one owner of a folder's journal, seen from one event.

The window lists the failed list, dismisses entries and starts batches; each batch
appends to the journal. With several `Journal` objects on one file, a compaction
(`os.replace`) under a running batch sent that batch's `done` lines into the replaced
file. So there is one history per (folder, event): everybody reads and writes through
it, compaction happens only when a batch opens under the folder lock (no other
process can be appending then), and the file handle closes only after the batch's
worker threads have been joined.

Every method blocks on the disk: call them from a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from app.core.downloads.events import ItemResult, ItemStatus
from app.core.downloads.journal import Journal
from app.core.downloads.reasons import FailureReason


class DownloadHistory:
    """What the journal of `folder` says about `event_id`: failed list, dismissals, batches."""

    def __init__(self, folder: Path, event_id: int) -> None:
        self.folder = Path(folder)
        self.event_id = event_id
        self._journal: Journal | None = None
        self._batch_open = False
        self._lock = threading.Lock()

    def journal(self) -> Journal:
        """The journal as last read (read now the first time)."""
        with self._lock:
            if self._journal is None:
                self._journal = Journal.load(self.folder, self.event_id)
            return self._journal

    def failed_items(self) -> list[ItemResult]:
        """The failed list (survives restarts); re-read unless a batch is writing."""
        journal = self.journal()
        if not self._batch_open:
            journal.reload()
        return [
            ItemResult(
                e.key,
                e.image_id,
                ItemStatus.FAILED,
                file=e.file,
                reason=_reason(e.reason),
                detail=e.detail,
            )
            for e in journal.failed()
        ]

    def dismiss(self, keys: Iterable[str]) -> None:
        """Take these failures off the failed list for good (a later download still may)."""
        journal = self.journal()
        try:
            journal.dismiss(keys)
        finally:
            if not self._batch_open:
                journal.close()

    def open_batch(self) -> Journal:
        """Called holding the folder lock: read the file afresh, compact it if it has
        grown long, and hand the journal to the batch."""
        with self._lock:
            if self._batch_open:
                raise RuntimeError("a batch is already open on this download history")
            self._batch_open = True
        journal = self.journal()
        journal.reload()
        if journal.wants_compaction:
            journal.compact()
        return journal

    def close_batch(self) -> None:
        """The batch and all its worker threads have ended: close the handle."""
        journal = self.journal()
        journal.close()
        with self._lock:
            self._batch_open = False


def _reason(code: str) -> FailureReason | None:
    try:
        return FailureReason(code)
    except ValueError:
        return None
