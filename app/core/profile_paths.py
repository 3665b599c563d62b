"""Where an organiser profile is looked for, and its error: apart from the profile's
model (pydantic) so that a start without a profile never loads it."""

from __future__ import annotations

import sys
from pathlib import Path

PROFILE_NAME = "photo-retriever.toml"


class ProfileError(ValueError):
    """A profile that cannot be used; the message is one line fit to show as is."""


def bundle_dir() -> Path | None:
    """The folder of the packaged executable, or None when not running from a bundle."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def shipped_profile(app_dir: Path | None) -> Path | None:
    """`photo-retriever.toml` beside the executable, if the organiser put one there."""
    if app_dir is None:
        return None
    candidate = app_dir / PROFILE_NAME
    return candidate if candidate.is_file() else None
