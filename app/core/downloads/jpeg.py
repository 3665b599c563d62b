"""Where a JPEG really ends: a marker walk fed block by block as the body arrives.

Checking that a file starts with FFD8 and ends with FFD9 is not enough: an EXIF
thumbnail carries its own FFD9, so a body cut right after it (no Content-Length to
tell) looks whole. The walk skips every marker segment by its length, scans the
entropy-coded data after each SOS for the next real marker, and is done only at the
top-level EOI. It is fed the same blocks that are written to the part file, so
checking costs no second read of the file.
"""

from __future__ import annotations

import re
from enum import Enum, auto

SOI = 0xD8
EOI = 0xD9
SOS = 0xDA
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
"""TEM and RST0–7 carry no length."""
_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
"""Inside scan data, 0xFF followed by anything but a stuffed 00, RST0–7 or more fill
starts a real marker."""


class _State(Enum):
    START = auto()  # expecting FF D8
    MARKER = auto()  # expecting FF xx
    LENGTH = auto()  # expecting two length bytes
    SKIP = auto()  # inside a segment's payload
    ENTROPY = auto()  # scan data: looking for FF followed by a real marker
    DONE = auto()
    BROKEN = auto()


class JpegEndFinder:
    """Feed the bytes of a file in order; `complete` once the top-level EOI was read."""

    def __init__(self) -> None:
        self._state = _State.START
        self._carry = b""
        self._skip = 0
        self._marker = 0
        self._after_segment = _State.MARKER
        self.end: int | None = None
        """Offset just past the EOI marker, once found."""
        self._offset = 0

    @property
    def complete(self) -> bool:
        return self._state is _State.DONE

    @property
    def broken(self) -> bool:
        """The bytes cannot be a JPEG (no SOI, a marker where none may be)."""
        return self._state is _State.BROKEN

    def feed(self, data: bytes | bytearray | memoryview) -> None:
        if self._state in (_State.DONE, _State.BROKEN):
            self._offset += len(data)
            return
        block = self._carry + bytes(data)
        base = self._offset - len(self._carry)
        self._offset += len(data)
        self._carry = b""
        pos = 0
        size = len(block)
        while pos < size and self._state not in (_State.DONE, _State.BROKEN):
            state = self._state
            if state is _State.SKIP:
                step = min(self._skip, size - pos)
                self._skip -= step
                pos += step
                if not self._skip:
                    self._state = self._after_segment
            elif state is _State.ENTROPY:
                # One C-level search per block: a photo's scan holds ~1 0xFF in 50 bytes
                # (stuffed FF 00, RSTn, fill), far too many to step over one by one.
                found = _MARKER_IN_SCAN.search(block, pos)
                if found is None:
                    if block[-1] == 0xFF:  # may start a marker with the next block's byte
                        self._carry = b"\xff"
                    pos = size
                else:
                    self._state = _State.MARKER
                    pos = found.start()
            else:
                pos = self._header(block, pos, base)
        if self._state in (_State.MARKER, _State.LENGTH, _State.START) and pos < size:
            self._carry = block[pos:]

    def _header(self, block: bytes, pos: int, base: int) -> int:
        """START, MARKER or LENGTH: needs a few bytes at once; carries them when short."""
        size = len(block)
        if self._state is _State.LENGTH:
            if size - pos < 2:
                self._carry = block[pos:]
                return size
            length = (block[pos] << 8) | block[pos + 1]
            if length < 2:
                self._state = _State.BROKEN
                return size
            self._skip = length - 2
            self._after_segment = _State.ENTROPY if self._marker == SOS else _State.MARKER
            self._state = _State.SKIP if self._skip else self._after_segment
            return pos + 2
        if size - pos < 2:
            self._carry = block[pos:]
            return size
        if block[pos] != 0xFF:
            self._state = _State.BROKEN
            return size
        marker = block[pos + 1]
        if self._state is _State.START:
            self._state = _State.MARKER if marker == SOI else _State.BROKEN
            return pos + 2
        if marker == 0xFF:  # fill byte before a marker
            return pos + 1
        if marker == EOI:
            self._state = _State.DONE
            self.end = base + pos + 2
            return size
        if marker == SOI or marker == 0x00:
            self._state = _State.BROKEN
            return size
        if marker in _STANDALONE:
            return pos + 2
        self._marker = marker
        self._state = _State.LENGTH
        return pos + 2
