"""`download --from/--to` and `download --all` against the real stand-in over loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.cli import main
from app.demo.server import DemoServer
from app.demo.world import SELFIE_OFF_EVENT_ID
from tests.integration.support import sha_of
from tests.standin import reset_knobs

ROOT = Path(__file__).resolve().parents[2]
PAST_EVENT_ID = 101
"""Timeline switched off."""


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer, monkeypatch: pytest.MonkeyPatch) -> DemoServer:
    monkeypatch.setenv("NINEPIC_API_KEY", shared_demo.api_key)
    return reset_knobs(shared_demo)


def _args(demo: DemoServer, *more: str, event: int | None = None) -> list[str]:
    base = ["download", "--api-url", demo.base_url, "--org", str(demo.org_id)]
    return [*base, "--event", str(event or demo.event_id), *more]


def _iso(moment: int, tz: timezone = UTC) -> str:
    return datetime.fromtimestamp(moment, tz).isoformat()


def _window_with_originals(demo: DemoServer, count: int) -> tuple[int, int, list[str]]:
    """A window of `count` photos, none of them the one whose original is missing."""
    photos = [p for p in demo.catalog.photos(demo.event_id) if p.captured_at is not None]
    for first in range(100, len(photos) - count):
        chosen = photos[first : first + count]
        start, end = chosen[0].captured_at or 0, (chosen[-1].captured_at or 0) + 1
        inside = [p for p in photos if start <= (p.captured_at or 0) < end]
        if len(inside) == count and not any(p.original_missing for p in inside):
            return start, end, [p.image_id for p in inside]
    raise AssertionError("no such window")


def _report(capsys: pytest.CaptureFixture[str]) -> tuple[dict[str, object], str]:
    out = capsys.readouterr()
    return json.loads(out.out), out.err


def test_from_to_downloads_exactly_the_photos_of_the_window(
    demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start, end, wanted = _window_with_originals(demo, 4)
    window = ["--from", _iso(start), "--to", _iso(end), "--out", str(tmp_path), "--json"]
    assert main(_args(demo, *window, "--parallel", "2")) == 0
    report, err = _report(capsys)
    assert report["counts"] == {"downloaded": 4, "skipped": 0, "failed": 0}
    saved = report["downloaded"]
    assert isinstance(saved, list)
    assert sorted(r["image_id"] for r in saved) == sorted(wanted)
    for row in saved:
        assert sha_of(tmp_path / row["file"]) == row["sha256"]
    assert "4 downloaded, 0 already there, 0 failed" in err

    assert main(_args(demo, *window)) == 0  # again: nothing fetched twice
    report, _ = _report(capsys)
    assert report["counts"] == {"downloaded": 0, "skipped": 4, "failed": 0}


def test_a_time_without_an_offset_is_local_time(demo: DemoServer, tmp_path: Path) -> None:
    start, end, wanted = _window_with_originals(demo, 2)
    plus_two = timezone(timedelta(hours=2))
    naive = [
        datetime.fromtimestamp(t, plus_two).replace(tzinfo=None).isoformat() for t in (start, end)
    ]
    env = {**os.environ, "NINEPIC_API_KEY": demo.api_key, "TZ": "Etc/GMT-2"}  # UTC+2
    window = ["--from", naive[0], "--to", naive[1], "--out", str(tmp_path), "--json"]
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", *_args(demo, *window)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert sorted(r["image_id"] for r in report["downloaded"]) == sorted(wanted)
    assert all(r["file"].startswith(f"{naive[0][11:13]}") for r in report["downloaded"])


def test_a_window_with_a_missing_original_exits_1_listing_it(
    demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (missing,) = demo.catalog.missing_originals(demo.event_id)
    photo = demo.catalog.photo(missing)
    assert photo is not None and photo.captured_at is not None
    at = photo.captured_at
    window = ["--from", _iso(at), "--to", _iso(at + 1), "--out", str(tmp_path), "--json"]
    assert main(_args(demo, *window)) == 1
    report, err = _report(capsys)
    failed = report["failed"]
    assert isinstance(failed, list) and [r["image_id"] for r in failed] == [missing]
    assert "Not downloaded:" in err and missing in err


def test_all_downloads_every_photo_of_the_event(
    demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    every = [p.image_id for p in demo.catalog.photos(SELFIE_OFF_EVENT_ID)]
    assert not demo.catalog.missing_originals(SELFIE_OFF_EVENT_ID)
    argv = _args(demo, "--all", "--out", str(tmp_path), "--json", event=SELFIE_OFF_EVENT_ID)
    assert main(argv) == 0
    report, err = _report(capsys)
    assert report["counts"] == {"downloaded": len(every), "skipped": 0, "failed": 0}
    assert sorted(r["image_id"] for r in report["downloaded"]) == sorted(every)
    assert sorted(p.name for p in tmp_path.glob("all_*.jpg")) == [
        f"all_{n:04}.jpg" for n in range(1, len(every) + 1)
    ]
    assert f"{len(every)} downloaded" in err


def test_an_empty_window_finds_nothing_and_leaves_no_folder(
    demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = min(p.captured_at or 0 for p in demo.catalog.photos(demo.event_id) if p.captured_at)
    out = tmp_path / "new"
    argv = _args(demo, "--from", _iso(first - 600), "--to", _iso(first), "--out", str(out))
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "No photos for the time window " in err
    assert not out.exists()
    assert main(_args(demo, "--all", "--out", str(out), event=458)) == 0  # no photos at all
    assert "No photos for the whole event." in capsys.readouterr().err


def test_an_event_without_timeline_exits_3_saying_so(
    demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _args(
        demo, "--from", "2026-04-19T10:00Z", "--to", "2026-04-19T11:00Z", "--out", str(tmp_path)
    )
    assert main([*argv[:-4], "--event", str(PAST_EVENT_ID), *argv[-4:]]) == 3
    err = capsys.readouterr().err
    assert "This event has the photo timeline switched off." in err


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (["--from", "10:42", "--to", "2026-04-19T11:00"], "'10:42' is not an ISO 8601 time"),
        (["--from", "2026-04-19T11:00", "--to", "soon"], "'soon' is not an ISO 8601 time"),
        (["--from", "2026-04-19T11:00"], "--from needs --to"),
        (["--bib", "1488", "--to", "2026-04-19T11:00"], "--to needs --from"),
        (["--from", "2026-04-19T11:00", "--to", "2026-04-19T10:00"], "--to must come after"),
    ],
)
def test_bad_times_exit_2_with_a_clear_error_and_no_call(
    demo: DemoServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    given: list[str],
    says: str,
) -> None:
    demo.stats.reset()
    assert main(_args(demo, *given, "--out", str(tmp_path))) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("photo-retriever: ") and says in err[0], err
    assert demo.stats.api_calls == {}


@pytest.mark.parametrize("other", [["--bib", "1488"], ["--selfie", "x"], ["--ids", "a"]])
def test_all_and_from_exclude_the_other_searches(demo: DemoServer, other: list[str]) -> None:
    for mine in (["--all"], ["--from", "2026-04-19T10:00", "--to", "2026-04-19T11:00"]):
        with pytest.raises(SystemExit) as stop:
            main(_args(demo, *mine, *other, "--out", "x"))
        assert stop.value.code == 2


def test_help_says_naive_times_are_local(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["download", "--help"])
    assert stop.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--from TIME" in text and "--to TIME" in text and "--all" in text
    assert "without an offset is this computer's local time" in text
    assert "every photo of the event" in text
