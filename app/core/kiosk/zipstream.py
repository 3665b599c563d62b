"""A ZIP of photos as a stream of chunks: never the whole archive in memory.

`zipfile` writes into a write-only pipe (it falls back to data descriptors when the
output cannot seek); after each block of a photo we hand on what it wrote. Photos are
already compressed, so they are stored, not deflated.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

CHUNK = 64 * 1024


class _Pipe(io.RawIOBase):
    """Collects what zipfile writes until the generator hands it on."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out = b"".join(self._chunks)
        self._chunks.clear()
        return out


def zip_chunks(files: Iterable[tuple[str, Path]], chunk: int = CHUNK) -> Iterator[bytes]:
    """(name in the archive, file on disk) pairs as ZIP bytes, a block at a time."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, path in files:
            stamp = time.localtime(path.stat().st_mtime)[:6]
            info = zipfile.ZipInfo(name, date_time=stamp)
            with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as target:
                while block := source.read(chunk):
                    target.write(block)
                    if data := pipe.take():
                        yield data
            if data := pipe.take():
                yield data
    if data := pipe.take():
        yield data
