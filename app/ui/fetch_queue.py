"""The thumbnail fetch queue, shared by the GUI thread (which queues) and the fetch threads
(which take): one lock, one owner of what is queued and what is in flight.

Why the fetch threads take their next image themselves: when the GUI thread handed out
each next fetch, a page's second wave waited for it to come round between paints (at
50 ms per round trip, the last fetch of a page of 32 started 100-200 ms after the first
wave had landed). Now a fetch thread that finishes one image goes straight on to the next.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import NamedTuple

SHOW, PREFETCH = 0, 1


class Claim(NamedTuple):
    """One image a fetch thread now owns: fetch it, and decode it when it is for the screen."""

    image_id: str
    url: str
    for_screen: bool


class FetchQueue:
    """Images to fetch, screen first; prefetches only once the screen is served (so they
    never compete with the page the user is looking at); each image in flight once.

    At most `takers` threads take from it at once: `open_taker` (GUI thread) claims a
    first image for a new one, `take_next` (that thread) its following ones, until
    nothing it may take is left and its place is given back."""

    def __init__(self, takers: int) -> None:
        self.takers = max(1, takers)
        self._lock = threading.Lock()
        self._queued: dict[str, tuple[int, str]] = {}
        self._in_flight: set[str] = set()
        self._active_takers = 0
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

    def open_taker(self) -> Claim | None:
        """A first image for one more fetch thread, if a place is free and one may go."""
        with self._lock:
            if self._active_takers >= self.takers:
                return None
            claim = self._claim()
            if claim is not None:
                self._active_takers += 1
            return claim

    def take_next(self) -> Claim | None:
        """The next image for a fetch thread that holds a place; None gives it back."""
        with self._lock:
            claim = self._claim()
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
