"""Byte-exact JPEGs for tests and benchmarks: a real marker structure of any size."""

from __future__ import annotations

import io
import os

from PIL import Image

_SOS = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"


def framed_jpeg(size: int, *, seed: bytes | None = None) -> bytes:
    """SOI, one scan of random entropy data (no 0xFF inside), EOI: exactly `size` bytes.

    Not a decodable picture, but a JPEG as the download engine walks it.
    """
    body = size - 2 - len(_SOS) - 2
    if body < 0:
        raise ValueError("too small for a JPEG")
    data = (seed * (body // len(seed) + 1))[:body] if seed else os.urandom(body)
    return b"\xff\xd8" + _SOS + data.replace(b"\xff", b"\x00") + b"\xff\xd9"


def real_jpeg(width: int = 96, height: int = 64, **options: object) -> bytes:
    """A decodable JPEG drawn by Pillow (noise, so it is not tiny)."""
    picture = Image.effect_noise((width, height), 60).convert("RGB")
    out = io.BytesIO()
    picture.save(out, "JPEG", **options)
    return out.getvalue()


def with_inner_thumbnail(jpeg: bytes, thumbnail: bytes) -> bytes:
    """`jpeg` with `thumbnail` inside an APP1 segment, as cameras store EXIF previews:
    the file then holds an FFD9 long before its real end."""
    payload = b"Exif\x00\x00" + thumbnail
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    return jpeg[:2] + segment + jpeg[2:]
