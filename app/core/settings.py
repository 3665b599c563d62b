"""The user's settings: a small strict JSON file in the per-user config folder.

The API key is never stored here (it lives in the OS keychain); the model
forbids unknown fields so a stray key cannot be smuggled in. The file carries a
version number: a file from a newer app, or one that cannot be read, is reported
and left as it is (never overwritten), and the app runs on defaults.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.core.atomic import write_atomically
from app.core.downloads.filenames import DEFAULT_NAME_PATTERN, NamePattern
from app.core.errors import InsecureUrl
from app.core.folders import default_download_folder as default_download_folder
from app.core.settings_peek import APP_NAME as APP_NAME
from app.core.settings_peek import DEFAULT_THUMBNAIL_SIZE, THUMBNAIL_RANGE
from app.core.settings_peek import SETTINGS_FILE as SETTINGS_FILE
from app.core.settings_peek import SETTINGS_VERSION as SETTINGS_VERSION
from app.core.settings_peek import config_dir as config_dir
from app.core.urls import require_secure_url

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.9pic.ai"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    version: int = Field(default=SETTINGS_VERSION, ge=1)
    backend: Literal["demo", "service"] = "demo"
    """What the window opens on: the built-in demo until the user connects once."""
    api_url: str = DEFAULT_API_URL
    org_id: int | None = Field(default=None, ge=1)
    last_event_id: int | None = None
    download_folder: str | None = None
    selfie_folder: str | None = None
    """Where the last selfie photo was chosen from: the file dialog opens there next time."""
    thumbnail_size: int = Field(
        default=DEFAULT_THUMBNAIL_SIZE, ge=THUMBNAIL_RANGE[0], le=THUMBNAIL_RANGE[1]
    )
    parallel_downloads: int = Field(default=12, ge=1, le=16)
    """The download engine's DEFAULT_PARALLEL (a test keeps the two equal)."""
    kiosk_pin_hash: str | None = Field(default=None, repr=False)
    """The staff PIN as a salted scrypt hash (`photo-retriever set-kiosk-pin`), never the PIN."""
    name_pattern: str = DEFAULT_NAME_PATTERN
    """How saved photos are named (`app.core.downloads.filenames.NamePattern`)."""

    @field_validator("name_pattern")
    @classmethod
    def _known_pattern(cls, value: str) -> str:
        return NamePattern.parse(value).text

    @field_validator("api_url")
    @classmethod
    def _secure_url(cls, value: str) -> str:
        try:
            return require_secure_url(value.strip().rstrip("/"))
        except InsecureUrl as exc:
            raise ValueError(str(exc)) from None


class SettingsProblem(StrEnum):
    UNREADABLE = "unreadable"
    """Not JSON, or values the schema refuses."""
    NEWER = "newer"
    """Written by a newer version of the app."""


@dataclass(frozen=True)
class LoadedSettings:
    """The settings to use, and why the file on disk was not used (then it must be kept)."""

    settings: Settings
    problem: SettingsProblem | None = None
    path: Path | None = None

    @property
    def writable(self) -> bool:
        """False when the file on disk was refused: saving would destroy it."""
        return self.problem is None


def load_settings(folder: Path | None = None) -> Settings:
    """Read the settings; a missing or broken file gives defaults rather than a crash."""
    return read_settings(folder).settings


def read_settings(folder: Path | None = None) -> LoadedSettings:
    """The settings and, when the file was refused, why (the caller tells the user)."""
    path = (folder or config_dir()) / SETTINGS_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(Settings())
    except OSError as exc:
        log.warning("cannot read the settings file %s: %s", path, type(exc).__name__)
        return LoadedSettings(Settings(), SettingsProblem.UNREADABLE, path)
    try:
        data = json.loads(raw)
    except ValueError:
        log.warning("the settings file %s is not JSON; using defaults", path)
        return LoadedSettings(Settings(), SettingsProblem.UNREADABLE, path)
    version = data.get("version", SETTINGS_VERSION) if isinstance(data, dict) else None
    if isinstance(version, int) and version > SETTINGS_VERSION:
        log.warning("the settings file %s is from a newer version (%d)", path, version)
        return LoadedSettings(Settings(), SettingsProblem.NEWER, path)
    try:
        return LoadedSettings(Settings.model_validate(data))
    except ValidationError as exc:
        fields = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
        log.warning("the settings file %s has bad values (%s); using defaults", path, fields)
        return LoadedSettings(Settings(), SettingsProblem.UNREADABLE, path)


def save_settings(settings: Settings, folder: Path | None = None) -> None:
    """Write atomically: a temp file in the same folder, fsync, then rename over."""
    folder = folder or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(settings.model_dump(mode="json"), indent=2)
    write_atomically(folder / SETTINGS_FILE, data, mode=0o600)
