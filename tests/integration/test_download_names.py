"""Readable names from the engine: `{bib}_{n:04}` in listing order, the server's name in
the report, and files fetched under an earlier pattern still recognised."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.downloads import DownloadEngine, DownloadJob, DownloadOptions, ItemStatus
from app.core.downloads.filenames import DEFAULT_NAME_PATTERN, NamePattern
from app.core.downloads.report import report_data
from app.demo.server import DemoServer
from app.terminal_words import TERMINAL_WORDS
from tests.integration.support import FAST_TRANSFER, make_client, sha_of
from tests.standin import reset_knobs

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    return reset_knobs(shared_demo)


def engine(client: object, demo: DemoServer, folder: Path, pattern: str) -> DownloadEngine:
    options = DownloadOptions(
        parallel=3,
        transfer=FAST_TRANSFER,
        name_pattern=NamePattern.parse(pattern),
        event_name="Demo City Marathon 2026",
    )
    return DownloadEngine(client, demo.event_id, folder, options=options)  # type: ignore[arg-type]


async def test_bib_photos_get_readable_names_in_listing_order(
    demo: DemoServer, tmp_path: Path
) -> None:
    bib = demo.sample_bibs[1]  # 14 photos, one without an original
    async with make_client(demo) as client:
        listed = [item.image_id async for item in client.iter_bib_search(demo.event_id, bib)]
        summary = await engine(client, demo, tmp_path, DEFAULT_NAME_PATTERN).run(
            DownloadJob.for_bib(bib)
        )
    by_id = {r.image_id: r for r in summary.downloaded}
    missing = {r.image_id for r in summary.failed}  # the demo keeps a few originals back
    assert len(by_id) + len(missing) == len(listed) and len(by_id) > 3
    names = [by_id[i].file for i in listed if i in by_id]
    assert names == [f"{bib}_{n:04}.jpg" for n in range(1, len(names) + 1)]
    rows = report_data(summary, TERMINAL_WORDS)["downloaded"]
    assert {r["server_name"] for r in rows} == {f"{i}.jpg" for i in by_id}
    for result in summary.downloaded:
        assert (tmp_path / result.file).is_file()


async def test_files_fetched_under_another_pattern_are_recognised(
    demo: DemoServer, tmp_path: Path
) -> None:
    bib = demo.sample_bibs[1]  # 14 photos, one without an original
    async with make_client(demo) as client:
        first = await engine(client, demo, tmp_path, "{server_name}").run(DownloadJob.for_bib(bib))
        demo.stats.reset()
        again = await engine(client, demo, tmp_path, "{event} {bib}_{n:04}").run(
            DownloadJob.for_bib(bib)
        )
    assert first.downloaded and not again.downloaded
    there = [r for r in again.results if r.status is ItemStatus.ALREADY_THERE]
    assert {r.file for r in there} == {r.file for r in first.downloaded}
    assert {r.image_id for r in again.failed} == {r.image_id for r in first.failed}
    assert demo.stats.storage_hits == []  # nothing fetched twice
    on_disk = await asyncio.to_thread(lambda: sorted(p.name for p in tmp_path.glob("*.jpg")))
    assert on_disk == sorted(r.file for r in first.downloaded)


async def test_selected_ids_are_numbered_in_the_order_given(
    demo: DemoServer, tmp_path: Path
) -> None:
    bib = demo.sample_bibs[1]  # 14 photos, one without an original
    photos = demo.catalog.photos_for_bib(demo.event_id, bib)
    ids = [p.image_id for p in photos if not p.original_missing][:3]
    async with make_client(demo) as client:
        summary = await engine(client, demo, tmp_path, DEFAULT_NAME_PATTERN).run(
            DownloadJob.for_ids(ids, label=bib)
        )
    files = {r.image_id: r.file for r in summary.downloaded}
    assert [files[i] for i in ids] == [f"{bib}_0001.jpg", f"{bib}_0002.jpg", f"{bib}_0003.jpg"]
    # A name already taken by another file is never overwritten: the next free one is used.
    other = tmp_path / "other"
    other.mkdir()
    (other / f"{bib}_0001.jpg").write_bytes(b"not ours")
    async with make_client(demo) as client:
        again = await engine(client, demo, other, DEFAULT_NAME_PATTERN).run(
            DownloadJob.for_ids(ids[:1], label=bib)
        )
    [result] = again.downloaded
    assert result.file == f"{bib}_0001 (2).jpg"
    assert (other / f"{bib}_0001.jpg").read_bytes() == b"not ours"
    assert sha_of(other / result.file) == sha_of(tmp_path / files[ids[0]])
    assert dataclasses.asdict(result)["server_name"] == f"{ids[0]}.jpg"
