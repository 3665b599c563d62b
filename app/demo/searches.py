"""Stored selfie searches and video clip jobs, keyed by request_id.

A request_id names one search: the first POST does the matching and stores the result,
every later POST/GET/download with that id reads the stored result. Ready searches from the
catalog are stored at start-up so a user can paste their ids straight away.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from app.demo.catalog import DemoCatalog
from app.demo.decisions import VIDEO_COMPLETED_S, VIDEO_QUEUED_S

VideoStatus = Literal["queued", "processing", "completed", "failed"]

_CAMERAS = ("start-gantry-cam.mp4", "km21-bridge-cam.mp4", "finish-line-cam.mp4")


@dataclass(frozen=True)
class FaceSearch:
    request_id: str
    event_id: int
    bib: str | None
    image_ids: tuple[str, ...]
    confidence_percentage: float | None


@dataclass(frozen=True)
class Clip:
    index: int
    duration_s: float
    source_video: str


@dataclass(frozen=True)
class VideoJob:
    request_id: str
    event_id: int
    bib: str | None
    started: float
    fails: bool = False
    """Set when the job was started under ``video_fail_rate``: it ends ``failed``."""

    def status(self, now: float) -> VideoStatus:
        elapsed = now - self.started
        if elapsed < VIDEO_QUEUED_S:
            return "queued"
        if elapsed < VIDEO_COMPLETED_S:
            return "processing"
        return "failed" if self.fails else "completed"

    def clips(self) -> list[Clip]:
        """One clip per camera that saw the runner (1-3, fixed per BIB); none if no match."""
        if self.bib is None:
            return []
        digest = hashlib.sha256(f"{self.event_id}:{self.bib}".encode()).digest()
        count = 1 + digest[0] % 3
        return [
            Clip(i + 1, round(6.0 + digest[i + 1] / 32, 1), _CAMERAS[(digest[4] + i) % 3])
            for i in range(count)
        ]


class SearchStore:
    """Thread-safe; insertion is first-writer-wins so concurrent retries share one result."""

    def __init__(self, catalog: DemoCatalog, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._faces: dict[str, FaceSearch] = {}
        self._videos: dict[str, VideoJob] = {}
        self.clock = clock
        for ready in catalog.ready_searches:
            event = catalog.events[ready.event_id]
            ids = tuple(p.image_id for p in catalog.photos_for_bib(ready.event_id, ready.bib))
            self._faces[ready.request_id] = FaceSearch(
                ready.request_id, ready.event_id, ready.bib, ids, event.confidence_percentage
            )

    def face(self, request_id: str) -> FaceSearch | None:
        with self._lock:
            return self._faces.get(request_id)

    def put_face(self, search: FaceSearch) -> FaceSearch:
        """Store ``search`` unless its id is taken; return whichever is stored."""
        with self._lock:
            return self._faces.setdefault(search.request_id, search)

    def video(self, request_id: str) -> VideoJob | None:
        with self._lock:
            return self._videos.get(request_id)

    def start_video(self, search: FaceSearch, *, fails: bool = False) -> VideoJob:
        """The clip job for a face search, created on first use (``fails`` counts then)."""
        with self._lock:
            job = self._videos.get(search.request_id)
            if job is None:
                job = VideoJob(search.request_id, search.event_id, search.bib, self.clock(), fails)
                self._videos[search.request_id] = job
            return job
