"""`download --selfie ID --clips`: a selfie search's video clips, through the photo engine.

The clip job is followed first (core's `follow_clip_job`: a line on stderr for each new
state); its clips then go to the same engine as photos, checked as MP4. What keeps the
job from giving clips (the feature off, an unknown search, a failed or unfinished job)
comes back as the batch's problem, so the report, the failed list and the exit codes
are those of any other download.
"""

from __future__ import annotations

from typing import TextIO

from app import terminal_words as words
from app.core.client import NinePicClient
from app.core.downloads import BatchProblem, DownloadJob, FailureReason
from app.core.downloads.reasons import reason_for_api_error, service_detail
from app.core.errors import NinePicError
from app.core.video_jobs import ClipJobState, ClipJobUpdate, PollSchedule, follow_clip_job


async def clip_job(
    client: NinePicClient,
    event_id: int,
    job: DownloadJob,
    out: TextIO,
    *,
    schedule: PollSchedule | None = None,
) -> DownloadJob | BatchProblem:
    """The clip job of `job`'s selfie search once it is done, or why there is none."""
    plan = schedule or PollSchedule()
    last: list[ClipJobState] = []

    def say(update: ClipJobUpdate) -> None:
        if last and last[-1] is update.state:
            return
        last.append(update.state)
        line = words.CLIP_JOB[update.state.value].format(
            count=len(update.clips), status=update.status, minutes=round(plan.limit_s / 60)
        )
        print(line, file=out, flush=True)

    request_id = str(job.identifier)
    try:
        done = await follow_clip_job(client, event_id, request_id, schedule=plan, on_update=say)
    except NinePicError as exc:
        return BatchProblem(reason_for_api_error(exc), service_detail(exc), exc)
    if done.state is ClipJobState.FAILED:
        return BatchProblem(FailureReason.CLIP_JOB_FAILED)
    if done.state is ClipJobState.TIMED_OUT:
        return BatchProblem(FailureReason.CLIP_JOB_TIMED_OUT)
    return DownloadJob.for_clips(request_id, done.clips)
