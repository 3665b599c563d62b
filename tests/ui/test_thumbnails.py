"""The thumbnail loader: bounded, never duplicated, cached in bytes, decoded off the GUI thread."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage, QPixmap

import app.ui.thumbnail_work as thumbnail_work
import app.ui.thumbnails as thumbnails
from app.core.errors import ServiceUnreachable
from app.ui.runtime import TaskRunner
from app.ui.thumbnails import ByteLRU, ThumbnailLoader
from tests.ui.conftest import until


def _jpeg(colour: str = "orange") -> bytes:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(data.data())


class FakeHost:
    """A blocking fetch (the loader runs it on its fetch threads): counts fetches and the
    highest number running at once. With `together=n`, the first n fetches each wait
    until n are running, so reaching n at once is proven, not hoped for. With `held`,
    every fetch waits until it is set (a slow host: what is queued meanwhile counts)."""

    def __init__(
        self, fail: set[str] | None = None, together: int = 0, held: threading.Event | None = None
    ) -> None:
        self.fail = fail or set()
        self.held = held
        self.calls: Counter[str] = Counter()
        self.threads: set[str] = set()
        self.running = 0
        self.peak = 0
        self.body = _jpeg()
        self._lock = threading.Lock()
        self._together = threading.Barrier(together) if together else None

    def fetch(self, url: str) -> bytes:
        with self._lock:
            self.calls[url] += 1
            self.threads.add(threading.current_thread().name)
            self.running += 1
            self.peak = max(self.peak, self.running)
            first = sum(self.calls.values()) <= (self._together.parties if self._together else 0)
        try:
            if first and self._together is not None:
                self._together.wait(timeout=10)
            if self.held is not None:
                self.held.wait(timeout=10)
            if url in self.fail:
                raise ServiceUnreachable("ConnectError")
            return self.body
        finally:
            with self._lock:
                self.running -= 1


def _pairs(prefix: str, n: int) -> list[tuple[str, str]]:
    return [(f"{prefix}{i}", f"http://127.0.0.1/small/{prefix}{i}.jpg") for i in range(n)]


def test_lru_stays_under_its_byte_budget() -> None:
    cache = ByteLRU(100)
    for i in range(10):
        cache.put(str(i), b"x" * 30)
        assert cache.size <= 100
    assert len(cache) == 3
    assert cache.get("9") is not None and cache.get("0") is None
    cache.get("7")  # recently used: survives the next eviction
    cache.put("new", b"y" * 30)
    assert "7" in cache and "8" not in cache
    cache.put("huge", b"z" * 101)
    assert "huge" not in cache


def test_loads_concurrently_but_bounded_and_once(loop: asyncio.AbstractEventLoop, qapp) -> None:
    host = FakeHost(together=4)
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(host.fetch, runner, concurrency=4)
    ready: list[tuple[str, QPixmap]] = []
    loader.thumbnail_ready.connect(lambda i, p: ready.append((i, p)))
    page = _pairs("a", 20)
    loader.show(page)
    loader.show(page)  # asked twice: fetched once
    loop.run_until_complete(runner.wait_idle())
    assert host.peak == 4
    assert all(n == 1 for n in host.calls.values()) and len(host.calls) == 20
    assert len(host.threads) == 4 and all(t.startswith("thumb-fetch") for t in host.threads)
    assert sorted(i for i, _ in ready) == sorted(i for i, _ in page)
    assert all(not p.isNull() and p.width() == 64 for _, p in ready)
    # shown again later: from the byte cache, no request
    ready.clear()
    loader.show(page)
    loop.run_until_complete(runner.wait_idle())
    assert len(ready) == 20 and sum(host.calls.values()) == 20
    loader.close()


def test_fetch_threads_go_on_to_the_next_image_without_the_gui_thread(
    loop: asyncio.AbstractEventLoop, qapp
) -> None:
    """A page's second wave does not wait for the GUI loop to come round: here it never
    runs while the fetches happen, and still all of them are done."""
    all_fetched = threading.Event()
    host = FakeHost()

    def counting(url: str) -> bytes:
        body = host.fetch(url)
        if sum(host.calls.values()) == 12:
            all_fetched.set()
        return body

    runner = TaskRunner(loop)
    loader = ThumbnailLoader(counting, runner, concurrency=3)
    ready: list[str] = []
    loader.thumbnail_ready.connect(lambda i, _p: ready.append(i))
    loader.show(_pairs("p", 12))
    assert all_fetched.wait(timeout=10), "the fetch threads stopped after their first image"
    assert ready == []  # delivered on the GUI thread only, once its loop runs
    loop.run_until_complete(runner.wait_idle())
    assert sorted(ready) == sorted(i for i, _ in _pairs("p", 12))
    assert host.peak <= 3 and loader.fetches_started == 12
    loader.close()


def test_at_most_two_thumbnails_decode_at_once(
    loop: asyncio.AbstractEventLoop, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decodes hold the GIL: the fetch threads fetch together but take turns to decode.
    Each decode lingers until a third one starts (or 100 ms pass), so a loader without
    the bound would show three at once."""
    decoding, peak = 0, 0
    lock = threading.Lock()
    third = threading.Event()
    decode = thumbnail_work.decode_image

    def lingering_decode(data: bytes, fit: QSize | None = None) -> QImage | None:
        nonlocal decoding, peak
        with lock:
            decoding += 1
            peak = max(peak, decoding)
            if decoding >= 3:
                third.set()
        try:
            third.wait(timeout=0.1)
            return decode(data, fit)
        finally:
            with lock:
                decoding -= 1

    monkeypatch.setattr(thumbnail_work, "decode_image", lingering_decode)
    host = FakeHost(together=6)  # six fetches provably at once
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(host.fetch, runner, concurrency=6)
    ready: list[str] = []
    loader.thumbnail_ready.connect(lambda i, _p: ready.append(i))
    loader.show(_pairs("d", 12))
    loop.run_until_complete(runner.wait_idle())
    assert host.peak == 6 and len(ready) == 12
    assert peak == thumbnails.DECODE_SLOTS == 2 and not third.is_set()
    loader.close()


def test_an_early_connect_runs_on_every_fetch_thread(
    loop: asyncio.AbstractEventLoop, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connect is quick: without the hold, one thread would take several and another
    none (and pay the handshake on its first fetch). No fetch comes here to end the hold,
    so a loaded machine that runs a thread late cannot fail this."""
    monkeypatch.setattr(thumbnails, "CONNECT_HOLD_S", 10.0)
    ran: list[str] = []
    lock = threading.Lock()
    all_ran = threading.Event()

    def connect(_url: str) -> bool:
        with lock:
            ran.append(threading.current_thread().name)
            if len(ran) == 4:
                all_ran.set()
        return True

    loader = ThumbnailLoader(FakeHost().fetch, TaskRunner(loop), concurrency=4)
    loader.on_each_fetch_thread(connect, "http://127.0.0.1/small/x.jpg")
    assert all_ran.wait(timeout=10)
    assert len(set(ran)) == 4 and all(name.startswith("thumb-fetch") for name in ran)
    loader.close()


def test_fetches_for_the_screen_end_the_early_connects_hold(
    loop: asyncio.AbstractEventLoop, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Threads holding for one that is busy (a prefetch still in flight) never hold the
    page up: the first fetch for the screen releases them."""
    monkeypatch.setattr(thumbnails, "CONNECT_HOLD_S", 10.0)
    busy = threading.Event()
    host = FakeHost()

    def fetch(url: str) -> bytes:
        if "/pre" in url:
            busy.wait(timeout=10)
        return host.fetch(url)

    runner = TaskRunner(loop)
    loader = ThumbnailLoader(fetch, runner, concurrency=3)
    loader.prefetch(_pairs("pre", 1))  # one thread busy until `busy` is set
    loader.on_each_fetch_thread(lambda _url: True, "http://127.0.0.1/small/x.jpg")
    ready: list[str] = []
    loader.thumbnail_ready.connect(lambda i, _p: ready.append(i))
    loader.show(_pairs("s", 4))
    try:
        loop.run_until_complete(asyncio.wait_for(_until(lambda: len(ready) == 4), 5))
    finally:
        busy.set()
    loop.run_until_complete(runner.wait_idle())
    assert sorted(ready) == sorted(i for i, _ in _pairs("s", 4))
    loader.close()


async def _until(check: Callable[[], bool]) -> None:
    while not check():  # noqa: ASYNC110 - polling plain state, nothing to await
        await asyncio.sleep(0.005)


def test_page_on_screen_goes_before_prefetch(loop: asyncio.AbstractEventLoop, qapp) -> None:
    slow = threading.Event()
    host = FakeHost(held=slow)
    runner = TaskRunner(loop)
    order: list[str] = []

    lock = threading.Lock()

    def recording(url: str) -> bytes:
        with lock:
            order.append(url)
        return host.fetch(url)

    loader = ThumbnailLoader(recording, runner, concurrency=2)
    loader.prefetch(_pairs("next", 6))
    loader.show(_pairs("now", 4))
    slow.set()
    loop.run_until_complete(runner.wait_idle())
    # the first two prefetches started before the page arrived; then the page goes first
    # (the fetch threads take their next image themselves: the page is ahead of the rest)
    assert set(order[:2]) == {u for _, u in _pairs("next", 2)}
    assert set(order[2:6]) == {u for _, u in _pairs("now", 4)}
    ready_for_prefetch: list[str] = []
    loader.thumbnail_ready.connect(lambda i, _p: ready_for_prefetch.append(i))
    loop.run_until_complete(runner.wait_idle())
    assert ready_for_prefetch == []  # prefetched bytes are not decoded until shown
    loader.show(_pairs("next", 6))
    loop.run_until_complete(runner.wait_idle())
    assert len(ready_for_prefetch) == 6 and sum(host.calls.values()) == 10
    loader.close()


def test_decoding_happens_off_the_gui_thread(
    loop: asyncio.AbstractEventLoop, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real = thumbnail_work.decode_image

    def spy(data: bytes, fit: QSize | None = None) -> QImage | None:
        threads.append(threading.current_thread().name)
        return real(data, fit)

    monkeypatch.setattr(thumbnail_work, "decode_image", spy)
    host = FakeHost()
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(host.fetch, runner)
    loader.show(_pairs("d", 3))
    loop.run_until_complete(runner.wait_idle())
    assert len(threads) == 3
    assert all(name.startswith("thumb-fetch") for name in threads)  # where it was fetched
    assert threading.main_thread().name not in threads
    loader.close()


def test_failures_are_reported_and_can_be_retried(loop: asyncio.AbstractEventLoop, qapp) -> None:
    page = _pairs("f", 3)
    host = FakeHost(fail={page[1][1]})
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(host.fetch, runner)
    failed: list[str] = []
    loader.thumbnail_failed.connect(failed.append)
    loader.show(page)
    loop.run_until_complete(runner.wait_idle())
    assert failed == ["f1"]
    host.fail.clear()
    loader.show(page)
    loop.run_until_complete(runner.wait_idle())
    assert host.calls[page[1][1]] == 2 and host.calls[page[0][1]] == 1
    loader.close()


def test_a_new_page_drops_queued_work_for_the_old_one(
    loop: asyncio.AbstractEventLoop, qapp
) -> None:
    slow = threading.Event()
    host = FakeHost(held=slow)
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(host.fetch, runner, concurrency=2)
    loader.show(_pairs("old", 10))
    loader.forget_wanted()
    loader.show(_pairs("new", 2))
    slow.set()
    loop.run_until_complete(runner.wait_idle())
    assert sum(1 for u in host.calls if "/old" in u) == 2  # only those already running
    assert sum(1 for u in host.calls if "/new" in u) == 2
    loader.close()


def test_thumbnails_are_decoded_to_fit_the_tile(loop: asyncio.AbstractEventLoop, qapp) -> None:
    host = FakeHost()
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(host.fetch, runner)
    loader.set_fit(QSize(32, 32))
    ready: list[QPixmap] = []
    loader.thumbnail_ready.connect(lambda _i, p: ready.append(p))
    loader.show(_pairs("s", 2))
    loop.run_until_complete(runner.wait_idle())
    assert [(p.width(), p.height()) for p in ready] == [(32, 24), (32, 24)]
    loader.close()


def test_early_connects_do_not_pile_up_behind_a_host_that_hangs(
    loop: asyncio.AbstractEventLoop, qapp
) -> None:
    """Searches typed while the photo host does not answer queue one batch of early
    connects, not one per search: more would only hold the fetch threads longer."""
    release = threading.Event()
    connects: list[str] = []
    lock = threading.Lock()

    def hanging_connect(url: str) -> None:
        with lock:
            connects.append(url)
        release.wait(timeout=10)

    runner = TaskRunner(loop)
    loader = ThumbnailLoader(FakeHost().fetch, runner, concurrency=3)
    for name in "abc":
        loader.on_each_fetch_thread(hanging_connect, f"https://photos.example/{name}")
    release.set()
    loader.show(_pairs("after", 1))  # queued behind whatever connects were queued
    loop.run_until_complete(runner.wait_idle())
    assert connects == ["https://photos.example/a"] * 3
    loader.close()


def test_a_near_host_is_fetched_from_fewer_threads_once_known(
    loop: asyncio.AbstractEventLoop, qapp
) -> None:
    """A host that answers at once (loopback, the embedded demo): after one page the next
    goes two at a time, since more would only contend for the CPU; nothing is lost."""
    held = threading.Event()
    host = FakeHost()
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(host.fetch, runner, concurrency=8)
    ready: list[str] = []
    loader.thumbnail_ready.connect(lambda i, _p: ready.append(i))
    loader.show(_pairs("n", 16))  # not known yet: two probe, the host answers at once
    loop.run_until_complete(runner.wait_idle())
    assert loader.fetching_at_once == 2 and len(ready) == 16
    host.held = held
    started = loader.fetches_started
    loader.show(_pairs("m", 16))
    assert loader.fetches_started - started == 2  # handed out at once: two, not eight
    held.set()
    loop.run_until_complete(runner.wait_idle())
    assert sorted(ready[16:]) == sorted(i for i, _ in _pairs("m", 16))
    assert all(n == 1 for n in host.calls.values())
    loader.close()


def test_a_far_host_keeps_every_fetch_thread(loop: asyncio.AbstractEventLoop, qapp) -> None:
    def far(url: str) -> bytes:
        time.sleep(0.02)  # the round trip of a distant host
        return host.fetch(url)

    host = FakeHost()
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(far, runner, concurrency=8)
    loader.show(_pairs("f", 16))
    loop.run_until_complete(runner.wait_idle())
    assert loader.fetching_at_once == 8
    started = loader.fetches_started
    loader.show(_pairs("g", 16))
    assert loader.fetches_started - started == 8
    loop.run_until_complete(runner.wait_idle())
    loader.close()


def test_a_host_not_measured_yet_gets_two_fetches_first(
    loop: asyncio.AbstractEventLoop, qapp
) -> None:
    """Two go at once; the rest follow `PROBE_S` later only because those two have not
    come back by then (a far host): a near one would have shown itself first."""
    held = threading.Event()
    host = FakeHost(held=held)
    runner = TaskRunner(loop)
    loader = ThumbnailLoader(host.fetch, runner, concurrency=8)
    ready: list[str] = []
    loader.thumbnail_ready.connect(lambda i, _p: ready.append(i))
    loader.show(_pairs("p", 16))
    assert loader.fetches_started == 2
    loop.run_until_complete(until(lambda: loader.fetches_started == 8))
    held.set()
    loop.run_until_complete(runner.wait_idle())
    assert sorted(ready) == sorted(i for i, _ in _pairs("p", 16))
    loader.close()
