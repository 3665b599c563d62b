"""One photo from presigned link to final file, repairing what can be repaired.

- 403 (or anything that is not a photo) from storage: the link is stale; ask a fresh one
  for this photo and try again. Two stale answers in a row on fresh links: give up.
- 404: one fresh link, then "not found".
- 5xx, 429, timeouts, dropped or short bodies: back off and continue where the part file
  ends with a Range request; a 200 answer to a Range request starts the file over.
  A 429 (or 503) holds every worker of that host back together (`HostGates`).
- A body slower than `min_speed_bps` over `speed_window_s` is a stall: the attempt
  ends and the next one resumes with Range; after `max_stalls`, "the photo host
  stopped sending". Nothing can hold a photo for ever.
- An attempt that moved bytes does not use up the budget of attempts.
- Disk errors end the batch (they would hit every photo alike); the part file is kept
  for a later resume, except when the disk is full.

The decisions run on the event loop; each attempt (request, body, hash, disk) runs on a
worker thread (see `fetch.py` for why), reporting progress back with
`call_soon_threadsafe` and checking the pause / stop flags after every read. Pause,
stop and cancel also shut the attempt's socket (`interrupt`), so a blocked read ends
at once instead of at the read timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import functools
import http.client
import logging
import os
import random
import re
import stat
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from app.core.client import parse_retry_after
from app.core.downloads.events import (
    BatchProblem,
    DownloadEvent,
    ItemResult,
    ItemRetrying,
    ItemStarted,
    ItemStatus,
)
from app.core.downloads.fetch import (
    FetchError,
    FetchTimeout,
    StorageClient,
    StorageResponse,
    abort_connection,
)
from app.core.downloads.filenames import PART_SUFFIX, NameBook, inside_folder, sanitise_filename
from app.core.downloads.journal import EntryState, Journal
from app.core.downloads.links import Link, LinkSource, LinkUnavailable
from app.core.downloads.progress import Control
from app.core.downloads.reasons import (
    FailureReason,
    reason_for_api_error,
    reason_for_os_error,
)
from app.core.downloads.writer import FinalNameTaken, PartFile, file_digest
from app.core.errors import InsecureUrl, NinePicError
from app.core.image_signatures import JPEG_START
from app.core.retry import HostGate, HostGates, RetryPolicy, Sleep
from app.core.urls import require_secure_url

log = logging.getLogger(__name__)

T = TypeVar("T")

_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)", re.IGNORECASE)
_NOT_PHOTO_TYPES = ("text/", "application/xml", "application/json", "application/problem")
_KEEP_PART = frozenset(
    {FailureReason.SERVER_BUSY, FailureReason.SERVER_ERROR, FailureReason.CONNECTION_LOST}
)
_POST_EVERY_S = 0.1
_MAX_NAME_TRIES = 1000


@dataclass(frozen=True)
class TransferPolicy:
    """Bounds for one photo's retries."""

    max_attempts: int = 8
    """Failed attempts in a row that moved no bytes before giving up."""
    max_refreshes: int = 5
    """Fresh links asked for one photo."""
    backoff: RetryPolicy = field(default_factory=lambda: RetryPolicy(base_delay=0.5))
    max_retry_after_s: float = 60.0
    block_bytes: int = 1024 * 1024
    """Most bytes taken from the socket per read."""
    min_speed_bps: float = 8 * 1024
    """Slower than this over `speed_window_s` is a stall (curl's --speed-limit)."""
    speed_window_s: float = 30.0
    max_stalls: int = 3
    """Stalled attempts of one photo before it fails (each resumes where it stopped)."""


@dataclass
class TransferContext:
    """What all transfers of a batch share."""

    folder: Path
    storage: StorageClient
    executor: Executor
    journal: Journal
    names: NameBook
    links: LinkSource
    policy: TransferPolicy
    control: Control
    emit: Callable[[DownloadEvent], None]
    progress: Callable[[str, int, int | None, int], None]
    """(key, bytes in the part, full size, bytes received since the last call); loop side."""
    loop: asyncio.AbstractEventLoop
    sleep: Sleep = asyncio.sleep
    rand: Callable[[], float] = random.random
    gates: HostGates = field(default_factory=HostGates)
    """One 429 gate per storage host, shared by every transfer of the batch."""
    secrets: tuple[str, ...] = ()
    """Redacted from every name and text that reaches the disk or the screen."""

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        return await self.loop.run_in_executor(self.executor, functools.partial(fn, *args))

    def post(self, fn: Callable[..., None], *args: object) -> None:
        """From a worker thread: run `fn(*args)` on the loop thread."""
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody listens any more
            self.loop.call_soon_threadsafe(fn, *args)


class _Retry(Exception):
    def __init__(
        self, reason: FailureReason, retry_after: float | None = None, *, shared: bool = False
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.retry_after = retry_after
        self.shared = shared
        """The host said it is busy: every worker of that host waits, not just this one."""


class _BadLink(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(str(status))
        self.status = status


class _Interrupted(Exception):
    """Paused or stopped: leave the network, keep the part."""


class _StartOver(Exception):
    """The server's answer does not continue our part file: try again from byte 0."""


class Transfer:
    """One photo; `await Transfer(ctx, link).run()` never raises for the photo's own
    trouble. When the whole batch must stop (disk, API refused) `problem` is set."""

    def __init__(self, ctx: TransferContext, link: Link) -> None:
        self.ctx = ctx
        self.link = link
        self.key = link.key
        self.preferred = sanitise_filename(link.suggested_name, link.image_id)
        self.name = ""
        self.part: PartFile | None = None
        self.resume = False
        self.expected: int | None = None
        self.validator = ""
        self.probe: int | None = None
        self.started = False
        self.problem: BatchProblem | None = None
        self._abort = threading.Event()
        self._busy = False
        self._conn: http.client.HTTPConnection | None = None
        self._conn_lock = threading.Lock()

    def interrupt(self) -> None:
        """Loop thread (pause, stop, cancel): end a blocked read of this photo now."""
        with self._conn_lock:
            abort_connection(self._conn)

    def _use_connection(self, conn: http.client.HTTPConnection | None) -> None:
        with self._conn_lock:
            self._conn = conn

    async def run(self) -> ItemResult:
        try:
            require_secure_url(self.link.url)
        except InsecureUrl:
            return await self._fail(FailureReason.NO_LINK, "Refused a link that is not https.")
        self.ctx.control.watch(self.interrupt)
        try:
            early = await self._in_thread(self._prepare_sync)
            if early is not None:
                return early
            return await self._loop()
        except OSError as exc:
            reason = reason_for_os_error(exc)
            detail = exc.strerror or str(exc)
            self.problem = BatchProblem(reason, f"{reason.sentence} {detail}")
            await self._close_part(delete=reason is FailureReason.DISK_FULL)
            return self._result(ItemStatus.FAILED, reason=reason, detail=detail)
        except BaseException:
            self._abort.set()  # cancelled: the worker thread lets go of the part now
            self.interrupt()
            raise
        finally:
            self.ctx.control.unwatch(self.interrupt)
            if self.part is not None and not self._busy:
                self.part.close()

    async def _in_thread(self, fn: Callable[..., T], *args: object) -> T:
        """Run a step that owns the part file on a worker thread. When the task is
        cancelled meanwhile, the thread keeps the part until it sees `_abort`."""
        self._busy = True
        try:
            result = await self.ctx.run(fn, *args)
        except Exception:
            self._busy = False
            raise
        self._busy = False
        return result

    # ------------------------------------------------------------ preparation

    def _prepare_sync(self) -> ItemResult | None:
        """Already there? A part to resume? Which name to use?"""
        journal, folder = self.ctx.journal, self.ctx.folder
        entry = journal.get(self.key)
        if entry is not None and entry.file:
            final = inside_folder(folder, entry.file)
            on_disk = _size_of(final)
            if entry.state is EntryState.DONE and on_disk is not None and on_disk == entry.size:
                self.ctx.names.claim(entry.file, self.key, reuse_existing=True)
                return self._result(
                    ItemStatus.ALREADY_THERE, file=entry.file, size=on_disk, sha=entry.sha256
                )
            if entry.size is not None and on_disk == entry.size:
                # Killed between the rename and the journal line: the file is ours.
                adopted = self._adopt_sync(entry.file)
                if adopted is not None:
                    return adopted
            if on_disk is None and _size_of(folder / (entry.file + PART_SUFFIX)) is not None:
                self.name = self.ctx.names.claim(entry.file, self.key, reuse_existing=True)
                if self.name == entry.file:
                    self.resume = True
                    self.validator = entry.validator
                    self.expected = entry.size
                    return None
        existing = _size_of(inside_folder(folder, self.preferred))
        if existing is not None and self.ctx.names.owner_of(self.preferred) is None:
            self.probe = existing  # same name, no journal line: maybe this very photo
        self.name = self.ctx.names.claim(self.preferred, self.key)
        return None

    def _adopt_sync(self, name: str) -> ItemResult | None:
        """Take a complete file already on disk as this photo's, if it is a whole JPEG."""
        size, sha, whole = file_digest(self.ctx.folder / name)
        if not whole:
            return None
        self.ctx.names.claim(name, self.key, reuse_existing=True)
        self.ctx.journal.done(self.key, name, size, sha, self.link.image_id)
        leftover = self.ctx.folder / (name + PART_SUFFIX)
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink()
        return self._result(ItemStatus.ALREADY_THERE, file=name, size=size, sha=sha)

    # -------------------------------------------------------------- the loop

    async def _loop(self) -> ItemResult:
        policy = self.ctx.policy
        idle_failures = attempts = refreshes = stale_fresh = stalls = 0
        fresh = False
        gate = self.ctx.gates.for_url(self.link.url)
        while True:
            try:
                await self._checkpoint()
                if await gate.wait(self.ctx.sleep):
                    fresh = False  # a link that waited out a hold may have expired meanwhile
                await self._checkpoint()
                attempts += 1
                before = self.part.size if self.part else 0
                try:
                    adopted = await self._in_thread(self._attempt_sync, self.link.url)
                    if adopted is not None:
                        return adopted
                    return await self._in_thread(self._commit_sync)
                except _Retry as retry:
                    stale_fresh = 0
                    moved = (self.part.size if self.part else 0) > before
                    idle_failures = 0 if moved else idle_failures + 1
                    stalls += retry.reason is FailureReason.STALLED
                    if (
                        idle_failures >= policy.max_attempts
                        or attempts >= 4 * policy.max_attempts
                        or stalls >= policy.max_stalls
                    ):
                        return await self._fail(retry.reason)
                    await self._back_off(attempts, retry, gate)
                except _StartOver:
                    idle_failures += 1
                    if idle_failures >= policy.max_attempts:
                        return await self._fail(FailureReason.CORRUPT)
                except _BadLink as bad:
                    gone = bad.status == 404
                    stale_fresh = stale_fresh + 1 if fresh else 0
                    if stale_fresh >= 2 or refreshes >= policy.max_refreshes or (gone and fresh):
                        reason = FailureReason.NOT_FOUND if gone else FailureReason.LINK_EXPIRED
                        return await self._fail(reason)
                    refreshes += 1
                    try:
                        self.link = await self.ctx.links.refresh(self.link)
                    except LinkUnavailable as unavailable:
                        return await self._fail(unavailable.reason, unavailable.detail)
                    except NinePicError as exc:
                        reason = reason_for_api_error(exc)
                        self.problem = BatchProblem(reason, exc.user_message, exc)
                        return await self._stopped(reason)
                    fresh = True
                    gate = self.ctx.gates.for_url(self.link.url)
            except _Interrupted:
                if self.ctx.control.stop_reason is not None:
                    return await self._stopped(self.ctx.control.stop_reason)

    async def _checkpoint(self) -> None:
        control = self.ctx.control
        if control.paused and not control.stopped:
            await control.wait_running()
        if control.stopped:
            raise _Interrupted

    async def _back_off(self, attempt: int, retry: _Retry, gate: HostGate) -> None:
        policy = self.ctx.policy
        if retry.retry_after is not None:
            delay = min(retry.retry_after, policy.max_retry_after_s)
        else:
            delay = policy.backoff.backoff(attempt, self.ctx.rand())
        self.ctx.emit(ItemRetrying(self.key, attempt, retry.reason, delay))
        if retry.shared:
            gate.hold(delay)  # the others wait on the gate before their next request
        await self.ctx.sleep(delay)

    # ------------------------------------------------- one attempt (worker thread)

    def _attempt_sync(self, url: str) -> ItemResult | None:
        """Request, check, and stream the body into the part file."""
        try:
            return self._attempt(url)
        finally:
            if self._abort.is_set() and self.part is not None:
                self.part.close()  # the task is gone: the part is ours to close
                self.part = None

    def _attempt(self, url: str) -> ItemResult | None:
        if self.part is None and self.resume:
            self.part = PartFile.open(self.ctx.folder, self.name, resume=True)
        offset = self.part.size if self.part else 0
        headers: dict[str, str] = {}
        if offset:
            headers["Range"] = f"bytes={offset}-"
            if self.validator:
                headers["If-Range"] = self.validator
        try:
            response = self.ctx.storage.get(url, headers, self._use_connection)
        except FetchError as exc:
            log.debug("%s: %s", self.key, exc)
            self._raise_if_interrupted()
            raise _Retry(FailureReason.CONNECTION_LOST) from None
        except InsecureUrl:
            raise _BadLink(0) from None
        complete = False
        try:
            total = self._check_answer(response, offset)
            if offset == 0 and self.probe is not None and total == self.probe:
                adopted = self._adopt_sync(self.preferred)
                if adopted is not None:
                    self.ctx.names.release(self.name, self.key)
                    return adopted
            self.probe = None
            if offset and self.part is not None and response.status == 200:
                self.part.restart()
            if total is not None:
                self.expected = total
            self._note_start(response, offset if response.status in (206, 416) else 0)
            if response.status != 416:  # 416 here: the part already holds every byte
                complete = self._stream(response)
        finally:
            self._use_connection(None)
            self.ctx.storage.release(response, reuse=complete)
        size = self.part.size if self.part else 0
        if self.expected is not None and size != self.expected:
            if size > self.expected and self.part is not None:
                self.part.restart()
            raise _Retry(FailureReason.CORRUPT)
        return None

    def _check_answer(self, response: StorageResponse, offset: int) -> int | None:
        """The full size of the photo, or the reason this answer is no good."""
        status = response.status
        retry_after = parse_retry_after(response.header("Retry-After"))
        if status in (429, 503):
            # 429 speaks for the whole host; a 503 only when it says how long to wait.
            shared = status == 429 or retry_after is not None
            raise _Retry(FailureReason.SERVER_BUSY, retry_after, shared=shared)
        if status >= 500:
            raise _Retry(FailureReason.SERVER_ERROR, retry_after)
        if status == 416 and offset and self.part is not None:
            if _unsatisfied_total(response.header("Content-Range")) == offset:
                return offset  # killed after the last byte, before the rename
            self.part.restart()
            raise _StartOver
        if status not in (200, 206) or (status == 206 and not offset):
            raise _BadLink(status)
        content_type = (response.header("Content-Type") or "").lower()
        encoding = (response.header("Content-Encoding") or "identity").lower()
        if content_type.startswith(_NOT_PHOTO_TYPES) or encoding != "identity":
            raise _BadLink(status)
        if status == 206:
            start, total = _content_range(response.header("Content-Range"))
            known = self.expected
            if start != offset or (known is not None and total is not None and total != known):
                if self.part is not None:
                    self.part.restart()
                raise _StartOver
            return total
        length = response.header("Content-Length") or ""
        return int(length) if length.isdigit() else None

    def _note_start(self, response: StorageResponse, offset: int) -> None:
        validator = response.header("ETag") or response.header("Last-Modified") or ""
        entry = self.ctx.journal.get(self.key)
        if (
            entry is None
            or entry.state is not EntryState.STARTED
            or (entry.file, entry.size, entry.validator) != (self.name, self.expected, validator)
        ):
            self.ctx.journal.started(
                self.key, self.name, self.expected, validator, self.link.image_id
            )
        self.validator = validator
        if not self.started:
            self.started = True
            started = ItemStarted(self.key, self.link.image_id, self.name, self.expected, offset)
            self.ctx.post(self.ctx.emit, started)

    def _stream(self, response: StorageResponse) -> bool:
        """Body to part file read by read; True when it ended where it should.

        What arrived before a break stays in the part file for the next Range request.
        A body slower than the policy's minimum speed over its window is a stall.
        """
        ctx, policy = self.ctx, self.ctx.policy
        head = bytearray() if self.part is None or self.part.size == 0 else None
        window_start, window_bytes = time.monotonic(), 0
        unposted, last_post = 0, 0.0  # the first block is reported at once
        try:
            while True:
                self._raise_if_interrupted()
                try:
                    block: bytes | bytearray = response.read(policy.block_bytes)
                except FetchError as exc:
                    log.debug("%s: %s", self.key, exc)
                    self._raise_if_interrupted()
                    silent = isinstance(exc, FetchTimeout)
                    reason = FailureReason.STALLED if silent else FailureReason.CONNECTION_LOST
                    raise _Retry(reason) from None
                if not block:
                    break
                count = len(block)
                unposted += count
                window_bytes += count
                if head is not None:  # nothing written yet: is this a photo at all?
                    if head or count < len(JPEG_START):
                        head += block  # a tiny first read: gather the signature
                        block = head
                    if len(block) < len(JPEG_START):
                        continue
                    if block[: len(JPEG_START)] != JPEG_START:
                        raise _BadLink(response.status)
                    if self.part is None:
                        self.part = PartFile.open(ctx.folder, self.name, resume=False)
                    head = None
                if self.part is None:  # pragma: no cover - opened just above
                    raise _Retry(FailureReason.CORRUPT)
                self.part.write(block)
                now = time.monotonic()
                if now - last_post >= _POST_EVERY_S:
                    ctx.post(ctx.progress, self.key, self.part.size, self.expected, unposted)
                    unposted, last_post = 0, now
                if now - window_start >= policy.speed_window_s:
                    if window_bytes < policy.min_speed_bps * (now - window_start):
                        raise _Retry(FailureReason.STALLED)
                    window_start, window_bytes = now, 0
        finally:
            done = self.part.size if self.part else 0
            ctx.post(ctx.progress, self.key, done, self.expected, unposted)
        if head is not None:
            raise _Retry(FailureReason.CORRUPT)  # too short to be a photo
        return self.expected is None or (self.part is not None and self.part.size == self.expected)

    def _raise_if_interrupted(self) -> None:
        control = self.ctx.control
        if self._abort.is_set() or control.paused or control.stopped:
            raise _Interrupted

    # ----------------------------------------------------------------- endings

    def _commit_sync(self) -> ItemResult:
        """Verify, fsync, move to the final name, then (only then) journal it as done."""
        part = self.part
        if part is None:  # an empty 200: nothing that could be a photo
            raise _Retry(FailureReason.CORRUPT)
        try:
            sha = part.finish()
        except ValueError:
            part.restart()
            raise _Retry(FailureReason.CORRUPT) from None
        for _ in range(_MAX_NAME_TRIES):
            try:
                part.place(self.name)
                break
            except FinalNameTaken:
                # Someone put a file there since we claimed it: never replace it, move on.
                self.ctx.names.block(self.name)
                self.name = self.ctx.names.claim(self.preferred, self.key)
        else:
            raise OSError(errno.EEXIST, "no free file name left for this photo")
        self.part = None
        self.ctx.journal.done(self.key, self.name, part.size, sha, self.link.image_id)
        return self._result(ItemStatus.DOWNLOADED, file=self.name, size=part.size, sha=sha)

    async def _fail(self, reason: FailureReason, detail: str = "") -> ItemResult:
        await self._close_part(delete=reason not in _KEEP_PART)
        await self.ctx.run(
            self.ctx.journal.failed_item, self.key, reason.value, detail, self.link.image_id
        )
        return self._result(ItemStatus.FAILED, reason=reason, detail=detail)

    async def _stopped(self, reason: FailureReason) -> ItemResult:
        if reason is FailureReason.CANCELLED:
            await self._close_part(delete=self.ctx.control.discard_partial)
            return self._result(ItemStatus.CANCELLED, reason=reason)
        await self._close_part(delete=False)
        return self._result(ItemStatus.FAILED, reason=reason)

    async def _close_part(self, *, delete: bool) -> None:
        part, self.part = self.part, None
        target = part.path if part is not None else None
        if target is None and delete and self.name:
            target = self.ctx.folder / (self.name + PART_SUFFIX)
        if part is not None:
            part.close()
        if delete and target is not None:
            try:
                await self.ctx.run(_unlink_if_file, target)
            except OSError as exc:
                log.debug("part file not cleaned up: %s", exc.strerror)

    def _result(
        self,
        status: ItemStatus,
        *,
        file: str = "",
        size: int | None = None,
        sha: str = "",
        reason: FailureReason | None = None,
        detail: str = "",
    ) -> ItemResult:
        return ItemResult(self.key, self.link.image_id, status, file, size, sha, reason, detail)


def _size_of(path: Path) -> int | None:
    """Size of a regular file, None when there is none; -1 for anything else (a link,
    a folder), which matches no photo size but still counts as taken."""
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else -1


def _unlink_if_file(path: Path) -> None:
    if path.is_file() and not path.is_symlink():
        path.unlink()


_UNSATISFIED_RANGE = re.compile(r"bytes \*/(\d+)$")


def _unsatisfied_total(value: str | None) -> int | None:
    """The full size a 416 names in `Content-Range: bytes */SIZE`."""
    match = _UNSATISFIED_RANGE.match(value or "")
    return int(match.group(1)) if match else None


def _content_range(value: str | None) -> tuple[int | None, int | None]:
    match = _CONTENT_RANGE.match(value or "")
    if not match:
        return None, None
    total = match.group(3)
    return int(match.group(1)), (int(total) if total.isdigit() else None)
