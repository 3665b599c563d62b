"""Disk trouble: full, read-only, or gone mid-batch. A clear error, never a corrupt photo
under a final name, and a journal that only claims what is really on disk."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.downloads import DownloadEvent, DownloadJob, FailureReason, ItemFinished
from app.demo.server import DemoConfig, DemoServer
from app.terminal_words import problem_text
from tests.integration.support import (
    Truth,
    done_in_journal,
    ids_with_originals,
    make_client,
    make_engine,
    sha_of,
)
from tests.standin import reset_knobs

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig(retry_after_s=0)) as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    """The module's stand-in with every knob as it started and its counters zeroed."""
    return reset_knobs(shared_demo)


@pytest.fixture
def truth(demo: DemoServer) -> Truth:
    return Truth(demo)


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """A tmpfs of a given size (root only); remount(size) changes it."""
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        point = tmp_path / "disk"
        if point in mounted:
            run(["mount", "-o", f"remount,{options}", str(point)])
        else:
            point.mkdir()
            if not run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)]):
                pytest.skip("cannot mount a tmpfs here")
            mounted.append(point)
        return point

    if not can_mount():
        pytest.skip("mounting a tiny filesystem needs root")
    yield mount
    for point in mounted:
        run(["umount", "-l", str(point)])


def run(command: list[str]) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def assert_disk_tells_the_truth(folder: Path, truth: Truth) -> None:
    """Every visible photo is whole, and every journal 'done' is a whole photo."""
    for path in folder.iterdir():
        if path.suffix == ".jpg":
            image_id = path.name.removesuffix(".jpg").split(" ")[0]
            assert sha_of(path) == truth.sha(image_id), path.name
    for image_id, name in done_in_journal(folder).items():
        assert sha_of(folder / name) == truth.sha(image_id)


async def test_disk_full_on_a_tiny_filesystem(
    demo: DemoServer, truth: Truth, tiny_disk: Callable[[str], Path]
) -> None:
    folder = tiny_disk("size=12m")
    ids = ids_with_originals(demo, 8, skip=100)
    async with make_client(demo) as client:
        engine = make_engine(client, demo, folder, parallel=2)
        summary = await engine.run(DownloadJob.for_ids(ids))
        assert summary.problem is not None
        assert summary.problem.reason is FailureReason.DISK_FULL
        assert "disk is full" in problem_text(summary.problem)
        assert any(r.reason is FailureReason.DISK_FULL for r in summary.failed)
        assert len(summary.results) == len(ids)
        assert_disk_tells_the_truth(folder, truth)

        tiny_disk("size=64m")  # the user frees space; run the same job again
        again = await engine.run(DownloadJob.for_ids(ids))
    assert again.complete, again.failed
    assert_disk_tells_the_truth(folder, truth)


async def test_disk_full_injected(
    demo: DemoServer, truth: Truth, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC from write(2) in the engine's writer threads after a byte budget."""
    real_write = os.write
    budget = [9_000_000]
    lock = threading.Lock()

    def write(fd: int, data: bytes | memoryview) -> int:
        if threading.current_thread().name.startswith("photo-writer"):
            with lock:
                budget[0] -= len(data)
                if budget[0] < 0:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    ids = ids_with_originals(demo, 6, skip=110)
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_ids(ids))
    monkeypatch.undo()
    assert summary.problem is not None and summary.problem.reason is FailureReason.DISK_FULL
    assert summary.failed
    assert_disk_tells_the_truth(tmp_path, truth)


@pytest.fixture
def readonly_folder(tmp_path: Path) -> Iterator[Path]:
    """Read-only for real: a read-only mount as root (root ignores modes), else chmod."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    if can_mount():
        if not run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(folder)]):
            pytest.skip("cannot mount a tmpfs here")
        yield folder
        run(["umount", "-l", str(folder)])
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


async def test_unwritable_folder_is_a_clear_error(demo: DemoServer, readonly_folder: Path) -> None:
    folder = readonly_folder
    ids = ids_with_originals(demo, 2)
    async with make_client(demo) as client:
        summary = await make_engine(client, demo, folder).run(DownloadJob.for_ids(ids))
    assert summary.problem is not None
    assert summary.problem.reason is FailureReason.PERMISSION_DENIED
    assert "cannot be written" in problem_text(summary.problem)
    assert [r.reason for r in summary.results] == [FailureReason.PERMISSION_DENIED] * 2
    assert demo.stats.storage_gets.keys().isdisjoint(ids)


async def test_folder_removed_mid_batch(demo: DemoServer, truth: Truth, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    ids = ids_with_originals(demo, 10, skip=120)

    def pull_the_stick(event: DownloadEvent) -> None:
        if isinstance(event, ItemFinished) and folder.exists():
            shutil.rmtree(folder)

    async with make_client(demo) as client:
        engine = make_engine(client, demo, folder, parallel=3, listener=pull_the_stick)
        summary = await engine.run(DownloadJob.for_ids(ids))
        assert summary.problem is not None
        assert summary.problem.reason is FailureReason.FOLDER_MISSING
        assert "missing" in problem_text(summary.problem)
        assert len(summary.results) == len(ids)

        engine.listener = None  # plugged back in
        again = await engine.run(DownloadJob.for_ids(ids))
    assert again.complete, again.failed
    assert_disk_tells_the_truth(folder, truth)
