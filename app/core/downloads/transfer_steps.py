"""The blocking steps of one photo's transfer, run on a worker thread.

`Transfer` (transfer.py) makes the decisions on the event loop; these steps do the
disk and network work it asks for: see whether the photo is already there or a part
can be resumed, send one request and stream its body into the part file (measuring
the speed, letting go at once when interrupted), and verify, fsync and place the
finished file. They report back by raising `Retry`, `BadLink`, `StartOver` or
`Interrupted`, or by returning a result.
"""

from __future__ import annotations

import errno
import http.client
import logging
import threading
import time
from typing import TypeVar

from app.core.answers import parse_retry_after
from app.core.downloads.events import (
    BatchProblem,
    ItemResult,
    ItemStarted,
    ItemStatus,
)
from app.core.downloads.fetch import (
    FetchError,
    FetchTimeout,
    StorageResponse,
    abort_connection,
)
from app.core.downloads.filenames import PART_SUFFIX, inside_folder, sanitise_filename
from app.core.downloads.http_ranges import content_range, unsatisfied_total
from app.core.downloads.journal import EntryState
from app.core.downloads.links import Link
from app.core.downloads.reasons import FailureReason
from app.core.downloads.split import SecondHalf, worth_splitting
from app.core.downloads.transfer_context import TransferContext
from app.core.downloads.writer import FinalNameTaken, PartFile, file_digest, size_of
from app.core.errors import InsecureUrl

log = logging.getLogger(__name__)

T = TypeVar("T")

_NOT_PHOTO_TYPES = ("text/", "application/xml", "application/json", "application/problem")
_POST_EVERY_S = 0.1
_MAX_NAME_TRIES = 1000


class Retry(Exception):
    def __init__(
        self, reason: FailureReason, retry_after: float | None = None, *, shared: bool = False
    ) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.retry_after = retry_after
        self.shared = shared
        """The host said it is busy: every worker of that host waits, not just this one."""


class BadLink(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(str(status))
        self.status = status


class Interrupted(Exception):
    """Paused or stopped: leave the network, keep the part."""


class StartOver(Exception):
    """The server's answer does not continue our part file: try again from byte 0."""


class TransferSteps:
    """The state of one photo's transfer and the steps that block on disk or network."""

    def __init__(self, ctx: TransferContext, link: Link) -> None:
        self.ctx = ctx
        self.link = link
        self.key = link.key
        self.kind = link.kind
        self.preferred = (
            ctx.name_for(link)
            if ctx.name_for is not None
            else sanitise_filename(link.suggested_name, link.image_id, kind=link.kind)
        )
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

    # ------------------------------------------------------------ preparation

    def _prepare_sync(self) -> ItemResult | None:
        """Already there? A part to resume? Which name to use?"""
        journal, folder = self.ctx.journal, self.ctx.folder
        entry = journal.get(self.key)
        if entry is not None and entry.file:
            final = inside_folder(folder, entry.file)
            on_disk = size_of(final)
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
            if on_disk is None and size_of(folder / (entry.file + PART_SUFFIX)) is not None:
                self.name = self.ctx.names.claim(entry.file, self.key, reuse_existing=True)
                if self.name == entry.file:
                    self.resume = True
                    self.validator = entry.validator
                    self.expected = entry.size
                    return None
        existing = size_of(inside_folder(folder, self.preferred))
        if existing is not None and self.ctx.names.owner_of(self.preferred) is None:
            self.probe = existing  # same name, no journal line: maybe this very photo
        self.name = self.ctx.names.claim(self.preferred, self.key)
        return None

    def _adopt_sync(self, name: str) -> ItemResult | None:
        """Take a file already on disk as this photo's if it is a whole JPEG (clip: MP4)."""
        size, sha, whole = file_digest(self.ctx.folder / name, self.kind)
        if not whole:
            return None
        self.ctx.names.claim(name, self.key, reuse_existing=True)
        self.ctx.journal.done(self.key, name, size, sha, self.link.image_id)
        leftover = self.ctx.folder / (name + PART_SUFFIX)
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink()
        return self._result(ItemStatus.ALREADY_THERE, file=name, size=size, sha=sha)

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
            self.part = PartFile.open(self.ctx.folder, self.name, resume=True, kind=self.kind)
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
            raise Retry(FailureReason.CONNECTION_LOST) from None
        except InsecureUrl:
            raise BadLink(0) from None
        complete = False
        half: SecondHalf | None = None
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
                half = self._second_half(url, offset, response.status)
                complete = self._stream(response, until=half.start if half else None)
        except BaseException:
            if half is not None:
                half.drop()
            raise
        finally:
            self._use_connection(None)
            self.ctx.storage.release(response, reuse=complete)
        if half is not None:
            rest = None
            if self.part is not None and self.part.size == half.start:
                rest = half.take(self._interrupted)
            else:
                half.drop()  # the first half fell short: the next attempt resumes
            if rest is not None and self.part is not None:
                with self.ctx.cpu_gate:
                    self.part.write(rest)
                self.ctx.post(self.ctx.progress, self.key, self.part.size, self.expected, len(rest))
        size = self.part.size if self.part else 0
        if self.expected is not None and size != self.expected:
            if size > self.expected and self.part is not None:
                self.part.restart()
            raise Retry(FailureReason.CORRUPT)
        return None

    def _check_answer(self, response: StorageResponse, offset: int) -> int | None:
        """The full size of the photo, or the reason this answer is no good."""
        status = response.status
        retry_after = parse_retry_after(response.header("Retry-After"))
        if status in (429, 503):
            # 429 speaks for the whole host; a 503 only when it says how long to wait.
            shared = status == 429 or retry_after is not None
            raise Retry(FailureReason.SERVER_BUSY, retry_after, shared=shared)
        if status >= 500:
            raise Retry(FailureReason.SERVER_ERROR, retry_after)
        if status == 416 and offset and self.part is not None:
            if unsatisfied_total(response.header("Content-Range")) == offset:
                return offset  # killed after the last byte, before the rename
            self.part.restart()
            raise StartOver
        if status not in (200, 206) or (status == 206 and not offset):
            raise BadLink(status)
        content_type = (response.header("Content-Type") or "").lower()
        encoding = (response.header("Content-Encoding") or "identity").lower()
        if content_type.startswith(_NOT_PHOTO_TYPES) or encoding != "identity":
            raise BadLink(status)
        if status == 206:
            start, total = content_range(response.header("Content-Range"))
            known = self.expected
            if start != offset or (known is not None and total is not None and total != known):
                if self.part is not None:
                    self.part.restart()
                raise StartOver
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

    def _second_half(self, url: str, offset: int, status: int) -> SecondHalf | None:
        """The batch's first big photo: its second half starts on a second connection."""
        if offset or status != 200 or not worth_splitting(self.expected):
            return None
        if not self.ctx.claim_split():
            return None
        assert self.expected is not None
        return SecondHalf(self.ctx.storage, url, self.expected, self.validator, self._interrupted)

    def _stream(self, response: StorageResponse, until: int | None = None) -> bool:
        """Body to part file read by read (up to byte `until` when given); True when it
        ended where it should.

        What arrived before a break stays in the part file for the next Range request.
        A body slower than the policy's minimum speed over its window is a stall.
        """
        ctx, policy = self.ctx, self.ctx.policy
        head = bytearray() if self.part is None or self.part.size == 0 else None
        kind = self.kind  # what the first bytes must be: a JPEG, or a clip's MP4
        window_start, window_bytes = time.monotonic(), 0
        unposted, last_post = 0, 0.0  # the first block is reported at once
        try:
            while True:
                self._raise_if_interrupted()
                want = policy.block_bytes
                if until is not None:
                    have = (self.part.size if self.part else 0) + len(head or b"")
                    if (want := min(want, until - have)) <= 0:
                        break
                try:
                    block: bytes | bytearray = response.read(want)
                except FetchError as exc:
                    log.debug("%s: %s", self.key, exc)
                    self._raise_if_interrupted()
                    silent = isinstance(exc, FetchTimeout)
                    reason = FailureReason.STALLED if silent else FailureReason.CONNECTION_LOST
                    raise Retry(reason) from None
                if not block:
                    break
                count = len(block)
                unposted += count
                window_bytes += count
                if head is not None:  # nothing written yet: is this a photo (clip) at all?
                    if head or count < kind.signature_bytes:
                        head += block  # a tiny first read: gather the signature
                        block = head
                    if len(block) < kind.signature_bytes:
                        continue
                    if not kind.has_signature(block):
                        raise BadLink(response.status)
                    if self.part is None:
                        self.part = PartFile.open(ctx.folder, self.name, resume=False, kind=kind)
                    head = None
                if self.part is None:  # pragma: no cover - opened just above
                    raise Retry(FailureReason.CORRUPT)
                with ctx.cpu_gate:
                    self.part.write(block)
                now = time.monotonic()
                if now - last_post >= _POST_EVERY_S:
                    ctx.post(ctx.progress, self.key, self.part.size, self.expected, unposted)
                    unposted, last_post = 0, now
                if now - window_start >= policy.speed_window_s:
                    if window_bytes < policy.min_speed_bps * (now - window_start):
                        raise Retry(FailureReason.STALLED)
                    window_start, window_bytes = now, 0
        finally:
            done = self.part.size if self.part else 0
            ctx.post(ctx.progress, self.key, done, self.expected, unposted)
        if head is not None:
            raise Retry(FailureReason.CORRUPT)  # too short to be a photo
        return self.expected is None or (self.part is not None and self.part.size == self.expected)

    def _interrupted(self) -> bool:
        control = self.ctx.control
        return self._abort.is_set() or control.paused or control.stopped

    def _raise_if_interrupted(self) -> None:
        if self._interrupted():
            raise Interrupted

    def _commit_sync(self) -> ItemResult:
        """Verify, fsync, move to the final name, then (only then) journal it as done."""
        part = self.part
        if part is None:  # an empty 200: nothing that could be a photo
            raise Retry(FailureReason.CORRUPT)
        try:
            sha = part.finish()
        except ValueError:
            part.restart()
            raise Retry(FailureReason.CORRUPT) from None
        for _ in range(_MAX_NAME_TRIES):
            try:
                part.place(self.name, self.ctx.folder_sync.sync)
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
        return ItemResult(
            self.key,
            self.link.image_id,
            status,
            file,
            size,
            sha,
            reason,
            detail,
            server_name=self.link.suggested_name,
        )
