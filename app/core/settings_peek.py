"""The few settings the window's first frame draws, read without the settings model.

The pydantic model (`app.core.settings`) stays the one owner of the file: it
validates and writes it, and it is loaded once the window is on screen. This reader
only takes a quick tolerant look at the same file for what the first frame shows (the
thumbnail size, whether the window opens on the demo): a value it cannot use gives the
model's default, and anything the model would refuse is corrected when the model
takes over a moment later. A test keeps the two in step.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "photo-retriever"
SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1
DEFAULT_THUMBNAIL_SIZE = 180
THUMBNAIL_RANGE = (64, 512)
"""The model's bounds for `thumbnail_size` (a test keeps them equal)."""


@dataclass(frozen=True)
class FirstFrame:
    """What the first frame needs: the tile size and whether the demo opens."""

    thumbnail_size: int = DEFAULT_THUMBNAIL_SIZE
    opens_demo: bool = True


def config_dir() -> Path:
    """`PHOTO_RETRIEVER_CONFIG_DIR` overrides the platform folder (tests, portable installs)."""
    override = os.environ.get("PHOTO_RETRIEVER_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs  # only where the platform decides

    return Path(platformdirs.user_config_dir(APP_NAME))


def peek_settings(folder: Path | None = None) -> FirstFrame:
    """The first frame's values from the settings file; defaults for anything unusable."""
    try:
        data = json.loads(((folder or config_dir()) / SETTINGS_FILE).read_bytes())
    except (OSError, ValueError):
        return FirstFrame()
    if not isinstance(data, dict):
        return FirstFrame()
    version = _as_int(data.get("version", SETTINGS_VERSION))
    if version is None or not 1 <= version <= SETTINGS_VERSION:
        return FirstFrame()  # a newer app's file: the model uses defaults, so do we
    size = _as_int(data.get("thumbnail_size", DEFAULT_THUMBNAIL_SIZE))
    low, high = THUMBNAIL_RANGE
    if size is None or not low <= size <= high:
        size = DEFAULT_THUMBNAIL_SIZE
    org = _as_int(data.get("org_id"))
    service = data.get("backend") == "service" and org is not None and org >= 1
    return FirstFrame(thumbnail_size=size, opens_demo=not service)


def _as_int(value: object) -> int | None:
    """An integer as pydantic's lax mode takes one (300, 300.0, "300"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value)
    return None
