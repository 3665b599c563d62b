"""What kind of file one download item is, and how that kind is checked before it is kept.

The engine fetches two kinds of files the same way (presigned or public links, part
files, journal, retries): event photos (JPEG) and a runner's video clips (MP4). Only
three things differ, and they live here: the file extension, the signature the first
bytes must carry (anything else is an error page or a wrong object), and the walk that
says the body ended where the file really ends.
"""

from __future__ import annotations

from enum import Enum
from typing import Protocol

from app.core.downloads.jpeg import JpegEndFinder
from app.core.downloads.mp4 import Mp4EndFinder
from app.core.image_signatures import JPEG_START, MP4_SIGNATURE_BYTES, is_mp4


class EndFinder(Protocol):
    """Fed every block of a file in order; says whether it ended where the format does."""

    @property
    def complete(self) -> bool: ...

    def feed(self, data: bytes | bytearray | memoryview) -> None: ...


class MediaKind(Enum):
    """A photo original or a video clip."""

    PHOTO = "photo"
    CLIP = "clip"

    @property
    def extension(self) -> str:
        """The extension every saved file of this kind gets."""
        return ".mp4" if self is MediaKind.CLIP else ".jpg"

    @property
    def extensions(self) -> frozenset[str]:
        """Extensions of a suggested name that may stay as they are."""
        return frozenset({".mp4"}) if self is MediaKind.CLIP else frozenset({".jpg", ".jpeg"})

    @property
    def signature_bytes(self) -> int:
        """How many first bytes `has_signature` needs."""
        return MP4_SIGNATURE_BYTES if self is MediaKind.CLIP else len(JPEG_START)

    def has_signature(self, head: bytes | bytearray) -> bool:
        """The first bytes are this kind's: JPEG's SOI, or MP4's `ftyp` at offset 4."""
        if self is MediaKind.CLIP:
            return is_mp4(bytes(head[:MP4_SIGNATURE_BYTES]))
        return bytes(head[: len(JPEG_START)]) == JPEG_START

    def end_finder(self, *, exact: bool = False) -> EndFinder:
        """The walk fed while writing (quick: see `JpegEndFinder`), or with `exact` the
        full one, for a second look at a file the quick walk did not find whole."""
        return Mp4EndFinder() if self is MediaKind.CLIP else JpegEndFinder(scan=exact)

    @property
    def noun(self) -> str:
        """For developer messages: `a JPEG` or `an MP4`."""
        return "an MP4" if self is MediaKind.CLIP else "a JPEG"

    @property
    def cut_short(self) -> str:
        """For developer messages: how a body of this kind that stops too early looks."""
        if self is MediaKind.CLIP:
            return "the MP4 stops inside a box or before its movie box"
        return "the JPEG stops before its end of image"
