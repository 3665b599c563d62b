"""kill -9 mid-batch, then the same command again: it completes, and no finished photo
is fetched a second time (counted by the stand-in); partial ones continue with Range."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo.server import DemoServer
from tests.integration.support import Truth, done_in_journal, ids_with_originals, leftovers, sha_of
from tests.standin import reset_knobs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    """The module's stand-in with every knob as it started and its counters zeroed."""
    return reset_knobs(shared_demo)


def download(
    demo: DemoServer, ids: list[str], out: Path, *extra: str, quiet: bool = False
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "app.cli",
        "--api-url",
        demo.base_url,
        "--org",
        str(demo.org_id),
        "--event",
        str(demo.event_id),
        "download",
        "--out",
        str(out),
        "--name-pattern",
        "{image_id}",  # parts and files named by id, so the test can tell them apart
        *extra,
        "--ids",
        *ids,
    ]
    env = {**os.environ, "NINEPIC_API_KEY": demo.api_key}
    pipe = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=pipe, stderr=pipe)


def part_sizes(folder: Path) -> dict[str, int]:
    return {
        p.name.removesuffix(".jpg.part"): p.stat().st_size
        for p in folder.glob("*.part")
        if p.stat().st_size > 0
    }


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_kill_mid_batch_then_resume(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, 40, skip=200)
    out = tmp_path / "out"
    first = download(demo, ids, out, "--parallel", "3", quiet=True)
    deadline = time.monotonic() + 60
    while len(done_in_journal(out)) < 6:
        assert first.poll() is None, "finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    first.send_signal(signal.SIGKILL)
    first.wait()

    finished = done_in_journal(out)
    partial = part_sizes(out)
    assert 6 <= len(finished) < len(ids)
    gets_before = demo.stats.storage_gets
    assert set(finished) <= set(gets_before)  # it really talked to this stand-in
    hits_before = len(demo.stats.storage_hits)

    second = download(demo, ids, out, "--parallel", "3", "--json")
    stdout, stderr = second.communicate(timeout=120)
    assert second.returncode == 0, stderr.decode()

    gets_after = demo.stats.storage_gets
    for image_id in finished:
        assert gets_after.get(image_id) == gets_before.get(image_id), image_id
    resumed = demo.stats.storage_hits[hits_before:]
    for image_id in partial:
        first_again = next(h for h in resumed if h.image_id == image_id)
        assert first_again.range == f"bytes={partial[image_id]}-"
    truth = Truth(demo)
    for image_id in ids:
        assert sha_of(out / f"{image_id}.jpg") == truth.sha(image_id)
    assert leftovers(out) == []
    assert b'"downloaded"' in stdout
