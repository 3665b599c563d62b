"""Fault knobs: latency, throttling, server errors and cut-short downloads, on demand.

Tests and benchmarks need the failures a real service shows now and then, at a rate they
choose. One injector holds the knobs (changeable while the server runs) and rolls the dice
under a lock, so the server's threads can share it.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, replace
from typing import Literal

from app.demo.config import FaultKnobs

FaultKind = Literal["throttle", "error"]


@dataclass(frozen=True)
class ApiFault:
    """What to do to one API call: 429 (with Retry-After) or a 5xx status."""

    status: int
    message: str
    before_handler: bool
    """False for 500: the work is done, then the answer is lost (so idempotent retries of a
    POST can be observed); 502/503 refuse before anything happens."""


_ERRORS = (
    (500, "Internal server error", False),
    (502, "Bad gateway", True),
    (503, "Service temporarily unavailable", True),
)


class FaultInjector:
    def __init__(self, knobs: FaultKnobs, seed: int) -> None:
        self._knobs = knobs
        self._rng = random.Random(seed ^ 0x5EED)
        self._lock = threading.Lock()

    @property
    def knobs(self) -> FaultKnobs:
        with self._lock:
            return self._knobs

    def update(self, **changes: float | int) -> None:
        """Change some knobs at runtime (unknown names raise TypeError)."""
        with self._lock:
            self._knobs = replace(self._knobs, **changes)  # type: ignore[arg-type]

    def _roll(self, probability: float) -> bool:
        return probability > 0 and self._rng.random() < probability

    def api_fault(self) -> ApiFault | None:
        """Decide the fate of one API call: throttled, failed, or left alone."""
        with self._lock:
            knobs = self._knobs
            if self._roll(knobs.throttle):
                return ApiFault(429, "Too many requests; slow down", before_handler=True)
            if self._roll(knobs.fault_rate):
                status, message, before = self._rng.choice(_ERRORS)
                return ApiFault(status, message, before_handler=before)
            return None

    def video_fails(self) -> bool:
        """Whether a clip job started now ends ``failed`` (``video_fail_rate``)."""
        with self._lock:
            return self._roll(self._knobs.video_fail_rate)

    def truncation_point(self, length: int) -> int | None:
        """Where to cut a storage body of ``length`` bytes, or None to send it whole."""
        with self._lock:
            if length < 2 or not self._roll(self._knobs.truncate_rate):
                return None
            return self._rng.randint(max(1, length // 10), max(1, length * 9 // 10))
