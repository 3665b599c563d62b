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

Each name loads its module on first use (PEP 562), so that `--help`, the settings
and the window can import a light submodule (`filenames`, `events`) without the engine.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.downloads.engine import DownloadEngine, DownloadOptions
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
    from app.core.downloads.limits import DEFAULT_PARALLEL, MAX_PARALLEL
    from app.core.downloads.links import DownloadJob
    from app.core.downloads.reasons import FailureReason
    from app.core.downloads.transfer import TransferPolicy

_HOMES = {
    "DEFAULT_PARALLEL": "app.core.downloads.limits",
    "DownloadEngine": "app.core.downloads.engine",
    "DownloadOptions": "app.core.downloads.engine",
    "MAX_PARALLEL": "app.core.downloads.limits",
    "BatchFinished": "app.core.downloads.events",
    "BatchProblem": "app.core.downloads.events",
    "BatchProgress": "app.core.downloads.events",
    "BatchStopped": "app.core.downloads.events",
    "BatchWaiting": "app.core.downloads.events",
    "DownloadEvent": "app.core.downloads.events",
    "DownloadSummary": "app.core.downloads.events",
    "ItemFinished": "app.core.downloads.events",
    "ItemProgress": "app.core.downloads.events",
    "ItemQueued": "app.core.downloads.events",
    "ItemResult": "app.core.downloads.events",
    "ItemRetrying": "app.core.downloads.events",
    "ItemStarted": "app.core.downloads.events",
    "ItemStatus": "app.core.downloads.events",
    "Listener": "app.core.downloads.events",
    "ProgressSnapshot": "app.core.downloads.events",
    "sanitise_filename": "app.core.downloads.filenames",
    "DownloadHistory": "app.core.downloads.history",
    "JOURNAL_NAME": "app.core.downloads.journal",
    "DownloadJob": "app.core.downloads.links",
    "FailureReason": "app.core.downloads.reasons",
    "TransferPolicy": "app.core.downloads.transfer",
}
"""Where each public name lives."""

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


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # the next lookup is a plain global
    return value
