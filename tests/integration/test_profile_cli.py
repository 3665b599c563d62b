"""The organiser profile on the command line: `--config`, the shipped file, flags win."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.core.profile import PROFILE_NAME
from app.demo.server import DemoServer
from tests.integration.support import ids_with_originals
from tests.standin import reset_knobs

MARKER = "MARKER-profile-key-4f1e"


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoServer]:
    """The stand-in, its key in the environment, and the root logger put back afterwards
    (`main` installs its own redacting handler)."""
    monkeypatch.setenv("NINEPIC_API_KEY", shared_demo.api_key)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield reset_knobs(shared_demo)
    root.handlers[:], root.level = handlers, level


def write_profile(
    folder: Path, demo: DemoServer, *, event: int | None = None, extra: str = ""
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / PROFILE_NAME
    path.write_text(
        f'api_url = "{demo.base_url}"\norg = {demo.org_id}\n'
        f"event = {demo.event_id if event is None else event}\n"
        f'title = "City Marathon photos"\n{extra}',
        encoding="utf-8",
    )
    return path


def jpegs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.jpg"))


@pytest.mark.parametrize("before", [True, False], ids=["before-command", "after-command"])
def test_download_reads_config_before_or_after_the_command(
    demo: DemoServer, tmp_path: Path, before: bool
) -> None:
    profile = write_profile(tmp_path / "shop", demo)
    ids = ids_with_originals(demo, 2, skip=40)
    rest = ["--ids", *ids, "--out", str(tmp_path / "out")]
    argv = (
        ["--config", str(profile), "download", *rest]
        if before
        else ["download", "--config", str(profile), *rest]
    )
    assert main(argv) == 0
    assert len(jpegs(tmp_path / "out")) == 2


def test_a_profile_beside_the_executable_is_used_without_a_flag(
    demo: DemoServer, tmp_path: Path
) -> None:
    app_dir = tmp_path / "bundle"
    write_profile(app_dir, demo)
    ids = ids_with_originals(demo, 1, skip=60)
    assert main(["download", "--ids", *ids, "--out", str(tmp_path / "o")], app_dir=app_dir) == 0
    assert len(jpegs(tmp_path / "o")) == 1


def test_flags_win_over_the_profile(
    demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The profile names a host where nothing listens and an event that does not exist;
    each flag given replaces its field, the others still come from the profile."""
    app_dir = tmp_path / "bundle"
    path = write_profile(app_dir, demo, event=987654)
    path.write_text(path.read_text().replace(demo.base_url, "http://127.0.0.1:9"))
    ids = ids_with_originals(demo, 1, skip=80)
    out = tmp_path / "o"
    plain = ["download", "--ids", *ids, "--out", str(out)]
    url_only = ["--api-url", demo.base_url, *plain]
    assert main(url_only, app_dir=app_dir) == 3  # the profile's event, on the flag's host
    assert "Not found" in capsys.readouterr().err
    assert demo.stats.api_calls  # it did reach the stand-in named by the flag
    assert main([*url_only, "--event", str(demo.event_id)], app_dir=app_dir) == 0
    assert len(jpegs(out)) == 1


def test_config_flag_wins_over_the_shipped_profile(demo: DemoServer, tmp_path: Path) -> None:
    shipped = write_profile(tmp_path / "bundle", demo, extra=f'api_key = "{MARKER}"\n')
    chosen = write_profile(tmp_path / "mine", demo)
    ids = ids_with_originals(demo, 1, skip=90)
    argv = ["download", "--config", str(chosen), "--ids", *ids, "--out", str(tmp_path / "o")]
    assert main(argv, app_dir=shipped.parent) == 0


def test_a_profile_with_a_key_is_refused_with_exit_2(
    demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_profile(tmp_path, demo, extra=f'[kiosk]\nAPI_KEY = "{MARKER}"\n')
    out = tmp_path / "o"
    assert main(["--config", str(path), "download", "--bib", "1488", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert MARKER not in captured.err + captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "kiosk.API_KEY" in lines[0] and str(path) in lines[0]
    assert "keys do not belong in files that are handed out" in lines[0]
    assert not out.exists()
    assert demo.stats.api_calls == {}


def test_a_bad_toml_profile_is_refused_with_exit_2(
    demo: DemoServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app_dir = tmp_path / "bundle"
    app_dir.mkdir()
    (app_dir / PROFILE_NAME).write_text('api_url = "https://api.9pic.ai"\norg 7\nevent = 1\n')
    assert main(["download", "--bib", "1488", "--out", str(tmp_path / "o")], app_dir=app_dir) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("photo-retriever: ") and "not valid TOML" in err and "line 2" in err
    assert len(err.splitlines()) == 1
