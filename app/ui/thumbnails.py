"""Thumbnail loading: each fetched once, a bounded number at a time, off the GUI thread.

Photos on screen come first, the next page's thumbnails are prefetched behind them.
A fetch thread that brings a thumbnail on screen decodes it too (QImage is not tied to
the GUI thread), and with a `Finisher` does the view's own work on it as well (the grid
composes the tile's card there), so the GUI thread only turns finished images into
pixmaps: one hop back per thumbnail. A fetch thread then takes its next image from the
`FetchQueue` itself, without waiting for the GUI thread; at most `DECODE_SLOTS` decode
at once. Fetched JPEG bytes stay in an LRU cache bounded in bytes, so paging back is
instant and costs no request; only the page on screen is held decoded (in the model).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import NamedTuple

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage, QPixmap

from app.core.errors import NinePicError
from app.core.lru import ByteLRU as ByteLRU  # re-exported for the controllers
from app.core.thread_start import start_threads
from app.ui.fetch_queue import Claim, FetchQueue
from app.ui.runtime import TaskRunner
from app.ui.thumbnail_work import Finisher, Work, decode_image, finish

log = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]
"""Fetches one image URL and returns its bytes (raises `NinePicError`). Blocking: the
loader runs it on its own fetch threads (`thumb-fetch`)."""

DEFAULT_CONCURRENCY = 16
"""Thumbnails fetched at once: the 32 of a page arrive in two round trips (12 took three,
~50 ms more at 50 ms per round trip in the benchmark). Each fetch thread keeps its own
connection alive, so the kept-alive connections are exactly as many as the fetches."""
DEFAULT_CACHE_BYTES = 32 * 1024 * 1024
DECODE_SLOTS = 2
"""Fetch threads decoding (and composing a card) at once: that work wants the CPU and
the GIL the GUI thread needs too. With all 16 at it together (0 ms latency), each
decode took 10-20 ms instead of one, the first thumbnail reached the screen 50-70 ms
later and the GUI loop stalled about twice as long as with two; one was slower still."""
PROBE_S = 0.005
"""On a host whose round trip is not known yet, two fetches go first and the rest this
much later, unless those two have shown by then that the host is near (the rest then
never crowd in). Nothing beside a far host's round trip; longer than a near one's fetch."""
CONNECT_HOLD_S = 0.5
"""At most how long an early connect holds its fetch thread for the others to start
theirs. Fetches for the screen end the hold at once, so it never delays one (25 ms was
too short on a loaded machine: two threads of four got all the connects)."""


class ThumbnailLoader(QObject):
    """Fetches, caches and decodes thumbnails for the photo grid.

    Signals:
        thumbnail_ready(str, QPixmap): an image id on screen has its thumbnail.
        thumbnail_failed(str): an image id on screen could not get one.
    """

    thumbnail_ready = Signal(str, QPixmap)
    thumbnail_failed = Signal(str)

    def __init__(
        self,
        fetch: Fetch,
        runner: TaskRunner,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
        decode_workers: int = 2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._runner = runner
        self.concurrency = max(1, concurrency)
        self.cache = ByteLRU(cache_bytes)
        self._queue = FetchQueue(self.concurrency)
        self._landings: deque[_Landing] = deque()
        """Fetches ended on a fetch thread, for the GUI thread to hand out (`_drain`)."""
        self._work_now: tuple[QSize | None, Work] = (None, Work(None, None))
        """The fit and work for an image bound for the screen (the GUI thread sets it)."""
        self._decoding: set[str] = set()
        self._decode_gate = threading.BoundedSemaphore(DECODE_SLOTS)
        self._wanted: set[str] = set()
        self._waiting: set[str] = set()
        """Wanted ids whose thumbnail (or failure) has not been delivered yet."""
        self._screen_done = asyncio.Event()
        self._screen_done.set()
        self._fetch_pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=self.concurrency, thread_name_prefix="thumb-fetch"
        )
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(1, decode_workers), thread_name_prefix="thumb-decode"
        )
        """Decodes of cached bytes (paging back) and of previews."""
        self._closed = False
        self._connects_pending = 0
        """Early connects queued and not yet run (see `on_each_fetch_thread`)."""
        self._connects_lock = threading.Lock()
        self._fit: QSize | None = None
        self._finisher: Finisher | None = None
        self._warm = False
        self._warm_barrier: threading.Barrier | None = None
        self._connect_barrier: threading.Barrier | None = None
        self.threads_ready = threading.Event()
        """Set once `warm_up` has every fetch thread running."""

    # ------------------------------------------------------------------ API

    def show(self, items: Iterable[tuple[str, str]]) -> None:
        """These (image_id, url) pairs are on screen now; others are no longer wanted."""
        items = list(items)
        self._wanted = {image_id for image_id, _url in items}
        self._waiting = set(self._wanted)
        self._update_screen_done()
        to_fetch = []
        for image_id, url in items:
            data = self.cache.get(image_id)
            if data is not None:
                self._start_decode(image_id, data)
            else:
                to_fetch.append((image_id, url))
        self._queue.queue_screen(to_fetch, self._wanted)
        self._pump()

    def prefetch(self, items: Iterable[tuple[str, str]]) -> None:
        """Fetch these into the cache when nothing on screen is waiting (no decode)."""
        self._queue.queue_prefetch(items, self.cache.__contains__)
        self._pump()

    def forget_wanted(self) -> None:
        """Nothing is on screen (a new search is starting): drop queued work."""
        self._wanted = set()
        self._waiting = set()
        self._queue.clear()
        self._update_screen_done()

    async def wait_screen_done(self) -> None:
        """Until every thumbnail on screen has arrived (or failed): prefetching waits for it."""
        await self._screen_done.wait()

    def clear(self) -> None:
        """Forget everything, cache included (a kiosk reset, a new backend)."""
        self.forget_wanted()
        self.cache.clear()

    def close(self) -> None:
        self._closed = True
        self.forget_wanted()
        for barrier in (self._warm_barrier, self._connect_barrier):
            if barrier is not None:
                barrier.abort()
        self._fetch_pool.shutdown(wait=False, cancel_futures=True)
        self._executor.shutdown(wait=False, cancel_futures=True)

    def on_each_fetch_thread(self, fn: Callable[[str], object], url: str) -> None:
        """Run `fn(url)` once per fetch thread, ahead of the fetches queued after it (an
        early connect). Each run then holds its thread until every run has started, or
        fetches come, or `CONNECT_HOLD_S` passed: an early connect is quick, and one thread
        would otherwise take several while others took none (and paid the handshake on
        their first fetch). As many threads as will fetch at once (fewer on a near host,
        see `FetchQueue`). While a batch is still pending (a host that does not answer
        holds each thread up to its connect timeout) no other is queued: it would only
        delay fetches."""
        if self._closed or self._connects_pending:
            return
        threads = self.fetching_at_once
        spread = threading.Barrier(threads)
        self._connect_barrier = spread

        def run() -> None:
            try:
                fn(url)
                with contextlib.suppress(threading.BrokenBarrierError):
                    spread.wait(timeout=CONNECT_HOLD_S)
            finally:
                with self._connects_lock:
                    self._connects_pending -= 1

        with self._connects_lock:
            self._connects_pending = threads
        for _ in range(threads):
            self._fetch_pool.submit(run)

    def warm_up(self) -> None:
        """Start every fetch thread now (an event was opened; the user is typing), so the
        first search waits for no thread to start. Submitted from a short-lived thread of
        its own: the GUI thread never waits for one to start either."""
        if self._warm or self._closed:
            return
        self._warm = True
        self._warm_barrier = start_threads(self._fetch_pool, self.concurrency, self.threads_ready)

    def set_finisher(self, finisher: Finisher | None) -> None:
        """Thumbnails for the screen get `finisher`'s work on their fetch thread."""
        self._finisher = finisher
        self._work_now = (self._fit, self._work())

    def set_fit(self, box: QSize) -> None:
        """Thumbnails are shown at most this big (device pixels): decode them to fit."""
        self._fit = QSize(box) if box.isValid() else None
        self._work_now = (self._fit, self._work())

    async def decode(self, data: bytes, fit: QSize | None = None) -> QImage | None:
        """Decode any image (e.g. a large preview) on the loader's worker threads."""
        return await self._runner.loop.run_in_executor(self._executor, decode_image, data, fit)

    @property
    def fetching_at_once(self) -> int:
        """How many fetch threads take images at once now: `concurrency`, fewer on a host
        that proved near (see `FetchQueue`)."""
        return self._queue.takers_now

    @property
    def fetches_started(self) -> int:
        """How many network fetches were started (tests prove "never duplicated")."""
        return self._queue.started

    # ------------------------------------------------------------ internals

    def _pump(self) -> None:
        """Give fetch threads work, up to the bound; each then takes its next image itself
        (`FetchQueue`), so a page's second wave does not wait for the GUI thread."""
        if self._queue.start_probe():
            self._runner.loop.call_later(PROBE_S, self._end_probe)
        captured = False
        while not self._closed and (first := self._queue.open_taker()) is not None:
            if not captured:  # how the view looks now; one swap, the threads read it whole
                self._work_now = (self._fit, self._work())
                captured = True
                if self._connect_barrier is not None:  # work came: no thread holds for it
                    self._connect_barrier.abort()
                    self._connect_barrier = None
            # Handed to a fetch thread now, not when the task first runs: the request is on
            # the wire before the grid lays out and paints the new page.
            taking = self._runner.loop.run_in_executor(self._fetch_pool, self._take, first)
            self._runner.start(self._taken(taking))

    def _end_probe(self) -> None:
        self._queue.end_probe()
        self._pump()

    def _work(self) -> Work:
        """What a worker does to a decoded thumbnail besides decoding (GUI thread)."""
        finisher = self._finisher
        return Work(finisher, finisher.capture() if finisher is not None else None)

    def _take(self, claim: Claim | None) -> None:
        """On a fetch thread: this image, then the next ones the queue gives, until none."""
        while claim is not None and not self._closed:
            loaded: _Loaded | None = None
            fetched_in: float | None = None
            try:
                started = time.monotonic()
                data = self._fetch(claim.url)
                fetched_in = time.monotonic() - started
                if claim.for_screen:
                    fit, work = self._work_now
                    with self._decode_gate:
                        loaded = (data, *finish(data, fit, work))
                else:
                    loaded = (data, None, None)
            except NinePicError as error:
                log.info("thumbnail %s not loaded: %s", claim.image_id, type(error).__name__)
            except Exception:  # a bug must not leave the tile waiting for ever
                log.exception("thumbnail %s not loaded", claim.image_id)
            self._landings.append(_Landing(claim, loaded))
            try:
                self._runner.loop.call_soon_threadsafe(self._drain)
            except RuntimeError:  # the loop is closed: the app is going away
                return
            claim = self._queue.take_next(fetched_in)

    async def _taken(self, taking: asyncio.Future[None]) -> None:
        """One fetch thread's run, tracked as a task (so `wait_idle` covers it)."""
        try:
            await taking
        finally:
            self._drain()

    def _drain(self) -> None:
        """On the GUI thread: hand out every fetch that ended."""
        while self._landings:
            claim, loaded = self._landings.popleft()
            self._queue.landed(claim.image_id)
            self._landed(claim, loaded)
        self._pump()

    def _landed(self, claim: Claim, loaded: _Loaded | None) -> None:
        image_id = claim.image_id
        if loaded is None:
            if image_id in self._wanted:
                self._delivered(image_id)
                self.thumbnail_failed.emit(image_id)
            return
        data, image, prepared = loaded
        self.cache.put(image_id, data)
        if image_id not in self._wanted:
            return
        if claim.for_screen:
            self._deliver(image_id, image, prepared)
        else:  # prefetched, and on screen since
            self._start_decode(image_id, data)

    def _start_decode(self, image_id: str, data: bytes) -> None:
        if image_id not in self._decoding:
            self._runner.start(self._decode(image_id, data))

    async def _decode(self, image_id: str, data: bytes) -> None:
        if image_id in self._decoding or self._closed:
            return
        self._decoding.add(image_id)
        try:
            image, prepared = await self._runner.loop.run_in_executor(
                self._executor, finish, data, self._fit, self._work()
            )
        finally:
            self._decoding.discard(image_id)
        if image_id in self._wanted:
            self._deliver(image_id, image, prepared)

    def _deliver(self, image_id: str, image: QImage | None, prepared: object) -> None:
        self._delivered(image_id)
        if image is None:
            self.thumbnail_failed.emit(image_id)
            return
        pixmap = QPixmap.fromImage(image)  # GUI thread
        if self._finisher is not None and prepared is not None:
            self._finisher.adopt(pixmap, prepared)
        self.thumbnail_ready.emit(image_id, pixmap)

    def _delivered(self, image_id: str) -> None:
        self._waiting.discard(image_id)
        if not self._waiting:
            self._update_screen_done()
            self._pump()  # the screen is served: prefetches may go

    def _update_screen_done(self) -> None:
        self._queue.set_screen_waiting(bool(self._waiting))
        if self._waiting:
            self._screen_done.clear()
        else:
            self._screen_done.set()


_Loaded = tuple[bytes, QImage | None, object]
"""A fetch's bytes, and for the screen its image and what the finisher prepared."""


class _Landing(NamedTuple):
    claim: Claim
    loaded: _Loaded | None
    """None: the fetch failed (logged)."""
