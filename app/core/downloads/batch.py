"""One `run` of the engine: the folder lock, the producer of links, N workers, results.

A batch holds the folder's OS lock from start to end (a second process waits, or with
`wait_for_folder=False` stops at once), writes through the folder's one
`DownloadHistory`, reports every photo the service listed (a shortfall too), and
joins its worker threads before it lets the journal go.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.core.downloads.clip_links import ClipLinks
from app.core.downloads.events import (
    BatchProblem,
    BatchStopped,
    BatchWaiting,
    DownloadSummary,
    ItemQueued,
    ItemResult,
    ItemStatus,
)
from app.core.downloads.fetch import StorageClient
from app.core.downloads.filenames import NameBook, inside_folder
from app.core.downloads.folder_lock import FolderLock
from app.core.downloads.journal import EntryState, Journal
from app.core.downloads.kinds import MediaKind
from app.core.downloads.links import DownloadJob, Link, LinkFailure, LinkFeed, LinkSource
from app.core.downloads.progress import Control
from app.core.downloads.reasons import (
    FailureReason,
    reason_for_api_error,
    reason_for_os_error,
    service_detail,
)
from app.core.downloads.transfer import Transfer, TransferContext
from app.core.errors import NinePicError

if TYPE_CHECKING:
    from app.core.downloads.engine import DownloadEngine

T = TypeVar("T")

_LOCK_POLL_S = 0.25


class Batch:
    """The state of one `run`: queue, workers, results."""

    def __init__(
        self,
        engine: DownloadEngine,
        job: DownloadJob,
        control: Control,
        executor: ThreadPoolExecutor,
    ) -> None:
        self.engine = engine
        self.job = job
        self.control = control
        self.executor = executor
        self.results: dict[str, ItemResult] = {}
        self.queued: set[str] = set()
        self._numbers: dict[str, int] = {}
        """Each queued photo's running number, in the order the service listed it."""
        self._positions = {image_id: n for n, image_id in enumerate(job.image_ids or (), 1)}
        self.problem: BatchProblem | None = None
        self.started = time.monotonic()

    async def _call(self, fn: Callable[..., T], *args: object) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args))

    async def run(self) -> DownloadSummary:
        engine = self.engine
        lock = FolderLock(engine.folder)
        try:
            await self._call(_prepare_folder, engine.folder)
            if not await self._lock(lock):
                return self._unreached_summary()
            journal = await self._call(engine.history.open_batch)
        except OSError as exc:
            await self._call(lock.release)
            self._stop(BatchProblem(reason_for_os_error(exc), exc.strerror or str(exc)))
            return self._unreached_summary()
        try:
            return await self._transfer_all(journal)
        finally:
            # Worker threads first (a cancelled transfer's thread may still hold its part
            # and append to the journal), then the journal, then the folder.
            await join_workers(self.executor)
            await asyncio.to_thread(engine.history.close_batch)
            await asyncio.to_thread(lock.release)

    async def _lock(self, lock: FolderLock) -> bool:
        """Take the folder's lock; while another download has it, say so and wait."""
        if await self._call(lock.try_acquire, 0.0):
            return True
        if not self.engine.options.wait_for_folder:
            self._stop(BatchProblem(FailureReason.FOLDER_BUSY))
            return False
        self.engine.emit(BatchWaiting(FailureReason.FOLDER_BUSY))
        while not self.control.stopped:
            if await self._call(lock.try_acquire, _LOCK_POLL_S):
                return True
        return False

    def _unreached_summary(self) -> DownloadSummary:
        for image_id in self.job.image_ids or ():
            self._record(_unfinished(image_id, image_id, self.control.stop_reason))
        return self._summary()

    async def _transfer_all(self, journal: Journal) -> DownloadSummary:
        engine = self.engine
        names = NameBook(
            engine.folder,
            owners={e.file: e.key for e in journal.entries() if e.file},
        )
        self.links: LinkFeed = (
            ClipLinks(engine.client, engine.event_id, self.job)
            if self.job.kind is MediaKind.CLIP
            else LinkSource(
                engine.client, engine.event_id, self.job, chunk_size=engine.options.link_chunk
            )
        )
        storage = StorageClient(timeout=engine.options.read_timeout_s)
        self.ctx = TransferContext(
            folder=engine.folder,
            storage=storage,
            executor=self.executor,
            journal=journal,
            names=names,
            links=self.links,
            policy=engine.options.transfer,
            control=self.control,
            emit=engine.emit,
            progress=engine.item_progress,
            loop=asyncio.get_running_loop(),
            sleep=engine.options.sleep,
            secrets=engine.client.secrets,
            name_for=self._name_for if engine.options.name_pattern is not None else None,
            split_first=engine.options.split_first,
        )
        queue: asyncio.Queue[Link | None] = asyncio.Queue(maxsize=engine.options.parallel)
        workers = [
            asyncio.ensure_future(self._worker(queue)) for _ in range(engine.options.parallel)
        ]
        try:
            await self._produce(queue, journal)
            for _ in workers:
                await queue.put(None)
            await asyncio.gather(*workers)
        except BaseException:
            # Cancelled (Ctrl-C, window closed) or a bug: stop every worker; their part
            # files stay for the next run to resume.
            self.control.stop(FailureReason.CANCELLED)
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            raise
        finally:
            storage.close()
        return self._summary()

    # ------------------------------------------------------------ producer

    async def _produce(self, queue: asyncio.Queue[Link | None], journal: Journal) -> None:
        ids = self.job.image_ids
        wanted: list[str] | None = None
        if ids is not None:
            self.engine.tracker.expect(len(ids))
            done = await self._call(_already_there, journal, self.engine.folder, ids)
            for result in done:
                self._record(result)
            wanted = [i for i in ids if i not in self.results]
        try:
            async for page in self.links.pages(wanted):
                if page.total is not None:
                    self.engine.tracker.expect(page.total)
                await self._record_link_failures(page.failures, journal)
                for link in page.links:
                    if self.control.stopped:
                        break
                    if link.key in self.results or link.key in self.queued:
                        continue
                    self.queued.add(link.key)
                    self._numbers.setdefault(link.key, len(self._numbers) + 1)
                    self.engine.emit(ItemQueued(link.key, link.image_id, link.suggested_name))
                    await queue.put(link)
                if self.control.stopped:
                    break
        except NinePicError as exc:
            self._stop(BatchProblem(reason_for_api_error(exc), service_detail(exc), exc))
        if not self.control.stopped:
            await self._check_shortfall(journal)
        if ids is not None and self.control.stopped:
            reason = self.control.stop_reason or FailureReason.CANCELLED
            unreached = [i for i in ids if i not in self.results and i not in self.queued]
            if reason is not FailureReason.CANCELLED:
                # The failed list must survive a restart, these photos included.
                detail = self.problem.detail if self.problem is not None else ""
                await self._call(_journal_failures, journal, unreached, reason, detail)
            for image_id in unreached:
                self._record(_unfinished(image_id, image_id, reason))

    async def _record_link_failures(
        self, failures: tuple[LinkFailure, ...], journal: Journal
    ) -> None:
        """Photos the service gave no link for: journaled in one write, then reported."""
        fresh = [
            f for f in dict((f.key, f) for f in failures).values() if f.key not in self.results
        ]
        if not fresh:
            return
        rows = [(f.key, f.reason.value, f.detail, f.image_id) for f in fresh]
        await self._call(journal.failed_items, rows)
        for failure in fresh:
            self._record(
                ItemResult(
                    failure.key,
                    failure.image_id,
                    ItemStatus.FAILED,
                    reason=failure.reason,
                    detail=failure.detail,
                )
            )

    async def _check_shortfall(self, journal: Journal) -> None:
        """Fewer distinct photos than the service listed: that gap is a failure too."""
        missing = self.links.shortfall()
        if missing is not None:
            self.engine.tracker.expect(self.links.sent + 1)
            await self._record_link_failures((missing,), journal)
            return
        key = self.links.shortfall_key()
        entry = journal.get(key)
        if entry is not None and entry.state is EntryState.FAILED:
            await self._call(journal.dismiss, [key])  # an earlier gap is closed now

    # ------------------------------------------------------------ workers

    async def _worker(self, queue: asyncio.Queue[Link | None]) -> None:
        while (link := await queue.get()) is not None:
            if self.control.stopped:
                self._record(_unfinished(link.key, link.image_id, self.control.stop_reason))
                continue
            transfer = Transfer(self.ctx, link)
            result = await transfer.run()
            self._record(result)
            if transfer.problem is not None:
                self._stop(transfer.problem)

    def _name_for(self, link: Link) -> str:
        """The pattern's name: `{n}` counts in the order the photos were asked for (the
        ids' order) or, for a BIB or selfie, in the order the service lists them."""
        pattern = self.engine.options.name_pattern
        assert pattern is not None
        number = self._positions.get(link.image_id or "") or self._numbers.get(
            link.key, len(self._numbers) + 1
        )
        return pattern.render(
            event=self.engine.options.event_name,
            bib=self.job.name_term,
            n=number,
            image_id=link.image_id or "",
            server_name=link.suggested_name,
            kind=link.kind,
        )

    def _record(self, result: ItemResult) -> None:
        self.results[result.key] = result
        self.engine.finish_item(result)

    def _stop(self, problem: BatchProblem) -> None:
        if self.problem is None:
            self.problem = problem
            self.control.stop(problem.reason)
            self.engine.emit(BatchStopped(problem))

    def _summary(self) -> DownloadSummary:
        cancelled = self.control.stop_reason is FailureReason.CANCELLED
        return DownloadSummary(
            self.engine.folder,
            tuple(self.results.values()),
            problem=self.problem,
            cancelled=cancelled,
            elapsed_s=time.monotonic() - self.started,
            bytes_received=self.engine.tracker.received,
        )


def _prepare_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / ".photo-retriever-write-test"
    probe.touch()
    probe.unlink()


async def join_workers(executor: ThreadPoolExecutor) -> None:
    """Wait for the batch's worker threads to end (their transfers were interrupted)."""
    try:
        await asyncio.to_thread(executor.shutdown, wait=True)
    except asyncio.CancelledError:
        executor.shutdown(wait=True)  # cancelled again meanwhile: still never leave them
        raise


def _already_there(journal: Journal, folder: Path, ids: Iterable[str]) -> list[ItemResult]:
    """Photos the journal has as done whose file is still there with the same size."""
    found: list[ItemResult] = []
    for image_id in ids:
        entry = journal.get(image_id)
        if entry is None or entry.state is not EntryState.DONE or not entry.file:
            continue
        try:
            path = inside_folder(folder, entry.file)
            if path.is_file() and not path.is_symlink() and path.stat().st_size == entry.size:
                found.append(
                    ItemResult(
                        image_id,
                        image_id,
                        ItemStatus.ALREADY_THERE,
                        file=entry.file,
                        size=entry.size,
                        sha256=entry.sha256,
                    )
                )
        except (OSError, ValueError):
            continue
    return found


def _journal_failures(
    journal: Journal, image_ids: list[str], reason: FailureReason, detail: str
) -> None:
    journal.failed_items([(i, reason.value, detail, i) for i in image_ids])  # one fsync


def _unfinished(key: str, image_id: str | None, reason: FailureReason | None) -> ItemResult:
    """A photo the batch stopped before reaching."""
    reason = reason or FailureReason.CANCELLED
    status = ItemStatus.CANCELLED if reason is FailureReason.CANCELLED else ItemStatus.FAILED
    return ItemResult(key, image_id, status, reason=reason)
