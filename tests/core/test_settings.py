"""Settings: round trip, a strict versioned schema, and a refused file kept as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.core.settings import (
    SETTINGS_FILE,
    SETTINGS_VERSION,
    Settings,
    SettingsProblem,
    load_settings,
    read_settings,
    save_settings,
)


def test_round_trip(tmp_path: Path) -> None:
    settings = Settings(
        backend="service",
        api_url="https://api.9pic.ai",
        org_id=903,
        last_event_id=456,
        thumbnail_size=240,
        parallel_downloads=8,
        download_folder="/photos",
    )
    save_settings(settings, tmp_path)
    assert load_settings(tmp_path) == settings
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]
    on_disk = json.loads((tmp_path / SETTINGS_FILE).read_text())
    assert on_disk["version"] == SETTINGS_VERSION


def test_an_older_file_without_a_version_still_loads(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text('{"last_event_id": 456, "thumbnail_size": 200}')
    loaded = read_settings(tmp_path)
    assert loaded.problem is None and loaded.writable
    assert loaded.settings == Settings(last_event_id=456, thumbnail_size=200)


@pytest.mark.parametrize(
    "bad",
    [
        {"thumbnail_size": 10},
        {"parallel_downloads": 99},
        {"org_id": -1},
        {"backend": "ftp"},
        {"api_url": "http://api.9pic.ai"},  # a key would travel in clear
        {"api_key": "secret"},  # no room for a key
        {"version": 0},
    ],
)
def test_bad_values_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Settings.model_validate(bad)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    loaded = read_settings(tmp_path)
    assert loaded.settings == Settings() and loaded.problem is None and loaded.writable


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("{not json", SettingsProblem.UNREADABLE),
        ('{"api_key": "secret"}', SettingsProblem.UNREADABLE),
        ('{"thumbnail_size": "huge"}', SettingsProblem.UNREADABLE),
        ('["a list"]', SettingsProblem.UNREADABLE),
        (f'{{"version": {SETTINGS_VERSION + 1}, "colour": "blue"}}', SettingsProblem.NEWER),
    ],
)
def test_a_refused_file_is_reported_and_kept(
    tmp_path: Path, text: str, problem: SettingsProblem
) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text(text)
    loaded = read_settings(tmp_path)
    assert loaded.settings == Settings()
    assert loaded.problem is problem and not loaded.writable
    assert loaded.path == path
    assert path.read_text() == text  # reading never touches it
