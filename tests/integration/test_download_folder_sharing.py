"""One folder, several downloads: the OS lock, the one journal owner, joined threads,
and Ctrl-C on the headless command, against a loopback server."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from app.core.downloads import BatchWaiting, DownloadHistory, DownloadJob, FailureReason
from app.core.downloads.folder_lock import FolderLock
from app.core.downloads.journal import JOURNAL_NAME, Journal
from app.headless import EXIT_INTERRUPTED, EXIT_USAGE, exit_code
from tests.integration.hostile import (
    EVENT,
    KEY,
    ORG,
    HostileServer,
    hostile_client,
    hostile_engine,
    pagination,
    send_then_hang,
)
from tests.integration.support import done_in_journal
from tests.jpeg_bytes import framed_jpeg
from tests.processes import interruptible

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]
GUARD_S = 20.0


def publish(server: HostileServer, ids: list[str], gate: threading.Event | None = None) -> None:
    """Serve `ids` for any BIB; with `gate`, storage holds every answer until it is set."""
    for i in ids:
        server.files[f"/o/{i}.jpg"] = framed_jpeg(3000, seed=i.encode())
    urls = [{"url": server.url(f"/o/{i}.jpg?s=1"), "filename": f"{i}.jpg"} for i in ids]
    server.pages = lambda body, number, size: {
        "presigned_urls": urls if number == 1 else [],
        "pagination": pagination(len(ids), number, 1, size),
    }
    if gate is not None:

        def held(request: BaseHTTPRequestHandler, path: str) -> None:
            gate.wait(GUARD_S)
            server.serve_file(request, path)

        server.storage = held


async def test_a_second_batch_on_the_folder_waits_and_then_finishes(
    server: HostileServer, tmp_path: Path
) -> None:
    gate = threading.Event()
    publish(server, ["a", "b", "c"], gate)
    waiting = asyncio.Event()
    async with hostile_client(server) as client:
        first = asyncio.ensure_future(
            hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1"))
        )
        await server.storage_asked()  # the first batch holds the folder now
        listener = lambda e: waiting.set() if isinstance(e, BatchWaiting) else None  # noqa: E731
        second = asyncio.ensure_future(
            hostile_engine(client, tmp_path, listener=listener).run(DownloadJob.for_bib("1"))
        )
        await asyncio.wait_for(waiting.wait(), GUARD_S)
        assert not second.done()
        gate.set()
        one, two = await asyncio.wait_for(asyncio.gather(first, second), GUARD_S)
    assert len(one.downloaded) == 3
    assert len(two.already_there) == 3 and two.failed == []


async def test_no_wait_stops_at_once_with_exit_code_2(
    server: HostileServer, tmp_path: Path
) -> None:
    publish(server, ["a"])
    lock = FolderLock(tmp_path)
    assert lock.try_acquire()
    try:
        async with hostile_client(server) as client:
            engine = hostile_engine(client, tmp_path, wait_for_folder=False)
            summary = await asyncio.wait_for(engine.run(DownloadJob.for_bib("1")), GUARD_S)
    finally:
        lock.release()
    assert summary.problem is not None and summary.problem.reason is FailureReason.FOLDER_BUSY
    assert exit_code(summary) == EXIT_USAGE
    assert server.seen.api == []  # not a single call while the folder was busy


async def test_the_journal_is_never_compacted_under_a_running_batch(
    server: HostileServer, tmp_path: Path
) -> None:
    journal = Journal.load(tmp_path, EVENT)
    for n in range(2101):  # long, and mostly stale lines: ripe for compaction
        journal.started("old", "old.jpg", n, "", "old")
    journal.close()
    ids = [f"n{k}" for k in range(6)]
    gate = threading.Event()
    publish(server, ids, gate)
    async with hostile_client(server) as client:
        engine = hostile_engine(client, tmp_path)
        batch = asyncio.ensure_future(engine.run(DownloadJob.for_bib("1")))
        await server.storage_asked()
        await engine.failed_items()  # the window reading the failed list meanwhile
        await asyncio.to_thread(DownloadHistory(tmp_path, EVENT).failed_items)  # another reader
        gate.set()
        summary = await asyncio.wait_for(batch, GUARD_S)
    assert len(summary.downloaded) == 6
    assert set(ids) <= set(done_in_journal(tmp_path))  # no done line went to a replaced file
    threads = [t.name for t in threading.enumerate() if t.name.startswith("photo-writer")]
    assert threads == []  # joined before the journal was let go


def run_headless(server: HostileServer, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            *("--api-url", server.base_url, "--org", str(ORG), "--event", str(EVENT)),
            *("download", "--bib", "1", "--out", str(out), *extra),
        ],
        cwd=ROOT,
        env={**os.environ, "NINEPIC_API_KEY": KEY},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )


def test_headless_no_wait_on_a_busy_folder(server: HostileServer, tmp_path: Path) -> None:
    publish(server, ["a"])
    lock = FolderLock(tmp_path)
    assert lock.try_acquire()
    try:
        proc = run_headless(server, tmp_path, "--no-wait")
        _, err = proc.communicate(timeout=60)
    finally:
        lock.release()
    assert proc.returncode == EXIT_USAGE
    assert err.count("Another download is using this folder") == 1, err
    assert "Traceback" not in err


def test_ctrl_c_stops_within_two_seconds_and_leaves_a_resumable_part(
    server: HostileServer, tmp_path: Path
) -> None:
    stop = threading.Event()
    full = framed_jpeg(40_000)
    publish(server, ["slow"])

    server.storage = lambda request, path: send_then_hang(request, full, 12_000, stop)
    proc = run_headless(server, tmp_path)
    try:
        part = tmp_path / "1_0001.jpg.part"  # BIB 1, the first photo
        deadline = time.monotonic() + 60
        while not (part.exists() and part.stat().st_size == 12_000):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        began = time.monotonic()
        _, err = proc.communicate(timeout=30)
        took = time.monotonic() - began
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert took < 2.0, f"Ctrl-C took {took:.2f} s"
    assert "run the same command again" in err and "Traceback" not in err
    assert part.stat().st_size == 12_000
    assert (tmp_path / JOURNAL_NAME).exists()


async def test_a_journal_naming_files_outside_the_folder_is_only_ignored(
    server: HostileServer, tmp_path: Path
) -> None:
    publish(server, ["a"])
    escape = {"event": EVENT, "key": "a", "state": "done", "file": "../escape.jpg", "size": 3000}
    dots = {"event": EVENT, "key": "a", "state": "started", "file": "..", "size": 3000}
    text = "".join(json.dumps(line) + "\n" for line in (escape, dots))
    await asyncio.to_thread((tmp_path / JOURNAL_NAME).write_text, text)
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1"))
    assert [r.file for r in summary.downloaded] == ["a.jpg"]
    assert not await asyncio.to_thread((tmp_path.parent / "escape.jpg").exists)
