"""Does a selection fit on a drive? Checked before any download starts."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SAFETY_MARGIN = 1.10
"""Estimates of original sizes are guesses: keep 10 % (and 20 MB) spare."""
SPARE_BYTES = 20 * 1024 * 1024

FreeBytes = Callable[[Path], int]


def disk_free(path: Path) -> int:
    return shutil.disk_usage(path).free


@dataclass(frozen=True)
class SpaceCheck:
    needed: int
    free: int

    @property
    def fits(self) -> bool:
        return self.free >= self.needed


def check_space(folder: Path, estimated_bytes: int, free: FreeBytes = disk_free) -> SpaceCheck:
    """What the photos need (with a margin) against what `folder`'s drive has."""
    needed = int(estimated_bytes * SAFETY_MARGIN) + SPARE_BYTES
    return SpaceCheck(needed, free(folder))
