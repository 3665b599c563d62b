"""The stand-in's clip files: small, well-formed ISO base media (MP4) files.

Each file is a real box structure, `ftyp` then `moov` (a movie header that carries the
clip's duration) then `free` and `mdat`, so a client's MP4 check (the `ftyp` box at
offset 4, top-level boxes that end exactly at the end of the file) sees what a real
clip looks like. There is no encoded picture in `mdat`: it is filler of a realistic
few tens of kilobytes, enough for a download to show progress.
"""

from __future__ import annotations

import hashlib
import struct
from typing import Final

TIMESCALE: Final = 1000
"""Movie time units per second in `mvhd`."""
FILLER_BYTES: Final = 48 * 1024


def box(kind: bytes, payload: bytes) -> bytes:
    """One ISO BMFF box: 32-bit size (header included), 4-byte type, payload."""
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _mvhd(duration_s: float) -> bytes:
    """Version-0 movie header: times, timescale, duration, rate 1.0, volume 1.0, the
    identity matrix, and the next track id."""
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    payload = (
        struct.pack(">I", 0)  # version 0, no flags
        + struct.pack(">IIII", 0, 0, TIMESCALE, round(duration_s * TIMESCALE))
        + struct.pack(">IH", 0x10000, 0x100)
        + bytes(10)  # reserved
        + matrix
        + bytes(24)  # pre-defined
        + struct.pack(">I", 1)
    )
    return box(b"mvhd", payload)


def clip_bytes(duration_s: float, seed: str) -> bytes:
    """The whole file of one clip; the same `seed` gives the same bytes every time."""
    ftyp = box(b"ftyp", b"isom" + struct.pack(">I", 0x200) + b"isomiso2mp41")
    moov = box(b"moov", _mvhd(duration_s))
    block = hashlib.sha256(seed.encode()).digest()
    filler = (block * (FILLER_BYTES // len(block) + 1))[:FILLER_BYTES]
    return ftyp + moov + box(b"free", b"") + box(b"mdat", filler)


def clip_duration_s(data: bytes) -> float | None:
    """The duration the `mvhd` of a file made by `clip_bytes` says (for tests)."""
    at = data.find(b"mvhd")
    if at < 0:
        return None
    timescale, duration = struct.unpack(">II", data[at + 16 : at + 24])
    return float(duration) / timescale if timescale else None
