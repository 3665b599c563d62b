"""Every photo the service matched ends saved, already there or failed with a reason:
link identity, the shortfall entry, bounded pagination and a flood of failures, each
against a loopback server that misbehaves on purpose."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from app.core.downloads import DownloadJob, FailureReason, ItemStatus
from app.core.downloads.links import MAX_PAGES
from app.headless import exit_code
from app.terminal_words import item_text
from tests.integration.hostile import (
    HostileServer,
    hostile_client,
    hostile_engine,
    pagination,
)
from tests.integration.support import journal_lines
from tests.jpeg_bytes import framed_jpeg

pytestmark = pytest.mark.anyio


def photos(server: HostileServer, count: int, path: str = "/download") -> list[str]:
    """`count` distinct photos, all served under one path with `?id=…`."""
    ids = [f"img-{n:03d}" for n in range(count)]
    for n, image_id in enumerate(ids):
        server.files[f"{path}?id={image_id}"] = framed_jpeg(2000 + n, seed=image_id.encode())
    return ids


def one_page(items: list[dict[str, str]], total: int | None = None) -> Any:
    def page(body: dict[str, Any], number: int, size: int) -> dict[str, Any]:
        shown = items if number == 1 else []
        count = len(items) if total is None else total
        return {"presigned_urls": shown, "pagination": pagination(count, number, 1, size)}

    return page


@pytest.mark.parametrize("same_filename", [False, True])
async def test_links_sharing_a_url_stem_stay_distinct_photos(
    server: HostileServer, tmp_path: Path, same_filename: bool
) -> None:
    ids = photos(server, 10)
    items = [
        {
            "url": server.url(f"/download?id={i}&sig=x{n}"),
            "filename": "photo.jpg" if same_filename else f"{i}.jpg",
        }
        for n, i in enumerate(ids)
    ]
    server.pages = one_page(items)
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1042"))

    assert len(summary.downloaded) == 10 and summary.failed == [], summary.results
    assert exit_code(summary) == 0
    digests = {
        hashlib.sha256((tmp_path / r.file).read_bytes()).hexdigest() for r in summary.results
    }
    assert len(digests) == 10  # ten different photos on disk, none merged


async def test_the_same_photo_on_two_pages_is_fetched_once(
    server: HostileServer, tmp_path: Path
) -> None:
    ids = photos(server, 3, "/p")

    def page(body: dict[str, Any], number: int, size: int) -> dict[str, Any]:
        shown = [ids[0], ids[1]] if number == 1 else [ids[1], ids[2]]  # ids[1] twice
        urls = [
            {"url": server.url(f"/p?id={i}&sig={number}"), "filename": f"{i}.jpg"} for i in shown
        ]
        return {"presigned_urls": urls, "pagination": pagination(3, number, 2, 2)}

    server.pages = page
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("7"))

    assert sorted(r.image_id or "" for r in summary.downloaded) == ids
    assert summary.failed == []
    assert len(server.seen.storage) == 3


async def test_links_that_fall_short_of_the_total_are_a_failure(
    server: HostileServer, tmp_path: Path
) -> None:
    server.pages = one_page([], total=50)  # "50 photos", and not one link
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1042"))

    assert [r.reason for r in summary.failed] == [FailureReason.MISSING_LINKS]
    assert "listed 50 photos for BIB 1042 but sent links for 0" in item_text(summary.failed[0])
    assert exit_code(summary) == 1
    failed = [e for e in journal_lines(tmp_path) if e["state"] == "failed"]
    assert [e["reason"] for e in failed] == ["missing_links"]  # on the failed list after restarts


async def test_overlapping_pages_report_what_never_came(
    server: HostileServer, tmp_path: Path
) -> None:
    ids = photos(server, 4, "/q")

    def page(body: dict[str, Any], number: int, size: int) -> dict[str, Any]:
        shown = ids[:2] if number == 1 else ids[1:3]  # ids[3] is never served
        urls = [{"url": server.url(f"/q?id={i}"), "filename": f"{i}.jpg"} for i in shown]
        return {"presigned_urls": urls, "pagination": pagination(4, number, 2, 2)}

    server.pages = page
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("8"))

    assert len(summary.downloaded) == 3
    assert [r.reason for r in summary.failed] == [FailureReason.MISSING_LINKS]
    text = item_text(summary.failed[0])
    assert "listed 4 photos" in text and "links for 3" in text


async def test_nothing_matched_is_a_clean_exit_0(server: HostileServer, tmp_path: Path) -> None:
    server.pages = lambda body, number, size: {
        "presigned_urls": [],
        "failed_urls": [],
        "pagination": {**pagination(0, 0, 0, size), "hasNextPage": False},
    }
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("1042"))
    assert summary.results == () and summary.complete and exit_code(summary) == 0


async def test_a_page_repeating_for_ever_stops_at_once(
    server: HostileServer, tmp_path: Path
) -> None:
    ids = photos(server, 2, "/r")
    urls = [{"url": server.url(f"/r?id={i}"), "filename": f"{i}.jpg"} for i in ids]
    server.pages = lambda body, number, size: {
        "presigned_urls": urls,
        "pagination": pagination(2, number, 999_999, size, more=True),
    }
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("9"))

    assert len(summary.downloaded) == 2 and summary.failed == []
    assert [page for _, page in server.seen.api] == [1, 2]  # page 2 brought nothing new


async def test_pages_never_run_past_the_first_total_pages_plus_one(
    server: HostileServer, tmp_path: Path
) -> None:
    def page(body: dict[str, Any], number: int, size: int) -> dict[str, Any]:
        # Always a new photo, always "one more page": drift that never ends.
        return {
            "presigned_urls": [],
            "failed_urls": [{"image_id": f"gone-{number}", "error": "Failed to generate URL"}],
            "pagination": pagination(3, number, number + 1, size),
        }

    server.pages = page
    async with hostile_client(server) as client:
        summary = await hostile_engine(client, tmp_path).run(DownloadJob.for_bib("10"))

    assert [page for _, page in server.seen.api] == [1, 2, 3]  # totalPages 2 (first) + 1
    assert len(summary.failed) == 3 and exit_code(summary) == 1
    assert MAX_PAGES >= 1000


@pytest.mark.slow  # over 7 s here: run by make test-slow
async def test_a_flood_of_failures_is_journaled_in_batches(
    server: HostileServer, tmp_path: Path
) -> None:
    flood = [{"image_id": f"f-{n}", "error": "Failed to generate URL"} for n in range(100_000)]
    server.pages = lambda body, number, size: {
        "presigned_urls": [],
        "failed_urls": flood if number == 1 else [],
        "pagination": pagination(100, number, 1, size),  # the total says 100
    }
    snapshots = []

    def listen(event: object) -> None:
        snap = getattr(event, "snapshot", None)
        if snap is not None:
            snapshots.append(snap)

    async with hostile_client(server) as client:
        engine = hostile_engine(client, tmp_path, listener=listen)
        summary = await engine.run(DownloadJob.for_bib("11"))

    assert len(summary.failed) == 100_000
    assert all(r.status is ItemStatus.FAILED for r in summary.failed)
    assert sum(1 for e in journal_lines(tmp_path) if e["state"] == "failed") == 100_000
    assert engine.history.journal().syncs <= 5  # not one fsync per failure
    last = snapshots[-1]
    assert last.items_total == last.items_finished == 100_000  # the bar stops at 100 %
    assert all(s.items_total is None or s.items_finished <= s.items_total for s in snapshots)
