"""One photo from presigned link to final file, repairing what can be repaired.

- 403 (or anything that is not a photo) from storage: the link is stale; ask a fresh one
  for this photo and try again. Two stale answers in a row on fresh links: give up.
- 404: one fresh link, then "not found".
- 5xx, 429, timeouts, dropped or short bodies: back off and continue where the part file
  ends with a Range request; a 200 answer to a Range request starts the file over.
- An attempt that moved bytes does not use up the budget of attempts.
- Disk errors end the batch (they would hit every photo alike); the part file is kept
  for a later resume, except when the disk is full.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import random
import re
import stat
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx

from app.core.client import parse_retry_after
from app.core.downloads.events import (
    BatchProblem,
    DownloadEvent,
    ItemResult,
    ItemRetrying,
    ItemStarted,
    ItemStatus,
)
from app.core.downloads.filenames import PART_SUFFIX, NameBook, inside_folder, sanitise_filename
from app.core.downloads.journal import EntryState, Journal
from app.core.downloads.links import Link, LinkSource, LinkUnavailable
from app.core.downloads.progress import Control, ProgressTracker
from app.core.downloads.reasons import (
    FailureReason,
    reason_for_api_error,
    reason_for_os_error,
)
from app.core.downloads.writer import JPEG_START, FinalNameTaken, PartFile, file_digest
from app.core.errors import InsecureUrl, NinePicError
from app.core.retry import RetryPolicy, Sleep
from app.core.urls import require_secure_url

log = logging.getLogger(__name__)

T = TypeVar("T")

_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)", re.IGNORECASE)
_NOT_PHOTO_TYPES = ("text/", "application/xml", "application/json", "application/problem")
_KEEP_PART = frozenset(
    {FailureReason.SERVER_BUSY, FailureReason.SERVER_ERROR, FailureReason.CONNECTION_LOST}
)


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
    """Bytes gathered before one write to disk (two blocks per transfer at most in memory)."""


@dataclass
class TransferContext:
    """What all transfers of a batch share."""

    folder: Path
    media: httpx.AsyncClient
    executor: Executor
    journal: Journal
    names: NameBook
    links: LinkSource
    policy: TransferPolicy
    control: Control
    tracker: ProgressTracker
    emit: Callable[[DownloadEvent], None]
    progress: Callable[[str, int, int | None], None]
    sleep: Sleep = asyncio.sleep
    rand: Callable[[], float] = random.random

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args))


class _Retry(Exception):
    def __init__(self, reason: FailureReason, retry_after: float | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.retry_after = retry_after


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
    trouble. When the batch must stop (disk, API refused) `problem` is set."""

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

    async def run(self) -> ItemResult:
        try:
            require_secure_url(self.link.url)
        except InsecureUrl:
            return await self._fail(FailureReason.NO_LINK, "Refused a link that is not https.")
        try:
            early = await self.ctx.run(self._prepare_sync)
            if early is not None:
                return early
            return await self._loop()
        except OSError as exc:
            reason = reason_for_os_error(exc)
            detail = exc.strerror or str(exc)
            self.problem = BatchProblem(reason, f"{reason.sentence} {detail}")
            await self._close_part(delete=reason is FailureReason.DISK_FULL)
            return self._result(ItemStatus.FAILED, reason=reason, detail=detail)
        finally:
            if self.part is not None:
                self.part.close_now()

    # ------------------------------------------------------------ preparation

    def _prepare_sync(self) -> ItemResult | None:
        """Thread side: already there? a part to resume? which name to use?"""
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
            part = folder / (entry.file + PART_SUFFIX)
            if on_disk is None and _size_of(part) is not None:
                self.name = self.ctx.names.claim(entry.file, self.key, reuse_existing=True)
                self.resume = self.name == entry.file
                self.validator = entry.validator if self.resume else ""
                self.expected = entry.size if self.resume else None
                if self.resume:
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
        if leftover.is_file():
            leftover.unlink()
        return self._result(ItemStatus.ALREADY_THERE, file=name, size=size, sha=sha)

    # -------------------------------------------------------------- the loop

    async def _loop(self) -> ItemResult:
        policy = self.ctx.policy
        idle_failures = attempts = refreshes = stale_fresh = 0
        fresh = False
        while True:
            try:
                await self._checkpoint()
                attempts += 1
                before = self.part.size if self.part else 0
                try:
                    adopted = await self._attempt()
                    if adopted is not None:
                        return adopted
                    return await self._commit()
                except _Retry as retry:
                    stale_fresh = 0
                    moved = (self.part.size if self.part else 0) > before
                    idle_failures = 0 if moved else idle_failures + 1
                    if idle_failures >= policy.max_attempts or attempts >= 4 * policy.max_attempts:
                        return await self._fail(retry.reason)
                    await self._back_off(attempts, retry)
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
            except _Interrupted:
                if self.ctx.control.stop_reason is not None:
                    return await self._stopped(self.ctx.control.stop_reason)

    async def _checkpoint(self) -> None:
        control = self.ctx.control
        if control.paused and not control.stopped:
            await control.wait_running()
        if control.stopped:
            raise _Interrupted

    async def _back_off(self, attempt: int, retry: _Retry) -> None:
        policy = self.ctx.policy
        if retry.retry_after is not None:
            delay = min(retry.retry_after, policy.max_retry_after_s)
        else:
            delay = policy.backoff.backoff(attempt, self.ctx.rand())
        self.ctx.emit(ItemRetrying(self.key, attempt, retry.reason, delay))
        await self.ctx.sleep(delay)

    # ------------------------------------------------------------ one attempt

    async def _attempt(self) -> ItemResult | None:
        if self.part is None and self.resume:
            self.part = await PartFile.open(
                self.ctx.folder, self.name, self.ctx.executor, resume=True
            )
        offset = self.part.size if self.part else 0
        headers = {"Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
            if self.validator:
                headers["If-Range"] = self.validator
        try:
            async with self.ctx.media.stream("GET", self.link.url, headers=headers) as response:
                return await self._receive(response, offset)
        except httpx.TimeoutException as exc:
            log.debug("%s: %s", self.key, type(exc).__name__)
            raise _Retry(FailureReason.CONNECTION_LOST) from None
        except httpx.HTTPError as exc:
            log.debug("%s: %s", self.key, type(exc).__name__)
            raise _Retry(FailureReason.CONNECTION_LOST) from None

    async def _receive(self, response: httpx.Response, offset: int) -> ItemResult | None:
        total = await self._check_answer(response, offset)
        if offset == 0 and self.probe is not None and total == self.probe:
            await response.aclose()
            adopted = await self.ctx.run(self._adopt_sync, self.preferred)
            if adopted is not None:
                self.ctx.names.release(self.name, self.key)
                return adopted
        self.probe = None
        if offset and self.part is not None and response.status_code == 200:
            await self.part.restart()
            offset = 0
        if total is not None:
            self.expected = total
        validator = response.headers.get("ETag") or response.headers.get("Last-Modified") or ""
        await self._note_start(validator, offset)
        await self._stream(response)
        size = self.part.size if self.part else 0
        if self.expected is not None and size != self.expected:
            if size > self.expected and self.part is not None:
                await self.part.restart()
            raise _Retry(FailureReason.CORRUPT)
        return None

    async def _check_answer(self, response: httpx.Response, offset: int) -> int | None:
        """The full size of the photo, or the reason this answer is no good."""
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status in (429, 503):
            raise _Retry(FailureReason.SERVER_BUSY, retry_after)
        if status >= 500:
            raise _Retry(FailureReason.SERVER_ERROR, retry_after)
        if status == 416 and offset and self.part is not None:
            await self.part.restart()
            raise _StartOver
        if status not in (200, 206) or (status == 206 and not offset):
            raise _BadLink(status)
        content_type = response.headers.get("Content-Type", "").lower()
        encoding = response.headers.get("Content-Encoding", "identity").lower()
        if content_type.startswith(_NOT_PHOTO_TYPES) or encoding not in ("", "identity"):
            raise _BadLink(status)
        if status == 206:
            start, total = _content_range(response.headers.get("Content-Range"))
            known = self.expected
            if start != offset or (known is not None and total is not None and total != known):
                if self.part is not None:
                    await self.part.restart()
                raise _StartOver
            return total
        length = response.headers.get("Content-Length")
        return int(length) if length and length.isdigit() else None

    async def _note_start(self, validator: str, offset: int) -> None:
        entry = self.ctx.journal.get(self.key)
        fresh = (
            entry is None
            or entry.state is not EntryState.STARTED
            or entry.file != self.name
            or entry.size != self.expected
            or entry.validator != validator
        )
        self.validator = validator
        if fresh:
            await self.ctx.run(
                self.ctx.journal.started,
                self.key,
                self.name,
                self.expected,
                validator,
                self.link.image_id,
            )
        if not self.started:
            self.started = True
            self.ctx.emit(
                ItemStarted(self.key, self.link.image_id, self.name, self.expected, offset)
            )
        self.ctx.tracker.item_size(self.key, self.expected)

    async def _stream(self, response: httpx.Response) -> None:
        """Body to part file in blocks; whatever arrived is kept when the stream breaks."""
        ctx, block = self.ctx, self.ctx.policy.block_bytes
        pending: list[bytes] = []
        pending_bytes = 0
        head_checked = self.part is not None and self.part.size > 0
        try:
            async for chunk in response.aiter_raw():
                if not chunk:
                    continue
                pending.append(chunk)
                pending_bytes += len(chunk)
                ctx.tracker.add_received(len(chunk))
                if not head_checked:
                    if pending_bytes < len(JPEG_START):
                        continue
                    if not b"".join(pending).startswith(JPEG_START):
                        raise _BadLink(response.status_code)
                    head_checked = True
                    if self.part is None:
                        self.part = await PartFile.open(
                            ctx.folder, self.name, ctx.executor, resume=False
                        )
                assert self.part is not None
                done = self.part.size + pending_bytes
                if pending_bytes >= block:
                    await self.part.write(pending)
                    pending, pending_bytes = [], 0
                ctx.progress(self.key, done, self.expected)
                if ctx.control.paused or ctx.control.stopped:
                    raise _Interrupted
        finally:
            if pending and head_checked and self.part is not None:
                await self.part.write(pending)
            if self.part is not None:
                await self.part.drain()
                ctx.tracker.item_bytes(self.key, self.part.size)

    # ----------------------------------------------------------------- endings

    async def _commit(self) -> ItemResult:
        part = self.part
        if part is None:  # an empty 200: nothing that could be a photo
            raise _Retry(FailureReason.CORRUPT)
        try:
            sha = await part.finish()
        except ValueError:
            await part.restart()
            raise _Retry(FailureReason.CORRUPT) from None
        while True:
            try:
                await part.place(self.name)
                break
            except FinalNameTaken:
                self.ctx.names.block(self.name)
                self.name = await self.ctx.run(self.ctx.names.claim, self.preferred, self.key)
        self.part = None
        await self.ctx.run(
            self.ctx.journal.done, self.key, self.name, part.size, sha, self.link.image_id
        )
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
        if part is not None:
            try:
                await part.close(delete=delete)
            except OSError as exc:
                log.debug("part file not cleaned up: %s", exc.strerror)
        elif delete and self.name:
            leftover = self.ctx.folder / (self.name + PART_SUFFIX)
            try:
                await self.ctx.run(_unlink_if_file, leftover)
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


def _content_range(value: str | None) -> tuple[int | None, int | None]:
    match = _CONTENT_RANGE.match(value or "")
    if not match:
        return None, None
    total = match.group(3)
    return int(match.group(1)), (int(total) if total.isdigit() else None)
