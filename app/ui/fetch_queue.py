"""The thumbnail fetch queue, shared by the GUI thread (which queues) and the fetch threads
(which take): one lock, one owner of what is queued and what is in flight.

Why the fetch threads take their next image themselves: when the GUI thread handed out
each next fetch, a page's second wave waited for it to come round between paints (at
50 ms per round trip, the last fetch of a page of 32 started 100-200 ms after the first
wave had landed). Now a fetch thread that finishes one image goes straight on to the next.

How many take at once follows the host's round trip (`in_flight_for`): on a far host
(tens of ms) all of them, so a page arrives in two round trips; on a near one (the
embedded demo, a LAN) a fetch is over in a millisecond, the CPU is the bottleneck and
more threads only fight the GUI thread for it. Measured at 0 ms per round trip (a page
of 32, medians of 5-7 rounds, four runs): two at a time beat one in every run (62 vs
73, 78 vs 86, 76 vs 89, 99 vs 116 ms); sixteen did not (80 vs 73, 82 vs 86 ms).
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable, Iterable
from typing import NamedTuple

SHOW, PREFETCH = 0, 1
FETCH_PACE_S = 0.001
"""About how often the rest of the pipeline (decode, card, pixmap, paint) can take one
more thumbnail: fetches in flight beyond one per `FETCH_PACE_S` of round trip only wait.
Measured per page of 32: at 5 ms per round trip 4 or 8 at once were the quickest
(16 was slower), at 10 ms 16."""
FEWEST_TAKERS = 2
"""Even on loopback one fetch overlaps the previous one's decode (2 beat 1)."""
RECENT_FETCHES = 16
"""The quickest of this many recent fetches stands for the round trip: queueing behind
the CPU or the GIL only ever makes a fetch slower than the network does."""


def in_flight_for(round_trip_s: float | None, most: int) -> int:
    """Fetches worth having in flight at once for a host answering in `round_trip_s`
    (None: not known yet, so as many as allowed, as for a far host)."""
    if round_trip_s is None:
        return most
    wanted = math.ceil(round_trip_s / FETCH_PACE_S)
    return max(min(FEWEST_TAKERS, most), min(most, wanted))


class Claim(NamedTuple):
    """One image a fetch thread now owns: fetch it, and decode it when it is for the screen."""

    image_id: str
    url: str
    for_screen: bool


class FetchQueue:
    """Images to fetch, screen first; prefetches only once the screen is served (so they
    never compete with the page the user is looking at); each image in flight once.

    At most `takers` threads take from it at once, fewer on a near host (`in_flight_for`
    the quickest recent fetch): `open_taker` (GUI thread) claims a first image for a new
    one, `take_next` (that thread) its following ones, until nothing it may take is left
    or there are more takers than the host needs, and its place is given back."""

    def __init__(self, takers: int) -> None:
        self.takers = max(1, takers)
        self._lock = threading.Lock()
        self._queued: dict[str, tuple[int, str]] = {}
        self._in_flight: set[str] = set()
        self._active_takers = 0
        self._recent: deque[float] = deque(maxlen=RECENT_FETCHES)
        """Seconds the last successful fetches took, request to whole body."""
        self._probing = False
        """While the round trip is not known: only `FEWEST_TAKERS` take (`start_probe`)."""
        self._probed = False
        self._screen_waiting = False
        self.started = 0
        """How many fetches were handed out (tests prove "never duplicated")."""

    def queue_screen(self, items: Iterable[tuple[str, str]], wanted: set[str]) -> None:
        """These images are on screen now (ahead of all else); queued ones not `wanted`
        any more stay, behind them, as prefetches."""
        with self._lock:
            for image_id, (_priority, url) in list(self._queued.items()):
                if image_id not in wanted:
                    self._queued[image_id] = (PREFETCH, url)
            for image_id, url in items:
                if image_id not in self._in_flight:
                    self._queued[image_id] = (SHOW, url)

    def queue_prefetch(
        self, items: Iterable[tuple[str, str]], known: Callable[[str], bool]
    ) -> None:
        """Fetch these when the screen is served, unless `known` (cached) or already here."""
        with self._lock:
            for image_id, url in items:
                if image_id in self._in_flight or image_id in self._queued or known(image_id):
                    continue
                self._queued[image_id] = (PREFETCH, url)

    def clear(self) -> None:
        """Drop everything queued (what is in flight lands as usual)."""
        with self._lock:
            self._queued.clear()

    def set_screen_waiting(self, waiting: bool) -> None:
        """Some thumbnail on screen is not delivered yet: prefetches wait."""
        with self._lock:
            self._screen_waiting = waiting

    @property
    def round_trip(self) -> float | None:
        """Seconds of the quickest recent fetch (None before the first)."""
        with self._lock:
            return self._round_trip()

    def _round_trip(self) -> float | None:
        return min(self._recent) if self._recent else None

    @property
    def takers_now(self) -> int:
        """How many threads take at once for the host's round trip known now."""
        with self._lock:
            return self._limit()

    def start_probe(self) -> bool:
        """Once, while the round trip is unknown: until `end_probe`, only the first few
        take, so a near host shows itself before the rest of a page's fetches crowd the
        CPU. True when this call started it (the caller ends it)."""
        with self._lock:
            if self._probed or self._recent:
                return False
            self._probed = self._probing = True
            return True

    def end_probe(self) -> None:
        with self._lock:
            self._probing = False

    def _limit(self) -> int:
        round_trip = self._round_trip()
        if round_trip is None and self._probing:
            return min(FEWEST_TAKERS, self.takers)
        return in_flight_for(round_trip, self.takers)

    def open_taker(self) -> Claim | None:
        """A first image for one more fetch thread, if a place is free and one may go."""
        with self._lock:
            if self._active_takers >= self._limit():
                return None
            claim = self._claim()
            if claim is not None:
                self._active_takers += 1
            return claim

    def take_next(self, fetched_in: float | None = None) -> Claim | None:
        """The next image for a fetch thread that holds a place; None gives it back.
        `fetched_in`: seconds its last fetch took, when it succeeded."""
        with self._lock:
            if fetched_in is not None:
                self._recent.append(fetched_in)
            over = self._active_takers > self._limit()  # a near host: fewer are quicker
            claim = None if over else self._claim()
            if claim is None:
                self._active_takers -= 1
            return claim

    def landed(self, image_id: str) -> None:
        """A fetch ended (its result is being handled): it may be asked for again."""
        with self._lock:
            self._in_flight.discard(image_id)

    def _claim(self) -> Claim | None:
        if not self._queued:
            return None
        image_id = min(self._queued, key=lambda k: self._queued[k][0])  # stable: FIFO ties
        priority, url = self._queued[image_id]
        if priority == PREFETCH and self._screen_waiting:
            return None
        del self._queued[image_id]
        self._in_flight.add(image_id)
        self.started += 1
        return Claim(image_id, url, priority == SHOW)
