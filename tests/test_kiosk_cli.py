"""The kiosk's command line: flags into `KioskOptions`, `set-kiosk-pin`, and no kiosk
without a staff PIN."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.cli import build_parser, main, remembered_service
from app.core.kiosk.options import DEFAULT_IDLE_S
from app.core.kiosk.pin import verify_pin
from app.core.profile import KioskProfile
from app.core.settings import Settings, load_settings, save_settings
from app.demo.server import DemoServer
from app.kiosk_command import kiosk_options, run_set_pin


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PHOTO_RETRIEVER_CONFIG_DIR", str(tmp_path))
    return tmp_path


def answers(*typed: str) -> Callable[[str], str]:
    given: Iterator[str] = iter(typed)
    return lambda _prompt: next(given)


def test_flags_become_kiosk_options(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["--kiosk", "--idle-seconds", "45", "--export-dir", str(tmp_path), "--no-phone"]
    )
    options = kiosk_options(args)
    assert options is not None
    assert options.idle_seconds == 45
    assert options.export_dir == tmp_path
    assert not options.phone_handoff
    defaults = kiosk_options(build_parser().parse_args(["--kiosk"]))
    assert defaults is not None and defaults.idle_seconds == DEFAULT_IDLE_S
    assert kiosk_options(build_parser().parse_args([])) is None


def test_the_profile_kiosk_table_fills_what_the_flags_leave_open(tmp_path: Path) -> None:
    assert run_set_pin(answers("73519", "73519")) == 0
    shipped = KioskProfile(
        enabled=True, idle_seconds=30, export_dir=str(tmp_path), phone_handoff=False
    )
    options = kiosk_options(build_parser().parse_args([]), shipped)
    assert options is not None, "enabled = true starts the kiosk without --kiosk"
    assert (options.idle_seconds, options.export_dir) == (30, tmp_path)
    assert not options.phone_handoff
    assert options.pin_hash == load_settings().kiosk_pin_hash, "the PIN is this computer's"
    flagged = kiosk_options(build_parser().parse_args(["--idle-seconds", "60"]), shipped)
    assert flagged is not None and flagged.idle_seconds == 60, "a flag wins over the profile"
    assert str(options.pin_hash) not in repr(flagged), "the PIN hash stays out of reprs"
    assert kiosk_options(build_parser().parse_args([]), KioskProfile()) is None


@pytest.mark.parametrize("value", ["2", "soon"])
def test_a_bad_idle_time_is_a_usage_error(value: str) -> None:
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["--kiosk", "--idle-seconds", value])
    assert done.value.code == 2


def test_set_kiosk_pin_stores_only_a_hash(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_set_pin(answers("73519", "73519")) == 0
    stored = load_settings().kiosk_pin_hash
    assert stored is not None and "73519" not in stored
    assert verify_pin("73519", stored)
    assert "Staff PIN set." in capsys.readouterr().out


@pytest.mark.parametrize("typed", [("73519", "73518"), ("12", "12"), ("abcd", "abcd")])
def test_set_kiosk_pin_refuses_and_changes_nothing(typed: tuple[str, str]) -> None:
    assert run_set_pin(answers(*typed)) == 2
    assert load_settings().kiosk_pin_hash is None


def test_no_kiosk_without_a_staff_pin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--kiosk"]) == 2
    assert "set-kiosk-pin" in capsys.readouterr().err


def test_set_kiosk_pin_keeps_a_newer_settings_file(config: Path) -> None:
    newer = '{"version": 99, "from": "a newer app"}'
    (config / "settings.json").write_text(newer)
    assert run_set_pin(answers("73519", "73519")) == 2
    assert (config / "settings.json").read_text() == newer


def test_a_kiosk_profile_still_downloads_headless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[kiosk] enabled = true` makes the window a kiosk; `download` with the same profile
    still runs (no staff PIN is set here, and none is needed for it)."""
    with DemoServer() as demo:
        monkeypatch.setenv("NINEPIC_API_KEY", demo.api_key)
        profile = tmp_path / "kiosk.toml"
        profile.write_text(
            f'api_url = "{demo.base_url}"\norg = {demo.org_id}\nevent = {demo.event_id}\n'
            "[kiosk]\nenabled = true\n"
        )
        out = tmp_path / "photos"
        code = main(["--config", str(profile), "download", "--bib", "1488", "--out", str(out)])
    assert "set-kiosk-pin" not in capsys.readouterr().err
    assert code == 0 and len(list(out.glob("*.jpg"))) == 40
    assert main(["--config", str(profile)]) == 2, "the window is a kiosk: it needs the PIN"


def test_a_kiosk_without_flags_opens_the_event_staff_connected_to() -> None:
    args = build_parser().parse_args(["--kiosk"])
    remembered_service(args)
    assert args.api_url is None, "never connected: the kiosk runs on the demo"
    save_settings(
        Settings(backend="service", api_url="https://api.9pic.ai", org_id=903, last_event_id=456)
    )
    remembered_service(args)
    assert (args.api_url, args.org, args.event) == ("https://api.9pic.ai", 903, 456)
