"""Where photos go when nobody chose a folder: its own light module, so that the
headless command's `--help` can name it without loading the settings model."""

from __future__ import annotations

from pathlib import Path

import platformdirs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.settings import Settings

DEFAULT_FOLDER_NAME = "Race photos"


def default_download_folder() -> Path:
    """`Race photos` in the user's Pictures folder (the window adds a folder per event)."""
    return Path(platformdirs.user_pictures_dir()) / DEFAULT_FOLDER_NAME


def download_folder(settings: Settings) -> Path:
    """The remembered download folder, or the default one."""
    if settings.download_folder:
        return Path(settings.download_folder).expanduser()
    return default_download_folder()
