"""The batch's first big photo in two halves on two connections: saved whole and
byte-identical, whatever happens to either half."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.downloads import DownloadJob, ItemStatus
from app.demo.server import DemoServer
from app.terminal_words import item_text
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
    sha_of,
)

pytestmark = pytest.mark.anyio


@pytest.fixture
def behind_proxy(
    shared_behind_proxy: tuple[DemoServer, StorageProxy],
) -> Iterator[tuple[DemoServer, StorageProxy]]:
    yield calm(shared_behind_proxy)
    calm(shared_behind_proxy)


async def _download(demo: DemoServer, folder: Path, ids: list[str], parallel: int = 3) -> object:
    async with make_client(demo) as client:
        engine = make_engine(client, demo, folder, parallel=parallel, split_first=True)
        return await engine.run(DownloadJob.for_ids(ids))


def _check_whole(demo: DemoServer, folder: Path, summary: object, ids: list[str]) -> None:
    results = summary.results  # type: ignore[attr-defined]
    failed = [item_text(r) for r in results if r.status is not ItemStatus.DOWNLOADED]
    assert failed == []
    truth = Truth(demo)
    files = {r.image_id: r.file for r in results}
    assert sorted(files) == sorted(ids)
    assert all(sha_of(folder / name) == truth.sha(i) for i, name in files.items())
    assert all(r.sha256 == truth.sha(r.image_id) for r in results)
    assert done_in_journal(folder) == files
    assert leftovers(folder) == []
    assert not [t for t in threading.enumerate() if t.name == "photo-writer-half"]  # joined


async def test_the_first_photo_comes_in_two_halves(
    behind_proxy: tuple[DemoServer, StorageProxy], tmp_path: Path
) -> None:
    demo, _proxy = behind_proxy
    ids = ids_with_originals(demo, 5, skip=200)
    summary = await _download(demo, tmp_path, ids)
    _check_whole(demo, tmp_path, summary, ids)
    ranged = [h for h in demo.stats.storage_hits if h.range]
    assert len(ranged) == 1  # one photo split, once; the others in one piece
    half = ranged[0]
    size = len(demo.original_bytes(half.image_id))
    assert half.range == f"bytes={size // 2}-{size - 1}" and half.status == 206
    assert demo.stats.storage_gets[half.image_id] == 2


async def test_one_photo_alone_is_split_too(
    behind_proxy: tuple[DemoServer, StorageProxy], tmp_path: Path
) -> None:
    demo, _proxy = behind_proxy
    ids = ids_with_originals(demo, 1, skip=210)
    summary = await _download(demo, tmp_path, ids, parallel=1)
    _check_whole(demo, tmp_path, summary, ids)
    assert demo.stats.storage_range_gets == {ids[0]: 1}


async def test_a_host_that_ignores_ranges_still_gives_whole_photos(
    behind_proxy: tuple[DemoServer, StorageProxy], tmp_path: Path
) -> None:
    """The second half is answered 200 (the whole photo): it is dropped, and the photo
    is finished by the transfer's own next attempt."""
    demo, proxy = behind_proxy
    proxy.reset(Faults(strip_range=True))
    ids = ids_with_originals(demo, 3, skip=220)
    summary = await _download(demo, tmp_path, ids)
    _check_whole(demo, tmp_path, summary, ids)


@pytest.mark.parametrize("batch", range(12))
async def test_split_photos_through_errors_and_cut_bodies(
    behind_proxy: tuple[DemoServer, StorageProxy], tmp_path: Path, batch: int
) -> None:
    """One photo a batch (so each is split), through 5xx answers, 429 bursts and bodies
    cut short on either half: every file ends byte-identical, nothing left behind."""
    demo, proxy = behind_proxy
    demo.set_faults(truncate_rate=0.3)
    proxy.reset(Faults(error_rate=0.3, burst_every=5, burst_len=2, retry_after="0"))
    ids = ids_with_originals(demo, 1, skip=230 + batch)
    summary = await _download(demo, tmp_path, ids, parallel=1)
    _check_whole(demo, tmp_path, summary, ids)
