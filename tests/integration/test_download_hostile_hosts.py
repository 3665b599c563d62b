"""Photo hosts that drip, go silent, cut a JPEG after its inner FFD9, answer 429 or echo
the key, and a file that appears under the final name at the last moment: every case
ends in bounded time with the photo saved whole or failed with a reason."""

from __future__ import annotations

import asyncio
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from app.core.downloads import (
    DownloadJob,
    FailureReason,
    ItemProgress,
    TransferPolicy,
)
from app.core.downloads.journal import JOURNAL_NAME
from app.core.errors import InsecureUrl
from app.core.retry import RetryPolicy
from app.terminal_words import item_text
from tests.integration.hostile import (
    KEY,
    HostileServer,
    answer,
    hostile_client,
    hostile_engine,
    pagination,
    send_then_hang,
)
from tests.integration.support import leftovers
from tests.jpeg_bytes import framed_jpeg, real_jpeg, with_inner_thumbnail

pytestmark = pytest.mark.anyio

STALL_POLICY = TransferPolicy(
    max_attempts=5,
    backoff=RetryPolicy(base_delay=0.01, max_delay=0.02),
    min_speed_bps=8 * 1024,
    speed_window_s=0.4,
    max_stalls=2,
)
HANG_GUARD_S = 20.0
"""Generous bound on a run that must end by itself (a hang fails instead of blocking)."""


def serve_ids(server: HostileServer, ids: list[str], filename: str = "{id}.jpg") -> None:
    urls = [
        {"url": server.url(f"/o/{i}.jpg?sig=1"), "filename": filename.format(id=i)} for i in ids
    ]
    server.pages = lambda body, number, size: {
        "presigned_urls": urls if number == 1 else [],
        "pagination": pagination(len(ids), number, 1, size),
    }


def photos_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.jpg"))


def names_and_journal(folder: Path) -> list[str]:
    """Every name in the folder, and the journal's text."""
    return [p.name for p in folder.iterdir()] + [(folder / JOURNAL_NAME).read_text()]


def drip(request: BaseHTTPRequestHandler, size: int, every_s: float, stop: threading.Event) -> None:
    """Headers for `size` bytes, then one byte every `every_s` until the client leaves."""
    request.send_response(200)
    request.send_header("Content-Type", "image/jpeg")
    request.send_header("Content-Length", str(size))
    request.end_headers()
    body = framed_jpeg(size)
    for byte in body:
        if stop.wait(every_s):
            return
        request.wfile.write(bytes([byte]))
        request.wfile.flush()


async def test_a_dripping_host_is_a_stall_then_a_plain_failure(
    server: HostileServer, tmp_path: Path
) -> None:
    stop = threading.Event()
    serve_ids(server, ["slow"])
    server.storage = lambda request, path: drip(request, 50_000, 0.05, stop)
    try:
        async with hostile_client(server) as client:
            engine = hostile_engine(client, tmp_path, transfer=STALL_POLICY)
            summary = await asyncio.wait_for(engine.run(DownloadJob.for_bib("1")), HANG_GUARD_S)
    finally:
        stop.set()
    [failed] = summary.failed
    assert failed.reason is FailureReason.STALLED
    assert item_text(failed) == "The photo host stopped sending."
    ranges = [h.get("range", "") for _, h, _ in server.seen.storage]
    assert ranges[0] == "" and ranges[1].startswith("bytes=")  # the stall resumed with Range
    assert photos_in(tmp_path) == []


async def test_a_silent_host_times_out_instead_of_hanging(
    server: HostileServer, tmp_path: Path
) -> None:
    stop = threading.Event()
    serve_ids(server, ["mute"])
    server.storage = lambda request, path: drip(request, 50_000, 60.0, stop)
    try:
        async with hostile_client(server) as client:
            engine = hostile_engine(client, tmp_path, transfer=STALL_POLICY, read_timeout_s=0.3)
            summary = await asyncio.wait_for(engine.run(DownloadJob.for_bib("1")), HANG_GUARD_S)
    finally:
        stop.set()
    assert [r.reason for r in summary.failed] == [FailureReason.STALLED]


async def test_cancel_ends_a_blocked_read_at_once_and_keeps_the_part(
    server: HostileServer, tmp_path: Path
) -> None:
    stop = threading.Event()
    full = framed_jpeg(30_000)
    serve_ids(server, ["held"])

    def storage(request: BaseHTTPRequestHandler, path: str) -> None:
        if request.headers.get("Range"):
            start = int(request.headers["Range"][6:-1])
            extra = {"Content-Range": f"bytes {start}-{len(full) - 1}/{len(full)}"}
            answer(request, 206, full[start:], headers=extra)
            return
        send_then_hang(request, full, 10_000, stop)  # then silence: the read blocks

    server.storage = storage
    written = asyncio.Event()

    def listener(event: object) -> None:
        if isinstance(event, ItemProgress) and event.done:
            written.set()  # bytes are in the part file

    try:
        async with hostile_client(server) as client:
            engine = hostile_engine(client, tmp_path, listener=listener, read_timeout_s=60)
            task = asyncio.ensure_future(engine.run(DownloadJob.for_bib("1")))
            await asyncio.wait_for(written.wait(), HANG_GUARD_S)
            engine.cancel(discard_partial=False)
            began = time.monotonic()
            summary = await asyncio.wait_for(task, HANG_GUARD_S)
            took = time.monotonic() - began
            assert took < 2.0, f"cancel took {took:.2f} s"  # the read timeout is 60 s
            assert summary.cancelled
            assert leftovers(tmp_path) == ["held.jpg.part"]  # resumable
            kept = await asyncio.to_thread(lambda: (tmp_path / "held.jpg.part").stat().st_size)
            assert 0 < kept <= 10_000

            again = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1"))
    finally:
        stop.set()
    assert [r.file for r in again.downloaded] == ["held.jpg"]
    assert (tmp_path / "held.jpg").read_bytes() == full
    assert server.seen.storage[-1][1]["range"] == f"bytes={kept}-"  # on from where it stopped


async def test_a_file_appearing_under_the_final_name_is_never_replaced(
    server: HostileServer, tmp_path: Path
) -> None:
    body = framed_jpeg(5000)
    serve_ids(server, ["img"])

    def storage(request: BaseHTTPRequestHandler, path: str) -> None:
        (tmp_path / "img.jpg").write_bytes(b"someone else's file")  # after our claim
        answer(request, 200, body)

    server.storage = storage
    async with hostile_client(server) as client:
        engine = hostile_engine(client, tmp_path)
        summary = await asyncio.wait_for(engine.run(DownloadJob.for_bib("1")), HANG_GUARD_S)
    assert [r.file for r in summary.downloaded] == ["img (2).jpg"]
    assert (tmp_path / "img.jpg").read_bytes() == b"someone else's file"
    assert (tmp_path / "img (2).jpg").read_bytes() == body


async def test_a_jpeg_cut_after_its_inner_thumbnail_is_fetched_again(
    server: HostileServer, tmp_path: Path
) -> None:
    thumbnail = real_jpeg(40, 30)
    full = with_inner_thumbnail(real_jpeg(200, 150), thumbnail)
    inner_end = full.index(b"\xff\xd9") + 2
    assert inner_end < len(full) - 1000
    serve_ids(server, ["exif"])
    cuts = [full[:inner_end]]  # first answer: no length, ends right after the inner FFD9

    def storage(request: BaseHTTPRequestHandler, path: str) -> None:
        answer(request, 200, cuts.pop() if cuts else full, length=False)

    server.storage = storage
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1"))
    assert [r.file for r in summary.downloaded] == ["exif.jpg"]
    assert (tmp_path / "exif.jpg").read_bytes() == full
    assert len(server.seen.storage) == 2


async def test_an_always_cut_jpeg_fails_as_incomplete(
    server: HostileServer, tmp_path: Path
) -> None:
    full = with_inner_thumbnail(real_jpeg(200, 150), real_jpeg(40, 30))
    cut = full[: full.index(b"\xff\xd9") + 2]
    serve_ids(server, ["exif"])
    server.storage = lambda request, path: answer(request, 200, cut, length=False)
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1"))
    assert [r.reason for r in summary.failed] == [FailureReason.CORRUPT]
    assert not (tmp_path / "exif.jpg").exists() and leftovers(tmp_path) == []


async def test_an_echoed_key_reaches_no_name_no_journal_and_no_photo_host(
    server: HostileServer, tmp_path: Path
) -> None:
    ids = ["a1", "b2"]
    for i in ids:
        server.files[f"/o/{i}.jpg"] = framed_jpeg(3000, seed=i.encode())
    urls = [{"url": server.url(f"/o/{i}.jpg?sig=1"), "filename": f"{KEY}-{i}.jpg"} for i in ids]
    urls.append({"url": server.url(f"/o/c3.jpg?key={KEY}"), "filename": "c3.jpg"})
    server.pages = lambda body, number, size: {
        "presigned_urls": urls if number == 1 else [],
        "failed_urls": [{"image_id": "d4", "error": f"key {KEY} over quota"}]
        if number == 1
        else [],
        "pagination": pagination(4, number, 1, size),
    }
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1"))

    assert len(summary.downloaded) == 2 and len(summary.failed) == 2
    everything = " ".join(
        [
            *names_and_journal(tmp_path),
            *(f"{r.file} {item_text(r)} {r.key}" for r in summary.results),
        ]
    )
    assert KEY not in everything and "***" in everything
    for path, headers, _ in server.seen.storage:
        assert KEY not in path and KEY not in " ".join(headers.values())
    assert all("c3" not in path for path, _, _ in server.seen.storage)  # never used


async def test_one_429_holds_back_every_worker_of_that_host(
    server: HostileServer, tmp_path: Path
) -> None:
    ids = [f"p{n}" for n in range(12)]
    for i in ids:
        server.files[f"/o/{i}.jpg"] = framed_jpeg(4000, seed=i.encode())
    serve_ids(server, ids)
    busy_until = [0.0]
    count = [0]
    lock = threading.Lock()

    def storage(request: BaseHTTPRequestHandler, path: str) -> None:
        with lock:
            count[0] += 1
            now = time.monotonic()
            if count[0] == 5:
                busy_until[0] = now + 1.0  # from the 5th request on, busy for a second
            busy = now < busy_until[0]
        if busy:
            answer(
                request, 429, b"<Error>SlowDown</Error>", "application/xml", {"Retry-After": "1"}
            )
            with server.seen.lock:
                server.seen.statuses.append((429, now))
            return
        # Each photo takes a while, and not the same while: the workers come back one
        # by one, as on a real link, instead of all in the same millisecond.
        number = int(path.split("/p", 1)[1].split(".", 1)[0])
        time.sleep(0.08 * (number % 4 + 1))
        server.serve_file(request, path)

    server.storage = storage
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path, parallel=4).run(DownloadJob.for_bib("1"))
    assert len(summary.downloaded) == 12 and summary.failed == []
    # Each of the four workers finding out on its own would take four 429s.
    assert len(server.seen.statuses) <= 2, server.seen.statuses


async def test_thumbnail_redirects_to_plain_http_are_refused(server: HostileServer) -> None:
    server.storage = lambda request, path: answer(
        request, 302, b"", "text/plain", {"Location": "http://photos.example.com/t.jpg"}
    )
    async with hostile_client(server) as client:
        with pytest.raises(InsecureUrl):
            await client.fetch_image(server.url("/thumb/1.jpg"))
    assert len(server.seen.storage) == 1
