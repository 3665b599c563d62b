"""Where a JPEG really ends: a marker walk fed block by block as the body arrives.

Checking that a file starts with FFD8 and ends with FFD9 is not enough on its own: an
EXIF thumbnail carries its own FFD9, so a body cut right after it (no Content-Length to
tell) looks whole. The walk skips every marker segment by its length up to the first
SOS, so a cut anywhere in the headers (the thumbnail's included) is seen. It is fed the
same blocks that are written to the part file, so checking costs no second read.

After the first SOS there are two ways on. The exact walk (`scan=True`) searches the
entropy-coded data for each real marker and is done only at the top-level EOI. The
quick one (the default) leaves that data alone and says whole when the bytes end with
FFD9: inside scan data a 0xFF is always followed by a stuffed 00, an RSTn or more fill,
so FF D9 there is the end of the image and nothing else; a cut ends in scan data (or,
for a file of several scans, in the few bytes of the tables between them, where an
encoder writes no FF D9). The exact walk held the GIL for ~3 ms per 4 MiB photo, twelve
threads taking turns, and was a tenth of a loopback download's time. A file that does
not end with FFD9 may still be whole, with bytes after its EOI (camera data): the
caller walks it again exactly then (`PartFile.finish`, `file_digest`).
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


_EOI = b"\xff\xd9"


class JpegEndFinder:
    """Feed the bytes of a file in order; `complete` once the top-level EOI was read
    (`scan=True`), or (the quick check) once the headers were whole and the bytes so far
    end with FFD9."""

    def __init__(self, *, scan: bool = False) -> None:
        self._scan = scan
        self._tail = b""
        """The last two bytes fed once in scan data (the quick check)."""
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
        if self._state is _State.ENTROPY and not self._scan:
            return self._tail == _EOI
        return self._state is _State.DONE

    @property
    def broken(self) -> bool:
        """The bytes cannot be a JPEG (no SOI, a marker where none may be)."""
        return self._state is _State.BROKEN

    def feed(self, data: bytes | bytearray | memoryview) -> None:
        if self._state is _State.ENTROPY and not self._scan:
            self._offset += len(data)
            self._note_tail(data)
            return
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
            elif state is _State.ENTROPY and not self._scan:
                self._note_tail(memoryview(block)[pos:])
                pos = size
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

    def _note_tail(self, data: bytes | bytearray | memoryview) -> None:
        """Quick check, in scan data (`_offset` already counts `data`): keep the last two
        bytes; `end` is where they stop while they are FFD9."""
        if len(data) >= 2:
            self._tail = bytes(data[-2:])
        elif data:
            self._tail = (self._tail + bytes(data))[-2:]
        self.end = self._offset if self._tail == _EOI else None

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
