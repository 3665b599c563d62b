"""One download batch as asked for: its event, what it fetches in words, and its work.

The window asks in its own terms (these selected photos, everything a search found, a
selfie search's clips, the failed photos again); a `BatchOrder` turns each into what
the download controller runs, and it waits as it is while the first download asks
where to save.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from app.core.downloads import DownloadJob, DownloadSummary
from app.ui.download_words import (
    bib_what,
    clips_what,
    listed_what,
    retry_what,
    selected_what,
    selfie_what,
)
from app.ui.search import SearchMode, SearchSpec
from app.ui.wording import file_label

TYPE_CHECKING = False
if TYPE_CHECKING:  # the engine loads with the first batch, not with the window
    from app.core.downloads import DownloadEngine

Work = Callable[["DownloadEngine"], Awaitable[DownloadSummary]]
"""What a batch runs on its engine (`run(job)` or `retry_failed(ids)`)."""


@dataclass(frozen=True)
class BatchOrder:
    """`what`: the batch in a few words ("BIB 1042", "3 selected photos")."""

    event_id: int
    what: str
    work: Work

    @classmethod
    def for_ids(cls, event_id: int, image_ids: list[str], label: str) -> BatchOrder:
        """Photos picked by id; `label`: the search they came from (`{bib}` in names)."""
        what = selected_what(len(dict.fromkeys(image_ids)))
        job = DownloadJob.for_ids(image_ids, label)
        return cls(event_id, what, lambda engine: engine.run(job))

    @classmethod
    def for_search(cls, spec: SearchSpec, image_ids: list[str] | None) -> BatchOrder | None:
        """Everything `spec` found; a time window or the gallery passes its listed ids
        (None when it listed none)."""
        if spec.lists_photos:
            if not image_ids:
                return None
            job = DownloadJob.for_ids(image_ids, file_label(spec))
            what = listed_what(spec, len(job.image_ids or ()))
        elif spec.mode is SearchMode.BIB:
            job = DownloadJob.for_bib(spec.identifier)
            what = bib_what(spec.identifier)
        else:
            job = DownloadJob.for_selfie(spec.identifier)
            what = selfie_what()
        return cls(spec.event_id, what, lambda engine: engine.run(job))

    @classmethod
    def for_clips(cls, event_id: int, job: DownloadJob) -> BatchOrder:
        """The video clips of a selfie search (`DownloadJob.for_clips`), saved as .mp4."""
        return cls(event_id, clips_what(len(job.clips)), lambda engine: engine.run(job))

    @classmethod
    def for_retry(cls, event_id: int, image_ids: list[str]) -> BatchOrder:
        """Fresh links for just these failed photos."""
        what = retry_what(len(image_ids))
        return cls(event_id, what, lambda engine: engine.retry_failed(image_ids))
