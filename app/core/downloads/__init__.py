"""The download engine: originals from presigned links to verified files on disk.

Public surface for the window and the headless command; see `engine.DownloadEngine`.
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
    "DownloadEngine",
    "DownloadEvent",
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
