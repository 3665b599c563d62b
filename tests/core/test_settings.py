"""Settings round-trip, refuse unknown fields, and survive a broken file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from app.core.settings import SETTINGS_FILE, Settings, load_settings, save_settings


def test_round_trip(tmp_path: Path) -> None:
    save_settings(Settings(last_event_id=456, thumbnail_size=240), tmp_path)
    assert load_settings(tmp_path) == Settings(last_event_id=456, thumbnail_size=240)
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]


def test_missing_or_broken_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()
    (tmp_path / SETTINGS_FILE).write_text("{not json")
    assert load_settings(tmp_path) == Settings()


def test_no_room_for_a_key(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        Settings.model_validate({"api_key": "secret"})
    (tmp_path / SETTINGS_FILE).write_text('{"api_key": "secret"}')
    assert load_settings(tmp_path) == Settings()
