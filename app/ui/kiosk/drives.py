"""Where photos can be taken away to: removable drives, or a fixed folder staff chose.

`QStorageInfo` knows mounted volumes but not which are removable, so we take the ones
mounted where desktops put removable media (Linux, macOS) or any writable drive other
than the system one (Windows). The listing is a seam (`DriveSource`): tests give a
temp folder with a chosen free space instead.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Target:
    """A place to save to: a drive (`removable`) or the staff's export folder."""

    name: str
    root: Path
    free_bytes: int
    removable: bool


DriveSource = Callable[[], list[Target]]
"""Lists the removable drives now (blocks briefly: call it off the GUI thread)."""


def removable_drives() -> list[Target]:
    """The writable removable drives mounted now."""
    found = []
    system = Path(os.environ.get("SYSTEMDRIVE", "C:") + "\\") if sys.platform == "win32" else None
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = Path(volume.rootPath())
        if sys.platform == "win32":
            if system is not None and root == system:
                continue
        elif not str(root).startswith(_REMOVABLE_ROOTS):
            continue
        name = volume.displayName() or volume.name() or root.name
        found.append(Target(name, root, int(volume.bytesAvailable()), removable=True))
    return found


def export_folder_target(folder: Path, name: str) -> Target | None:
    """The staff's fixed export folder, if it exists (or can be made)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    return Target(name, folder, free, removable=False)
