"""The user's settings: a small strict JSON file in the per-user config folder.

The API key is never stored here (it lives in the OS keychain); the model
forbids unknown fields so a stray key cannot be smuggled in.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.core.atomic import write_atomically

log = logging.getLogger(__name__)

APP_NAME = "photo-retriever"
SETTINGS_FILE = "settings.json"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    last_event_id: int | None = None
    download_folder: str | None = None
    thumbnail_size: int = Field(default=180, ge=64, le=512)
    parallel_downloads: int = Field(default=12, ge=1, le=16)
    """The download engine's DEFAULT_PARALLEL (a test keeps the two equal)."""
    kiosk_pin_hash: str | None = None
    """The staff PIN as a salted scrypt hash (`photo-retriever set-kiosk-pin`), never the PIN."""


def config_dir() -> Path:
    """`PHOTO_RETRIEVER_CONFIG_DIR` overrides the platform folder (tests, portable installs)."""
    override = os.environ.get("PHOTO_RETRIEVER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def default_download_folder() -> Path:
    return Path(platformdirs.user_pictures_dir()) / "Race photos"


def load_settings(folder: Path | None = None) -> Settings:
    """Read the settings; a missing or broken file gives defaults rather than a crash."""
    path = (folder or config_dir()) / SETTINGS_FILE
    try:
        return Settings.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return Settings()
    except (OSError, ValidationError, ValueError) as exc:
        log.warning("ignoring unreadable settings file: %s", type(exc).__name__)
        return Settings()


def save_settings(settings: Settings, folder: Path | None = None) -> None:
    """Write atomically: a temp file in the same folder, fsync, then rename over."""
    folder = folder or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(settings.model_dump(mode="json"), indent=2)
    write_atomically(folder / SETTINGS_FILE, data, mode=0o600)
