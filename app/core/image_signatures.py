"""Image and clip formats told apart by their first bytes, without decoding anything."""

from __future__ import annotations

from typing import Final

JPEG_START: Final = b"\xff\xd8\xff"
"""SOI and the first byte of the next marker: every JPEG begins so."""
PNG_START: Final = b"\x89PNG\r\n\x1a\n"
MP4_FTYP: Final = b"ftyp"
"""An MP4 (ISO base media) file opens with its `ftyp` box: size, then this at offset 4."""
MP4_SIGNATURE_BYTES: Final = 8


def is_mp4(data: bytes) -> bool:
    """True when `data` starts the way an MP4 does (the `ftyp` box type at offset 4)."""
    return data[4:MP4_SIGNATURE_BYTES] == MP4_FTYP


def image_type(data: bytes) -> str | None:
    """``image/jpeg``, ``image/png`` or ``image/webp`` by signature; None for anything else."""
    if data.startswith(JPEG_START):
        return "image/jpeg"
    if data.startswith(PNG_START):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None
