"""Bounded block work (`TransferPolicy.cpu_slots`, what the window sets): every photo is
still saved whole, the halves of a split photo included, and no more blocks are hashed
and written at once than the bound allows."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.downloads import DownloadJob, ItemStatus
from app.core.downloads.transfer_context import TransferPolicy, leave_a_core
from app.core.downloads.writer import PartFile
from app.demo.server import DemoServer
from tests.integration.support import (
    FAST_TRANSFER,
    StorageProxy,
    Truth,
    calm,
    ids_with_originals,
    leftovers,
    make_client,
    make_engine,
    sha_of,
)

pytestmark = pytest.mark.anyio


@pytest.fixture
def demo(shared_behind_proxy: tuple[DemoServer, StorageProxy]) -> Iterator[DemoServer]:
    yield calm(shared_behind_proxy)[0]
    calm(shared_behind_proxy)


class WriteWatch:
    """Counts the block writes in progress at once (the real writes still run)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._now = 0
        self.most = 0
        self.writes = 0

    def wrap(self, write: object) -> object:
        def watched(part: PartFile, data: bytes) -> None:
            with self._lock:
                self._now += 1
                self.writes += 1
                self.most = max(self.most, self._now)
            try:
                write(part, data)  # type: ignore[operator]
            finally:
                with self._lock:
                    self._now -= 1

        return watched


def test_leave_a_core_bounds_the_block_work_to_all_cores_but_one() -> None:
    policy = leave_a_core(FAST_TRANSFER)
    assert policy.cpu_slots == max(1, (os.cpu_count() or 2) - 1)
    assert dataclasses.replace(policy, cpu_slots=None) == FAST_TRANSFER
    assert TransferPolicy().cpu_slots is None  # the headless download is not bounded


async def test_one_slot_saves_every_photo_whole_one_block_at_a_time(
    demo: DemoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watch = WriteWatch()
    monkeypatch.setattr(PartFile, "write", watch.wrap(PartFile.write))
    ids = ids_with_originals(demo, 8)
    transfer = dataclasses.replace(FAST_TRANSFER, cpu_slots=1)
    async with make_client(demo) as client:
        engine = make_engine(
            client, demo, tmp_path, parallel=6, transfer=transfer, split_first=True
        )
        summary = await engine.run(DownloadJob.for_ids(ids))

    assert [r.status for r in summary.results] == [ItemStatus.DOWNLOADED] * len(ids)
    truth = Truth(demo)
    assert all(sha_of(tmp_path / r.file) == truth.sha(r.image_id or "") for r in summary.results)
    assert leftovers(tmp_path) == []
    assert watch.writes > len(ids)  # many blocks each, from six transfers at once
    assert watch.most == 1
