"""`photo-retriever download --selfie ID --clips` as a user runs it, against the stand-in."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.demo.clips import clip_bytes
from app.demo.samples import selfie_bytes, unknown_selfie_bytes
from app.demo.server import DemoConfig, DemoServer
from tests.integration.test_headless_download import run_cli
from tests.standin import reset_knobs


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    return reset_knobs(shared_demo)


def fresh_search(demo: DemoServer, bib: str | None) -> str:
    """A new selfie search (of `bib`'s runner, None: of nobody), so its clip job starts
    under this test's knobs."""
    rid = str(uuid.uuid4())
    selfie = selfie_bytes(bib) if bib is not None else unknown_selfie_bytes()
    answer = httpx.post(
        f"{demo.base_url}/api/v1/ext/{demo.org_id}/event/{demo.event_id}/faces",
        headers={"X-API-Key": demo.api_key},
        files={"selfie": ("me.jpg", selfie, "image/jpeg")},
        data={"request_id": rid},
    )
    assert answer.status_code == 200
    return rid


def test_clips_of_a_selfie_search_are_saved_as_mp4(demo: DemoServer, tmp_path: Path) -> None:
    rid = fresh_search(demo, demo.sample_bibs[0])
    done = run_cli(
        demo,
        "--selfie",
        rid,
        "--clips",
        "--out",
        str(tmp_path),
        "--json",
        "--progress-every",
        "0.01",
    )
    assert done.returncode == 0, done.stderr
    job = demo.searches.video(rid)
    assert job is not None
    clips = job.clips()
    report = json.loads(done.stdout)
    assert report["counts"] == {"downloaded": len(clips), "skipped": 0, "failed": 0}
    assert "Video clips: waiting for the service to start…" in done.stderr
    assert f"Video clips: {len(clips)} ready." in done.stderr
    assert f"{len(clips)}/{len(clips)} saved" in done.stderr  # the last progress line
    saved = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert saved == [f"clip_{n:04}.mp4" for n in range(1, len(clips) + 1)]
    for n, clip in enumerate(clips, 1):
        assert (tmp_path / f"clip_{n:04}.mp4").read_bytes() == clip_bytes(
            clip.duration_s, f"{rid}/{clip.index}"
        )
    assert not any(p.name.endswith(".jpg") for p in tmp_path.iterdir())

    again = run_cli(demo, "--selfie", rid, "--clips", "--out", str(tmp_path), "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["counts"]["skipped"] == len(clips)


def test_a_failed_clip_job_exits_1_and_says_so(demo: DemoServer, tmp_path: Path) -> None:
    demo.set_faults(video_fail_rate=1.0)
    rid = fresh_search(demo, demo.sample_bibs[0])
    out = tmp_path / "clips"
    done = run_cli(demo, "--selfie", rid, "--clips", "--out", str(out))
    assert done.returncode == 1
    assert "The service could not make the video clips." in done.stderr
    assert not out.exists()  # nothing came: no empty folder left behind


def test_a_search_without_clips_says_so_and_exits_0(demo: DemoServer, tmp_path: Path) -> None:
    nobody = fresh_search(demo, None)  # a face nobody in the event has: no clips either
    done = run_cli(demo, "--selfie", nobody, "--clips", "--out", str(tmp_path / "none"))
    assert done.returncode == 0, done.stderr
    assert "Video clips: 0 ready." in done.stderr
    assert f"No video clips for the selfie search {nobody}." in done.stderr
    assert not (tmp_path / "none").exists()


def test_clips_need_a_selfie_search_and_a_good_id(demo: DemoServer, tmp_path: Path) -> None:
    bib = run_cli(demo, "--bib", demo.sample_bibs[0], "--clips", "--out", str(tmp_path))
    assert bib.returncode == 2 and "--clips needs --selfie" in bib.stderr
    bad = run_cli(demo, "--selfie", "not-a-uuid", "--clips", "--out", str(tmp_path))
    assert bad.returncode == 2 and "is not a selfie search id" in bad.stderr
    unknown = run_cli(demo, "--selfie", str(uuid.uuid4()), "--clips", "--out", str(tmp_path))
    assert unknown.returncode == 3 and "Not found" in unknown.stderr
    rid = demo.sample_request_ids[0]
    no_event = run_cli(demo, "--event", "99999", "--selfie", rid, "--clips", "--out", str(tmp_path))
    assert no_event.returncode == 3 and "Not found: the event" in no_event.stderr
    assert not any(tmp_path.iterdir())


def test_switched_off_video_is_a_clear_error(tmp_path: Path) -> None:
    with DemoServer(DemoConfig(video_clipping=False)) as off:
        rid = off.sample_request_ids[0]
        done = run_cli(off, "--selfie", rid, "--clips", "--out", str(tmp_path / "x"))
    assert done.returncode == 3
    assert "This event has video clips switched off." in done.stderr
    assert not (tmp_path / "x").exists()
