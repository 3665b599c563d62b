"""DownloadEngine: links page by page, N workers, events for a GUI or a terminal.

The engine runs on whatever asyncio loop calls it (the qasync loop in the GUI,
`asyncio.run` headless). It never touches the disk on that loop's thread: part files,
the journal and every stat go through its own small thread pool. Events are delivered
on the loop thread, so a GUI can forward them straight to Qt signals.

A batch holds the folder's OS lock from start to end (a second process waits, or
with `wait_for_folder=False` stops at once), writes through the folder's one
`DownloadHistory`, and joins its worker threads before it lets the journal go.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from app.core.client import NinePicClient
from app.core.downloads.batch import Batch, join_workers
from app.core.downloads.events import (
    BatchFinished,
    BatchProgress,
    DownloadEvent,
    DownloadSummary,
    ItemFinished,
    ItemProgress,
    ItemResult,
    Listener,
    ProgressSnapshot,
)
from app.core.downloads.filenames import NamePattern
from app.core.downloads.history import DownloadHistory
from app.core.downloads.limits import DEFAULT_PARALLEL, MAX_PARALLEL
from app.core.downloads.links import DownloadJob
from app.core.downloads.progress import Control, ProgressTracker
from app.core.downloads.reasons import FailureReason
from app.core.downloads.transfer import TransferPolicy
from app.core.retry import Sleep
from app.core.thread_start import start_threads

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class DownloadOptions:
    parallel: int = DEFAULT_PARALLEL
    link_chunk: int = 60
    """Links asked per call (the endpoint allows 60)."""
    transfer: TransferPolicy = field(default_factory=TransferPolicy)
    split_first: bool = True
    """The first big photo comes in two halves on two connections at once, so the first
    file is saved in about half the time on a host that caps each connection."""
    progress_interval_s: float = 0.1
    """Least time between two progress events for one photo, and for the batch."""
    read_timeout_s: float = 30.0
    """Storage connections: longest silence on a read, and the whole header phase."""
    wait_for_folder: bool = True
    """When another download holds the folder: wait for it (True) or stop at once."""
    name_pattern: NamePattern | None = None
    """How saved files are named; None keeps the server's suggested name."""
    event_name: str = ""
    """`{event}` in file names."""
    sleep: Sleep = asyncio.sleep


class DownloadEngine:
    """Downloads originals of one event into one folder.

    Use: `summary = await engine.run(DownloadJob.for_ids(ids))`; meanwhile `pause()`,
    `resume()`, `cancel()` from the loop thread; afterwards `retry_failed()`. One batch
    at a time. `listener` receives every `DownloadEvent` on the loop thread.
    """

    def __init__(
        self,
        client: NinePicClient,
        event_id: int,
        folder: Path,
        *,
        options: DownloadOptions | None = None,
        listener: Listener | None = None,
        history: DownloadHistory | None = None,
    ) -> None:
        self.client = client
        self.event_id = event_id
        self.folder = Path(folder)
        if history is not None and (history.folder, history.event_id) != (self.folder, event_id):
            raise ValueError("the history belongs to another folder or event")
        self.history = history or DownloadHistory(self.folder, event_id)
        self.options = options or DownloadOptions()
        if not 1 <= self.options.parallel <= MAX_PARALLEL:
            raise ValueError(f"parallel must be between 1 and {MAX_PARALLEL}")
        self.listener = listener
        self.last_summary: DownloadSummary | None = None
        self._control: Control | None = None
        self.tracker = ProgressTracker()
        self._last_emit: dict[str, float] = {}
        self._dismissed: set[str] = set()

    # ------------------------------------------------------------ controls

    @property
    def running(self) -> bool:
        return self._control is not None

    @property
    def paused(self) -> bool:
        return self._control is not None and self._control.paused

    def pause(self) -> None:
        """Stop moving bytes; open transfers let go of the network and keep their parts."""
        if self._control is not None:
            self._control.pause()
            self.tracker.paused = True
            self.emit_progress(force=True)

    def resume(self) -> None:
        if self._control is not None:
            self._control.resume()
            self.tracker.paused = False
            self.emit_progress(force=True)

    def cancel(self, *, discard_partial: bool = True) -> None:
        """End the batch; unfinished photos are reported as cancelled."""
        if self._control is not None:
            self._control.stop(FailureReason.CANCELLED, discard_partial=discard_partial)
            self.tracker.paused = False

    def progress(self) -> ProgressSnapshot:
        return self.tracker.snapshot()

    # ------------------------------------------------------------ batches

    async def retry_failed(self, image_ids: Iterable[str] | None = None) -> DownloadSummary:
        """Fresh links for just these ids (default: every failed one, from the journal
        when this engine has not run yet, so the list survives a restart)."""
        ids = list(image_ids) if image_ids is not None else await self.failed_ids()
        if not ids:
            summary = DownloadSummary(self.folder, ())
            self.last_summary = summary
            return summary
        return await self.run(DownloadJob.for_ids(ids))

    async def failed_ids(self) -> list[str]:
        if self.last_summary is not None:
            failed = self.last_summary.failed
        else:
            failed = await self.failed_items()
        return [r.image_id for r in failed if r.image_id and r.key not in self._dismissed]

    async def failed_items(self) -> list[ItemResult]:
        """The failed list as the journal keeps it (survives restarts)."""
        return await asyncio.to_thread(self.history.failed_items)

    async def dismiss_failed(self, keys: Iterable[str]) -> None:
        """Forget these failures (by item key): off the failed list, after restarts too."""
        wanted = list(keys)
        await asyncio.to_thread(self.history.dismiss, wanted)
        self._dismissed.update(wanted)

    async def run(self, job: DownloadJob) -> DownloadSummary:
        """Download everything `job` names; returns when every photo has an outcome."""
        if self._control is not None:
            raise RuntimeError("a download batch is already running")
        control = self._control = Control()
        self.tracker = ProgressTracker()
        self._last_emit.clear()
        workers = self.options.parallel + 2
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="photo-writer")
        started = start_threads(executor, workers)  # while the links are asked for
        try:
            batch = Batch(self, job, control, executor)
            summary = await batch.run()
        finally:
            self._control = None
            started.abort()
            await join_workers(executor)
        self.last_summary = summary
        self.emit_progress(force=True)
        self.emit(BatchFinished(summary))
        return summary

    # ------------------------------------------------------------ events

    def emit(self, event: DownloadEvent) -> None:
        if self.listener is None:
            return
        try:
            self.listener(event)
        except Exception:  # a broken listener must not break the downloads
            log.exception("download listener failed on %s", type(event).__name__)

    def item_progress(self, key: str, done: int, total: int | None, received: int) -> None:
        self.tracker.add_received(received)
        self.tracker.item_size(key, total)
        self.tracker.item_bytes(key, done)
        now = time.monotonic()
        if now - self._last_emit.get(key, 0.0) >= self.options.progress_interval_s:
            self._last_emit[key] = now
            self.emit(ItemProgress(key, done, total))
        self.emit_progress()

    def emit_progress(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last_emit.get("", 0.0) >= self.options.progress_interval_s:
            self._last_emit[""] = now
            self.emit(BatchProgress(self.tracker.snapshot()))

    def finish_item(self, result: ItemResult) -> None:
        self.tracker.finish(result)
        self._last_emit.pop(result.key, None)
        self.emit(ItemFinished(result))
        self.emit_progress(force=True)
