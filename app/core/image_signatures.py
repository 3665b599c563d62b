"""Image formats told apart by their first bytes, without decoding anything."""

from __future__ import annotations

from typing import Final

JPEG_START: Final = b"\xff\xd8\xff"
"""SOI and the first byte of the next marker: every JPEG begins so."""
PNG_START: Final = b"\x89PNG\r\n\x1a\n"


def image_type(data: bytes) -> str | None:
    """``image/jpeg``, ``image/png`` or ``image/webp`` by signature; None for anything else."""
    if data.startswith(JPEG_START):
        return "image/jpeg"
    if data.startswith(PNG_START):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None
