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

import logging
from collections.abc import Callable
from typing import TypeVar

from app.core.downloads.events import BatchProblem, ItemResult, ItemRetrying, ItemStatus
from app.core.downloads.filenames import PART_SUFFIX
from app.core.downloads.links import LinkUnavailable
from app.core.downloads.reasons import (
    FailureReason,
    reason_for_api_error,
    reason_for_os_error,
    service_detail,
)
from app.core.downloads.transfer_context import TransferContext, TransferPolicy
from app.core.downloads.transfer_steps import (
    BadLink,
    Interrupted,
    Retry,
    StartOver,
    TransferSteps,
)
from app.core.downloads.writer import unlink_if_file
from app.core.errors import InsecureUrl, NinePicError
from app.core.retry import HostGate
from app.core.urls import require_secure_url

__all__ = ["Transfer", "TransferContext", "TransferPolicy"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_KEEP_PART = frozenset(
    {FailureReason.SERVER_BUSY, FailureReason.SERVER_ERROR, FailureReason.CONNECTION_LOST}
)


class Transfer(TransferSteps):
    """One photo; `await Transfer(ctx, link).run()` never raises for the photo's own
    trouble. When the whole batch must stop (disk, API refused) `problem` is set."""

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
            self.problem = BatchProblem(reason, detail)
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
                except Retry as retry:
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
                except StartOver:
                    idle_failures += 1
                    if idle_failures >= policy.max_attempts:
                        return await self._fail(FailureReason.CORRUPT)
                except BadLink as bad:
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
                        self.problem = BatchProblem(reason, service_detail(exc), exc)
                        return await self._stopped(reason)
                    fresh = True
                    gate = self.ctx.gates.for_url(self.link.url)
            except Interrupted:
                if self.ctx.control.stop_reason is not None:
                    return await self._stopped(self.ctx.control.stop_reason)

    async def _checkpoint(self) -> None:
        control = self.ctx.control
        if control.paused and not control.stopped:
            await control.wait_running()
        if control.stopped:
            raise Interrupted

    async def _back_off(self, attempt: int, retry: Retry, gate: HostGate) -> None:
        policy = self.ctx.policy
        if retry.retry_after is not None:
            delay = min(retry.retry_after, policy.max_retry_after_s)
        else:
            delay = policy.backoff.backoff(attempt, self.ctx.rand())
        self.ctx.emit(ItemRetrying(self.key, attempt, retry.reason, delay))
        if retry.shared:
            gate.hold(delay)  # the others wait on the gate before their next request
        await self.ctx.sleep(delay)

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
                await self.ctx.run(unlink_if_file, target)
            except OSError as exc:
                log.debug("part file not cleaned up: %s", exc.strerror)
