"""Following a video clipping job (spec 10.10-10.11) from start to its clips, bounded.

The job runs on the service's side; all we can do is poll it. The status words are not
documented, so they are sorted here once: `queued`-like words, `completed`-like words,
`failed` / `error` as final failures, and anything else as "still working" until the
time limit. Polls start 2 s apart and grow to 10 s (a job takes from seconds to
minutes); after 10 minutes the follow ends as `TIMED_OUT`, and following again (the
start is idempotent: the same request_id lands on the same job) picks the job up.

Both the window and the headless `download --clips` use `follow_clip_job`; the sleep
and the clock are parameters, so tests move time on without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from app.core.client import NinePicClient
from app.core.models import VideoClip, VideoClippingJob
from app.core.retry import Sleep

_QUEUED = frozenset({"queued", "pending", "waiting", "accepted", "created", "scheduled"})
_DONE = frozenset({"completed", "complete", "done", "finished", "success", "succeeded", "ready"})
_FAILED = frozenset({"failed", "error"})


class ClipJobState(Enum):
    """Where a clip job stands, as far as the client can tell."""

    QUEUED = "queued"
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"
    TIMED_OUT = "timed_out"
    """Still not finished when our time limit came: not a verdict, check again later."""

    @property
    def final(self) -> bool:
        return self in (ClipJobState.DONE, ClipJobState.FAILED, ClipJobState.TIMED_OUT)


def state_of(status: str) -> ClipJobState:
    """The state an undocumented status word stands for; unknown words mean "working"."""
    word = status.strip().lower().replace(" ", "_")
    if word in _DONE:
        return ClipJobState.DONE
    if word in _FAILED:
        return ClipJobState.FAILED
    if word in _QUEUED:
        return ClipJobState.QUEUED
    return ClipJobState.PROCESSING


@dataclass(frozen=True)
class PollSchedule:
    """How often to ask and for how long: `first_s`, growing by `growth` up to `max_s`,
    until `limit_s` have passed since the start."""

    first_s: float = 2.0
    growth: float = 1.5
    max_s: float = 10.0
    limit_s: float = 600.0

    def delay(self, polls: int) -> float:
        """The wait before poll number `polls + 1` (`polls` already made)."""
        return min(self.max_s, self.first_s * self.growth**polls)


@dataclass(frozen=True)
class ClipJobUpdate:
    """One look at the job: its state, the service's own status word, and (when done)
    the clips, with how long we have been following it."""

    request_id: str
    state: ClipJobState
    status: str
    clips: tuple[VideoClip, ...] = ()
    elapsed_s: float = 0.0


async def follow_clip_job(
    client: NinePicClient,
    event_id: int,
    request_id: str,
    *,
    schedule: PollSchedule | None = None,
    on_update: Callable[[ClipJobUpdate], None] | None = None,
    sleep: Sleep = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ClipJobUpdate:
    """Start (or rejoin) the clip job of a finished face search and poll it to a final
    state: `DONE` with its clips, `FAILED`, or `TIMED_OUT` after `schedule.limit_s`.

    `on_update` hears every look, the last one included. API errors (the feature off,
    an unknown request_id, the service unreachable after retries) propagate.
    """
    plan = schedule or PollSchedule()
    started = clock()

    def look(job: VideoClippingJob) -> ClipJobUpdate:
        state = state_of(job.status)
        update = ClipJobUpdate(
            job.request_id or request_id,
            state,
            job.status,
            tuple(job.clips) if state is ClipJobState.DONE else (),
            clock() - started,
        )
        if on_update is not None:
            on_update(update)
        return update

    update = look(await client.start_video_clipping(event_id, request_id=request_id))
    polls = 0
    if update.state is ClipJobState.DONE and not update.clips:
        # A start answer that says "done" may carry no clip list: ask for it now.
        update = look(await client.video_clipping(event_id, update.request_id))
    while not update.state.final:
        wait = plan.delay(polls)
        if update.elapsed_s + wait > plan.limit_s:
            timed_out = ClipJobUpdate(
                update.request_id, ClipJobState.TIMED_OUT, update.status, (), update.elapsed_s
            )
            if on_update is not None:
                on_update(timed_out)
            return timed_out
        await sleep(wait)
        polls += 1
        update = look(await client.video_clipping(event_id, update.request_id))
    return update
