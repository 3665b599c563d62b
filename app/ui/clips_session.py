"""`ClipsSession`: the video clips of the selfie search on screen (no widgets).

It is the one owner of the clip state: whether the event offers clips, which selfie
search they are for, and the last look at its clip job. The job itself is followed by
core's `follow_clip_job` on the loop through the `TaskRunner` (a new search cancels it);
"check again" follows the same job once more, since starting it is idempotent.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.core.client import NinePicClient
from app.core.downloads import DownloadJob
from app.core.errors import NinePicError
from app.core.models import EventDetails, VideoClip
from app.core.retry import Sleep
from app.core.urls import redact_text
from app.core.video_jobs import ClipJobState, ClipJobUpdate, PollSchedule, follow_clip_job
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec

_CLIPS = "video-clips"


class ClipsSession(QObject):
    """Clips for one selfie search at a time.

    Signals:
        changed(): the offer, the search or the job's state changed; read the properties
            (`error` holds a `NinePicError` met while starting or polling the job).
    """

    changed = Signal()

    def __init__(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        schedule: PollSchedule | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self.schedule = schedule or PollSchedule()
        self.sleep = sleep
        self.clock = clock
        """How the follow waits and tells time (tests move time on without waiting)."""
        self.details: EventDetails | None = None
        self.search: SearchSpec | None = None
        """The selfie search the clips are for; None while no selfie search is shown."""
        self.update: ClipJobUpdate | None = None
        """The last look at the job; None before "Find my video clips"."""
        self.error: NinePicError | None = None
        self.working = False

    # ------------------------------------------------------------ state

    @property
    def offered(self) -> bool:
        """The event switches both video flags on (spec section 7)."""
        return self.details is not None and self.details.video_clipping

    @property
    def clips(self) -> tuple[VideoClip, ...]:
        update = self.update
        return update.clips if update is not None and update.state is ClipJobState.DONE else ()

    def download_job(self) -> DownloadJob | None:
        """The clips of the finished job, for the download engine."""
        if self.search is None or not self.clips:
            return None
        return DownloadJob.for_clips(self.search.identifier, self.clips)

    # ------------------------------------------------------------ inputs

    def set_event(self, details: EventDetails | None) -> None:
        self.details = details
        self._reset(None)

    def set_search(self, spec: SearchSpec | None) -> None:
        """The search on screen; only a selfie search (by id or by photo) has clips."""
        selfie = spec if spec is not None and spec.mode is SearchMode.SELFIE else None
        if selfie != self.search:
            self._reset(selfie)

    def find(self) -> None:
        """Start (or rejoin) the clip job of the selfie search and follow it to its end."""
        spec = self.search
        if spec is None or not self.offered or self.working or self.runner.closed:
            return
        self.working, self.error = True, None
        self.changed.emit()
        self.runner.start(self._follow(spec), key=_CLIPS)

    # ------------------------------------------------------------ the job

    async def _follow(self, spec: SearchSpec) -> None:
        def seen(update: ClipJobUpdate) -> None:
            if spec == self.search:
                self.update = self._redacted(update)
                self.changed.emit()

        try:
            await follow_clip_job(
                self.client,
                spec.event_id,
                spec.identifier,
                schedule=self.schedule,
                on_update=seen,
                sleep=self.sleep,
                clock=self.clock,
            )
        except NinePicError as error:
            if spec == self.search:
                self.error = error
        finally:
            if spec == self.search:
                self.working = False
                self.changed.emit()

    def _redacted(self, update: ClipJobUpdate) -> ClipJobUpdate:
        """Names from the service, shown on screen, never show the key."""
        secrets = self.client.secrets
        clips = tuple(
            clip.model_copy(update={"source_video": redact_text(clip.source_video, secrets)})
            if clip.source_video
            else clip
            for clip in update.clips
        )
        return dataclasses.replace(update, clips=clips)

    def _reset(self, spec: SearchSpec | None) -> None:
        self.runner.cancel(_CLIPS)
        self.search, self.update, self.error, self.working = spec, None, None, False
        self.changed.emit()
