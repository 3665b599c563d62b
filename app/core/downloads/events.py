"""What the engine tells its listener: per-photo events, batch progress and the summary.

Events carry codes and data, no words (each front end words them).
Events are small frozen dataclasses delivered on the event-loop thread, one callable
for all of them, so a GUI can forward each to a Qt signal as is (`Signal(object)`)
and a terminal can print them. Progress events are rate-limited by the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.core.downloads.reasons import FailureReason
from app.core.errors import NinePicError


class ItemStatus(StrEnum):
    DOWNLOADED = "downloaded"
    ALREADY_THERE = "already_there"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ItemResult:
    """The end of one photo's journey. `file` is relative to the download folder."""

    key: str
    image_id: str | None
    status: ItemStatus
    file: str = ""
    size: int | None = None
    sha256: str = ""
    reason: FailureReason | None = None
    detail: str = ""
    server_name: str = ""
    """The service's suggested `filename` (redacted), kept for the report."""

    @property
    def ok(self) -> bool:
        return self.status in (ItemStatus.DOWNLOADED, ItemStatus.ALREADY_THERE)


@dataclass(frozen=True)
class BatchProblem:
    """Why the whole batch stopped early: folder trouble, or the API refused / vanished.

    `detail` is the system's or the service's own text; `error` the API error, if any.
    """

    reason: FailureReason
    detail: str = ""
    error: NinePicError | None = None


@dataclass(frozen=True)
class ProgressSnapshot:
    """Overall progress. Byte totals are estimates until every size is known."""

    items_total: int | None = None
    items_finished: int = 0
    downloaded: int = 0
    already_there: int = 0
    failed: int = 0
    bytes_done: int = 0
    bytes_total: int | None = None
    speed_bps: float = 0.0
    eta_s: float | None = None
    elapsed_s: float = 0.0
    paused: bool = False


@dataclass(frozen=True)
class DownloadSummary:
    """Everything a caller needs once the batch has ended."""

    folder: Path
    results: tuple[ItemResult, ...]
    problem: BatchProblem | None = None
    cancelled: bool = False
    elapsed_s: float = 0.0
    bytes_received: int = 0

    def _with(self, status: ItemStatus) -> list[ItemResult]:
        return [r for r in self.results if r.status is status]

    @property
    def downloaded(self) -> list[ItemResult]:
        return self._with(ItemStatus.DOWNLOADED)

    @property
    def already_there(self) -> list[ItemResult]:
        return self._with(ItemStatus.ALREADY_THERE)

    @property
    def failed(self) -> list[ItemResult]:
        """Failed and cancelled photos: what "Retry failed" would ask for again."""
        return [r for r in self.results if not r.ok]

    @property
    def complete(self) -> bool:
        """Everything asked for is on disk (or nothing matched)."""
        return self.problem is None and not self.cancelled and not self.failed


@dataclass(frozen=True)
class ItemQueued:
    key: str
    image_id: str | None
    suggested_name: str


@dataclass(frozen=True)
class ItemStarted:
    key: str
    image_id: str | None
    file: str
    total_bytes: int | None
    resumed_from: int


@dataclass(frozen=True)
class ItemProgress:
    key: str
    done: int
    total: int | None


@dataclass(frozen=True)
class ItemRetrying:
    key: str
    attempt: int
    reason: FailureReason
    delay_s: float


@dataclass(frozen=True)
class ItemFinished:
    result: ItemResult


@dataclass(frozen=True)
class BatchProgress:
    snapshot: ProgressSnapshot


@dataclass(frozen=True)
class BatchStopped:
    problem: BatchProblem


@dataclass(frozen=True)
class BatchWaiting:
    """The batch waits for another download to let go of the folder (`reason` says so)."""

    reason: FailureReason = FailureReason.FOLDER_BUSY


@dataclass(frozen=True)
class BatchFinished:
    summary: DownloadSummary


DownloadEvent = (
    ItemQueued
    | ItemStarted
    | ItemProgress
    | ItemRetrying
    | ItemFinished
    | BatchProgress
    | BatchStopped
    | BatchWaiting
    | BatchFinished
)
Listener = Callable[[DownloadEvent], None]
