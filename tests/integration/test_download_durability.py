"""Crash safety with shared fsyncs: every photo's part file is fsynced before its rename,
the folder after the rename, and the journal after that, before the photo is reported."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.downloads import DownloadJob, ItemStatus
from app.core.downloads.journal import JOURNAL_NAME
from app.demo.server import DemoConfig, DemoServer
from tests.integration.support import ids_with_originals, make_client, make_engine

pytestmark = [
    pytest.mark.anyio,
    pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="names fds via /proc"),
]


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig(retry_after_s=0)) as server:
        yield server


class DiskLog:
    """Every fsync (by the path of its descriptor) and rename, in the order they ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ops: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        real_fsync, real_link, real_replace = os.fsync, os.link, os.replace

        def fsync(fd: int) -> None:
            path = os.readlink(f"/proc/self/fd/{fd}")
            real_fsync(fd)
            self._note("fsync", path)

        def link(src: str | Path, dst: str | Path, *args: object, **kw: object) -> None:
            real_link(src, dst, *args, **kw)  # type: ignore[arg-type]
            self._note("rename", f"{src}\n{dst}")

        def replace(src: str | Path, dst: str | Path, *args: object, **kw: object) -> None:
            real_replace(src, dst, *args, **kw)  # type: ignore[arg-type]
            self._note("rename", f"{src}\n{dst}")

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "link", link)
        monkeypatch.setattr(os, "replace", replace)

    def _note(self, op: str, what: str) -> None:
        with self._lock:
            self.ops.append((op, what))

    def index(self, op: str, what: str, after: int = -1) -> int:
        """Where `op` on `what` first ran after position `after` (-1: never)."""
        for n, entry in enumerate(self.ops):
            if n > after and entry == (op, what):
                return n
        return -1


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path.resolve()  # as /proc names the descriptors


async def test_part_then_rename_then_folder_then_journal(
    demo: DemoServer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = ids_with_originals(demo, 12)
    log = DiskLog(monkeypatch)
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, folder, parallel=8).run(DownloadJob.for_ids(ids))
    monkeypatch.undo()
    saved = [r for r in summary.results if r.status is ItemStatus.DOWNLOADED]
    assert len(saved) == len(ids)
    for result in saved:
        final = str(folder / result.file)
        renamed = log.index("rename", f"{final}.part\n{final}")
        assert renamed > 0, result.file
        assert -1 < log.index("fsync", f"{final}.part") < renamed  # the data, before the name
        folder_synced = log.index("fsync", str(folder), after=renamed)
        assert folder_synced > renamed  # the rename itself is durable
        assert log.index("fsync", str(folder / JOURNAL_NAME), after=folder_synced) > 0
    syncs = [what for op, what in log.ops if op == "fsync"]
    assert syncs.count(str(folder)) <= len(saved)  # shared when photos finish together
