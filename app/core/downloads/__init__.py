"""The download engine: originals from presigned links to verified files on disk.

For the window (and the headless command)::

    engine = DownloadEngine(client, event_id, folder,
                            options=DownloadOptions(parallel=4), listener=on_event)
    summary = await engine.run(DownloadJob.for_ids(ids))   # or for_bib / for_selfie
    engine.pause(); engine.resume(); engine.cancel()       # from the loop thread
    await engine.retry_failed()                            # or retry_failed(ids)
    await engine.failed_items()                            # the journal's failed list

`on_event` gets every `DownloadEvent` on the event-loop thread (forward it to a Qt
signal as is): `ItemQueued`, `ItemStarted`, `ItemProgress`, `ItemRetrying`,
`ItemFinished(result)`, `BatchProgress(snapshot)` with bytes / total / speed / ETA,
`BatchStopped(problem)` and, last, `BatchFinished(summary)`. Network reads, hashing and
every disk operation run on the engine's worker threads, never on the loop thread.
"""

from app.core.downloads.engine import (
    DEFAULT_PARALLEL,
    MAX_PARALLEL,
    DownloadEngine,
    DownloadOptions,
)
from app.core.downloads.events import (
    BatchFinished,
    BatchProblem,
    BatchProgress,
    BatchStopped,
    BatchWaiting,
    DownloadEvent,
    DownloadSummary,
    ItemFinished,
    ItemProgress,
    ItemQueued,
    ItemResult,
    ItemRetrying,
    ItemStarted,
    ItemStatus,
    Listener,
    ProgressSnapshot,
)
from app.core.downloads.filenames import sanitise_filename
from app.core.downloads.history import DownloadHistory
from app.core.downloads.journal import JOURNAL_NAME
from app.core.downloads.links import DownloadJob
from app.core.downloads.reasons import FailureReason
from app.core.downloads.transfer import TransferPolicy

__all__ = [
    "DEFAULT_PARALLEL",
    "JOURNAL_NAME",
    "MAX_PARALLEL",
    "BatchFinished",
    "BatchProblem",
    "BatchProgress",
    "BatchStopped",
    "BatchWaiting",
    "DownloadEngine",
    "DownloadEvent",
    "DownloadHistory",
    "DownloadJob",
    "DownloadOptions",
    "DownloadSummary",
    "FailureReason",
    "ItemFinished",
    "ItemProgress",
    "ItemQueued",
    "ItemResult",
    "ItemRetrying",
    "ItemStarted",
    "ItemStatus",
    "Listener",
    "ProgressSnapshot",
    "TransferPolicy",
    "sanitise_filename",
]
