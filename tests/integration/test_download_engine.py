"""The download engine against the real stand-in over loopback."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.downloads import (
    BatchFinished,
    BatchProgress,
    DownloadEngine,
    DownloadEvent,
    DownloadJob,
    FailureReason,
    ItemFinished,
    ItemProgress,
    ItemQueued,
    ItemStarted,
    ItemStatus,
)
from app.core.downloads.journal import Journal
from app.core.downloads.report import report_csv, report_json
from app.core.errors import AccessDenied
from app.demo.server import DemoServer
from app.terminal_words import TERMINAL_WORDS, item_text
from tests.integration.support import (
    Faults,
    StorageProxy,
    Truth,
    calm,
    done_in_journal,
    ids_with_originals,
    leftovers,
    make_client,
    make_engine,
    part_sizes,
    sha_of,
    until,
)

pytestmark = pytest.mark.anyio

HELD_BYTES = 256 * 1024
"""How far the storage proxy lets each photo get before a test pauses the batch."""
QUIET_S = 0.25
"""How long a paused batch is watched for anything that moves (the watch ends as soon as
something does)."""


@pytest.fixture
def behind_proxy(
    shared_behind_proxy: tuple[DemoServer, StorageProxy],
) -> Iterator[tuple[DemoServer, StorageProxy]]:
    """The shared pair with every knob, counter and proxy fault as it started."""
    yield calm(shared_behind_proxy)
    calm(shared_behind_proxy)


@pytest.fixture
def demo(behind_proxy: tuple[DemoServer, StorageProxy]) -> DemoServer:
    return behind_proxy[0]


@pytest.fixture
def proxy(behind_proxy: tuple[DemoServer, StorageProxy]) -> StorageProxy:
    return behind_proxy[1]


@pytest.fixture
def truth(demo: DemoServer) -> Truth:
    return Truth(demo)


def check_files(folder: Path, summary_files: dict[str, str], truth: Truth) -> None:
    for image_id, name in summary_files.items():
        assert sha_of(folder / name) == truth.sha(image_id), name
    assert leftovers(folder) == []


def write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def saved_photos(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


async def test_ids_are_downloaded_verified_and_failures_explained(
    demo: DemoServer, truth: Truth, tmp_path: Path
) -> None:
    ids = ids_with_originals(demo, 6)
    missing = demo.catalog.missing_originals(demo.event_id)[0]
    wanted = [*ids, missing, "no-such-image"]
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids(wanted))

    assert summary.problem is None and not summary.complete
    assert {r.image_id for r in summary.downloaded} == set(ids)
    check_files(tmp_path, {r.image_id or "": r.file for r in summary.downloaded}, truth)
    for result in summary.downloaded:
        assert result.sha256 == truth.sha(result.image_id or "")
    failed = {r.image_id: r for r in summary.failed}
    assert set(failed) == {missing, "no-such-image"}
    assert failed[missing].reason is FailureReason.NO_LINK
    assert failed[missing].detail == "Failed to generate URL"
    assert "Failed to generate URL" in item_text(failed[missing])
    assert done_in_journal(tmp_path) == {r.image_id: r.file for r in summary.downloaded}
    assert demo.stats.api_calls == {"original_photos": 1}  # one image_ids chunk

    rows = list(csv.DictReader(io.StringIO(report_csv(summary, TERMINAL_WORDS))))
    assert len(rows) == len(wanted)
    assert {r["status"] for r in rows} == {"downloaded", "failed"}
    data = json.loads(report_json(summary, TERMINAL_WORDS))
    assert data["counts"] == {"downloaded": 6, "skipped": 0, "failed": 2}
    assert {r["image_id"] for r in data["failed"]} == {missing, "no-such-image"}


async def test_storage_never_sees_the_api_key(
    demo: DemoServer, proxy: StorageProxy, tmp_path: Path
) -> None:
    ids = ids_with_originals(demo, 2, skip=90)
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids(ids))
    assert summary.complete
    assert proxy.header_names  # storage was reached through the proxy
    assert "x-api-key" not in proxy.header_names
    assert "authorization" not in proxy.header_names and "cookie" not in proxy.header_names


async def test_second_run_fetches_nothing_already_there(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, 4)
    async with make_client(demo) as client:
        engine = make_engine(client, demo, tmp_path)
        first = await engine.run(DownloadJob.for_ids(ids))
        assert first.complete
        demo.stats.reset()
        second = await engine.run(DownloadJob.for_ids(ids))
    assert second.complete
    assert [r.status for r in second.results] == [ItemStatus.ALREADY_THERE] * 4
    assert demo.stats.storage_gets == {}
    assert demo.stats.api_calls == {}


async def test_a_different_file_is_never_overwritten(
    demo: DemoServer, truth: Truth, tmp_path: Path
) -> None:
    ids = ids_with_originals(demo, 2, skip=10)
    stranger = b"not a photo of this runner"
    write(tmp_path / f"{ids[0]}.jpg", stranger)
    write(tmp_path / f"{ids[1]}.jpg", demo.original_bytes(ids[1]))  # same photo, no journal
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids(ids))
    by_id = {r.image_id: r for r in summary.results}
    assert (tmp_path / f"{ids[0]}.jpg").read_bytes() == stranger
    assert by_id[ids[0]].status is ItemStatus.DOWNLOADED
    assert by_id[ids[0]].file == f"{ids[0]} (2).jpg"
    assert sha_of(tmp_path / by_id[ids[0]].file) == truth.sha(ids[0])
    assert by_id[ids[1]].status is ItemStatus.ALREADY_THERE
    assert by_id[ids[1]].file == f"{ids[1]}.jpg"
    assert by_id[ids[1]].sha256 == truth.sha(ids[1])
    assert leftovers(tmp_path) == []


async def test_bib_job_follows_pagination_page_by_page(
    demo: DemoServer, truth: Truth, tmp_path: Path
) -> None:
    bib = demo.sample_bibs[0]  # the runner with 40 photos
    photos = demo.catalog.photos_for_bib(demo.event_id, bib)
    calls_when_first_done: list[int] = []

    def listen(event: DownloadEvent) -> None:
        if isinstance(event, ItemFinished) and not calls_when_first_done:
            calls_when_first_done.append(demo.stats.api_calls.get("original_photos", 0))

    async with make_client(demo) as client:
        engine = make_engine(client, demo, tmp_path, parallel=2, link_chunk=10, listener=listen)
        summary = await engine.run(DownloadJob.for_bib(bib.lower()))

    with_original = {p.image_id for p in photos if not p.original_missing}
    assert {r.image_id for r in summary.downloaded} == with_original
    assert {r.image_id for r in summary.failed} == {p.image_id for p in photos} - with_original
    assert all(r.reason is FailureReason.NO_LINK for r in summary.failed)
    assert demo.stats.api_calls["original_photos"] == 4  # 40 photos, 10 per page
    assert calls_when_first_done[0] <= 2  # links asked just before use, not all up front
    check_files(tmp_path, {r.image_id or "": r.file for r in summary.downloaded}, truth)


async def test_selfie_job_downloads_the_search_results(demo: DemoServer, tmp_path: Path) -> None:
    request_id = demo.sample_request_ids[0]
    async with make_client(demo) as client:
        found = {i.image_id async for i in client.iter_face_results(demo.event_id, request_id)}
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_selfie(request_id))
    assert {r.image_id for r in summary.results} == found
    assert summary.downloaded


async def test_stale_links_and_error_pages_are_renewed(
    demo: DemoServer, proxy: StorageProxy, truth: Truth, tmp_path: Path
) -> None:
    ids = ids_with_originals(demo, 3, skip=20)
    for name, faults in (("stale", Faults(stale_first=True)), ("html", Faults(html_first=True))):
        folder = tmp_path / name
        demo.stats.reset()
        proxy.reset(faults)
        async with make_client(demo) as client:
            summary = await make_engine(client, demo, folder).run(DownloadJob.for_ids(ids))
        assert summary.complete, summary.failed
        check_files(folder, {r.image_id or "": r.file for r in summary.downloaded}, truth)
        assert demo.stats.api_calls["original_photos"] == 1 + len(ids)  # one renewal each


async def test_links_that_stay_expired_fail_after_bounded_renewals(
    demo: DemoServer, tmp_path: Path
) -> None:
    demo.set_faults(url_ttl_s=0)  # every link is born expired
    ids = ids_with_originals(demo, 2)
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids(ids))
    assert [r.reason for r in summary.failed] == [FailureReason.LINK_EXPIRED] * 2
    assert all(n == 3 for n in demo.stats.storage_gets.values())  # first + two fresh links
    assert demo.stats.api_calls["original_photos"] == 1 + 2 * len(ids)
    assert leftovers(tmp_path) == []
    assert saved_photos(tmp_path) == []


async def test_cut_bodies_continue_with_range(
    demo: DemoServer, truth: Truth, tmp_path: Path
) -> None:
    demo.set_faults(truncate_rate=0.5)
    ids = ids_with_originals(demo, 6, skip=30)
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids(ids))
    assert summary.complete, summary.failed
    assert demo.stats.storage_range_gets  # resumed, not restarted
    check_files(tmp_path, {r.image_id or "": r.file for r in summary.downloaded}, truth)


async def test_a_server_ignoring_range_restarts_the_file(
    demo: DemoServer, proxy: StorageProxy, truth: Truth, tmp_path: Path
) -> None:
    demo.set_faults(truncate_rate=0.5)
    proxy.reset(Faults(strip_range=True))
    ids = ids_with_originals(demo, 4, skip=40)
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids(ids))
    assert summary.complete, summary.failed
    assert not demo.stats.storage_range_gets
    check_files(tmp_path, {r.image_id or "": r.file for r in summary.downloaded}, truth)


async def test_pause_holds_transfers_and_resume_finishes(
    demo: DemoServer, proxy: StorageProxy, tmp_path: Path
) -> None:
    ids = ids_with_originals(demo, 4, skip=50)
    events: list[DownloadEvent] = []
    moved = asyncio.Event()
    loop = asyncio.get_running_loop()
    engines: list[DownloadEngine] = []
    started_while_paused: list[str | None] = []

    def listen(event: DownloadEvent) -> None:
        events.append(event)
        if not engines[0].paused:
            return
        if isinstance(event, ItemStarted):  # late news of a held photo is fine; see below
            started_while_paused.append(event.image_id)
        if isinstance(event, ItemFinished) or (
            isinstance(event, ItemProgress) and event.done > HELD_BYTES
        ):
            moved.set()  # while paused, nothing may finish or grow

    proxy.hold_bodies_at(HELD_BYTES)  # each photo stops after its first bytes, for now
    async with make_client(demo) as client:
        engine = make_engine(client, demo, tmp_path, parallel=2, listener=listen)
        engines.append(engine)
        task = asyncio.ensure_future(engine.run(DownloadJob.for_ids(ids)))
        await until(lambda: part_sizes(tmp_path) == [HELD_BYTES] * 2)
        requests = proxy.requests
        proxy.on_request = lambda _path: loop.call_soon_threadsafe(moved.set)
        engine.pause()
        assert engine.paused and engine.progress().paused
        # both open transfers hang up at once and report where they stopped
        await until(
            lambda: len(proxy.let_go) == 2 and engine.progress().bytes_done == 2 * HELD_BYTES
        )
        assert set(proxy.let_go) <= set(ids)
        proxy.release_bodies()  # only the pause holds the photos back now
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(moved.wait(), QUIET_S)
        assert not moved.is_set(), "a request, a finish or a byte while paused"
        assert proxy.requests == requests
        assert set(started_while_paused) <= set(proxy.let_go), "a new photo started"
        assert engine.progress().bytes_done == 2 * HELD_BYTES
        assert part_sizes(tmp_path) == [HELD_BYTES] * 2
        assert not any(isinstance(e, ItemFinished) for e in events)
        engine.resume()
        summary = await task
    assert summary.complete
    assert not engine.running
    # the paused photos went on from where they stopped, the others started from byte 0
    assert sorted(h.range or "" for h in demo.stats.storage_hits if h.method == "GET") == [
        *[""] * 4,
        *[f"bytes={HELD_BYTES}-"] * 2,
    ]


async def test_cancel_reports_the_rest_and_leaves_no_parts(
    demo: DemoServer, truth: Truth, tmp_path: Path
) -> None:
    ids = ids_with_originals(demo, 12, skip=60)
    engine_ref = []

    def listen(event: DownloadEvent) -> None:
        if isinstance(event, ItemFinished) and event.result.ok:
            engine_ref[0].cancel()

    async with make_client(demo) as client:
        engine = make_engine(client, demo, tmp_path, parallel=2, listener=listen)
        engine_ref.append(engine)
        summary = await engine.run(DownloadJob.for_ids(ids))
    assert summary.cancelled and not summary.complete
    assert len(summary.results) == len(ids)
    assert any(r.status is ItemStatus.CANCELLED for r in summary.results)
    assert leftovers(tmp_path) == []
    check_files(tmp_path, {r.image_id or "": r.file for r in summary.downloaded}, truth)


async def test_a_refused_key_stops_the_batch(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, 3)
    async with make_client(demo, api_key="wrong-key") as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids(ids))
    assert summary.problem is not None
    assert isinstance(summary.problem.error, AccessDenied)
    assert [r.status for r in summary.results] == [ItemStatus.FAILED] * 3
    assert demo.stats.storage_gets == {}
    async with make_client(demo) as client:  # after a restart, with the right key
        later = make_engine(client, demo, tmp_path)
        remembered = await later.failed_items()
        assert sorted(r.image_id or "" for r in remembered) == sorted(ids)
        retried = await later.retry_failed()
    assert retried.complete, retried.failed
    assert sorted(r.image_id or "" for r in retried.downloaded) == sorted(ids)


async def test_retry_failed_asks_fresh_links_for_just_those(
    demo: DemoServer, tmp_path: Path
) -> None:
    ids = ids_with_originals(demo, 5, skip=70)
    async with make_client(demo) as client:
        demo.set_faults(url_ttl_s=0)
        engine = make_engine(client, demo, tmp_path)
        await engine.run(DownloadJob.for_ids(ids[:3]))
        demo.set_faults(url_ttl_s=3600)
        await engine.run(DownloadJob.for_ids(ids[3:]))
        # A new engine (an app restart) still knows the failed list from the journal.
        restarted = make_engine(client, demo, tmp_path)
        assert sorted(r.image_id or "" for r in await restarted.failed_items()) == sorted(ids[:3])
        demo.stats.reset()
        summary = await restarted.retry_failed()
    assert summary.complete
    assert {r.image_id for r in summary.downloaded} == set(ids[:3])
    assert set(demo.stats.storage_gets) == set(ids[:3])


async def test_dismissed_failures_leave_the_failed_list_for_good(
    demo: DemoServer, tmp_path: Path
) -> None:
    ids = ids_with_originals(demo, 2, skip=90)
    async with make_client(demo) as client:
        demo.set_faults(url_ttl_s=0)
        engine = make_engine(client, demo, tmp_path)
        first = await engine.run(DownloadJob.for_ids(ids))
        demo.set_faults(url_ttl_s=3600)
        assert len(first.failed) == 2
        await engine.dismiss_failed([ids[0]])
        assert await engine.failed_ids() == [ids[1]]
        restarted = make_engine(client, demo, tmp_path)
        assert [r.image_id for r in await restarted.failed_items()] == [ids[1]]
        later = await restarted.run(DownloadJob.for_ids(ids[:1]))
    assert later.complete, "a dismissed photo can still be downloaded later"


async def test_events_tell_the_whole_story(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, 3, skip=80)
    events: list[DownloadEvent] = []
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path, listener=events.append).run(
            DownloadJob.for_ids(ids)
        )
    assert isinstance(events[-1], BatchFinished) and events[-1].summary is summary
    assert sum(isinstance(e, BatchFinished) for e in events) == 1
    for image_id in ids:
        mine = [e for e in events if getattr(e, "key", None) == image_id]
        kinds = [type(e) for e in mine]
        assert kinds[0] is ItemQueued and kinds[1] is ItemStarted
        started = mine[1]
        assert isinstance(started, ItemStarted) and started.total_bytes
        finished = [e for e in events if isinstance(e, ItemFinished) and e.result.key == image_id]
        assert len(finished) == 1
    last = [e for e in events if isinstance(e, BatchProgress)][-1].snapshot
    assert last.items_total == 3 and last.items_finished == 3 and last.downloaded == 3
    assert last.bytes_done == last.bytes_total == sum(r.size or 0 for r in summary.results)


async def test_a_part_holding_every_byte_is_finished_without_fetching_again(
    demo: DemoServer, tmp_path: Path
) -> None:
    """Killed after the last byte was written, before the rename: the Range request for
    the rest is answered 416 with the full size, and the part becomes the photo."""
    [image_id] = ids_with_originals(demo, 1, skip=70)
    data = demo.original_bytes(image_id)
    name = f"{image_id}.jpg"
    journal = Journal.load(tmp_path, demo.event_id)
    journal.started(image_id, name, len(data), "", image_id)
    journal.close()
    write(tmp_path / (name + ".part"), data)
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids([image_id]))
    assert summary.complete, summary.failed
    assert (tmp_path / name).read_bytes() == data
    assert saved_photos(tmp_path) == [name]
    gets = [h for h in demo.stats.storage_hits if h.image_id == image_id and h.method == "GET"]
    assert [(h.range, h.status) for h in gets] == [(f"bytes={len(data)}-", 416)]
