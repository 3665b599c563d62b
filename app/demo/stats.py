"""Thread-safe counters of what the stand-in was asked, so tests can check the client's
behaviour (one face match per request_id, no re-downloads, Range resumes, retries)."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class StorageHit:
    """One request to a presigned original URL (GET or HEAD)."""

    image_id: str
    method: str
    range: str | None
    status: int
    truncated: bool


class DemoStats:
    """Counters keyed by API route name (``ping``, ``events``, ``details``, ``images``,
    ``bibs``, ``faces_post``, ``faces_get``, ``timeline_days``, ``timeline_images``,
    ``video_post``, ``video_get``, ``original_photos``) and by image_id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._api: Counter[str] = Counter()
        self._api_status: Counter[tuple[str, int]] = Counter()
        self._storage: list[StorageHit] = []
        self._thumbnails: Counter[str] = Counter()
        self._large: Counter[str] = Counter()
        self._face_matches = 0

    # --- recording (server side) ----------------------------------------------------------

    def record_api(self, route: str) -> None:
        with self._lock:
            self._api[route] += 1

    def record_api_status(self, route: str, status: int) -> None:
        with self._lock:
            self._api_status[(route, status)] += 1

    def record_storage(self, hit: StorageHit) -> None:
        with self._lock:
            self._storage.append(hit)

    def record_thumbnail(self, image_id: str) -> None:
        with self._lock:
            self._thumbnails[image_id] += 1

    def record_large(self, image_id: str) -> None:
        with self._lock:
            self._large[image_id] += 1

    def record_face_match(self) -> None:
        with self._lock:
            self._face_matches += 1

    # --- reading (tests) -----------------------------------------------------------------------

    @property
    def api_calls(self) -> dict[str, int]:
        """Requests per route, every outcome included (errors and injected faults too)."""
        with self._lock:
            return dict(self._api)

    def api_statuses(self, route: str) -> dict[int, int]:
        """Responses per status code for one route."""
        with self._lock:
            return {s: n for (r, s), n in self._api_status.items() if r == route}

    @property
    def storage_hits(self) -> list[StorageHit]:
        with self._lock:
            return list(self._storage)

    @property
    def storage_gets(self) -> dict[str, int]:
        """GET requests per image_id to presigned originals (whatever the outcome)."""
        with self._lock:
            return dict(Counter(h.image_id for h in self._storage if h.method == "GET"))

    @property
    def storage_range_gets(self) -> dict[str, int]:
        """The subset of ``storage_gets`` that carried a Range header."""
        with self._lock:
            return dict(Counter(h.image_id for h in self._storage if h.method == "GET" and h.range))

    @property
    def thumbnail_gets(self) -> dict[str, int]:
        with self._lock:
            return dict(self._thumbnails)

    @property
    def large_gets(self) -> dict[str, int]:
        with self._lock:
            return dict(self._large)

    @property
    def face_matches(self) -> int:
        """How many times selfie matching actually ran (stored results don't count)."""
        with self._lock:
            return self._face_matches

    def reset(self) -> None:
        with self._lock:
            self._api.clear()
            self._api_status.clear()
            self._storage.clear()
            self._thumbnails.clear()
            self._large.clear()
            self._face_matches = 0
