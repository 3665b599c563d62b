"""Where an MP4 really ends: its top-level boxes walked by their sizes as the body arrives.

An MP4 (ISO base media file) is a chain of boxes, each led by its 32-bit size (1: a
64-bit size follows the type; 0: the box runs to the end of the file) and its 4-byte
type, `ftyp` first. A body is whole when the walk stands exactly on a box boundary
(or inside a run-to-the-end box) and the `moov` box, which a player needs, was among
them; a body cut inside a box, or before `moov`, is not. Like `JpegEndFinder`, it is fed
the blocks that are written to the part file, so checking costs no second read.
"""

from __future__ import annotations

import struct

from app.core.image_signatures import MP4_FTYP

_MOOV = b"moov"
_WIDE = b"\0\0\0\1"
"""A 32-bit size of 1: the real size is the 64 bits after the type."""


class Mp4EndFinder:
    """Feed the bytes of a file in order; `complete` once they end on the last box."""

    def __init__(self) -> None:
        self._head = bytearray()
        """The header of the box being read, while it is incomplete."""
        self._skip = 0
        """Payload bytes of the current box still to come."""
        self._boxes = 0
        self._to_end = False
        self._has_moov = False
        self.broken = False
        """The bytes cannot be an MP4 (no `ftyp` first, a size smaller than its header)."""

    @property
    def complete(self) -> bool:
        at_boundary = self._to_end or (not self._skip and not self._head)
        return not self.broken and self._has_moov and at_boundary

    def feed(self, data: bytes | bytearray | memoryview) -> None:
        view = memoryview(data).cast("B")
        pos, size = 0, len(view)
        while pos < size and not self.broken and not self._to_end:
            if self._skip:
                step = min(self._skip, size - pos)
                self._skip -= step
                pos += step
                continue
            wide = len(self._head) >= 8 and self._head[:4] == _WIDE
            need = 16 if wide else 8
            take = min(need - len(self._head), size - pos)
            self._head += view[pos : pos + take]
            pos += take
            if len(self._head) < need or (not wide and self._head[:4] == _WIDE):
                continue  # more header to come (a 64-bit size needs 16 bytes)
            self._box_header()

    def _box_header(self) -> None:
        size, kind = struct.unpack(">I4s", self._head[:8])
        header = len(self._head)
        if header == 16:
            (size,) = struct.unpack(">Q", self._head[8:16])
        self._head.clear()
        if self._boxes == 0 and kind != MP4_FTYP:
            self.broken = True
            return
        self._boxes += 1
        self._has_moov = self._has_moov or kind == _MOOV
        if size == 0:
            self._to_end = True  # the last box: whatever follows belongs to it
        elif size < header:
            self.broken = True
        else:
            self._skip = size - header
