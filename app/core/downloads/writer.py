"""The `<name>.part` file of one transfer: written, hashed and fsynced off the event loop.

All disk work runs on an executor thread; `write` double-buffers (it waits only for the
previous block), so the network read of the next block overlaps the disk write of this
one and at most two blocks per transfer sit in memory. `finish` verifies and fsyncs,
`place` gives the file its final name without ever replacing an existing file.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import hashlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import TypeVar

from app.core.downloads.filenames import PART_SUFFIX

T = TypeVar("T")

JPEG_START = b"\xff\xd8\xff"
JPEG_END = b"\xff\xd9"
_HASH_READ = 1024 * 1024
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)


class FinalNameTaken(Exception):
    """Another file appeared under the final name just before the rename."""


class PartFile:
    """One `.part` file; create with `await PartFile.open(...)`."""

    def __init__(self, folder: Path, name: str, executor: Executor) -> None:
        self.folder = folder
        self.name = name
        self.path = folder / (name + PART_SUFFIX)
        self._executor = executor
        self._fd: int | None = None
        self._hash = hashlib.sha256()
        self.size = 0
        self._pending: asyncio.Future[None] | None = None
        self._io_lock = threading.Lock()

    @classmethod
    async def open(cls, folder: Path, name: str, executor: Executor, *, resume: bool) -> PartFile:
        """Open (or create) the part file; when resuming, hash what is already there."""
        part = cls(folder, name, executor)
        await part._run(part._open_sync, resume)
        return part

    async def _run(self, fn: Callable[..., T], *args: object) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, fn, *args)

    # ----------------------------------------------------------------- async API

    async def write(self, chunks: Sequence[bytes]) -> None:
        """Queue `chunks` for writing; returns once the previous block is on disk."""
        previous, self._pending = self._pending, None
        if previous is not None:
            await previous
        loop = asyncio.get_running_loop()
        self._pending = asyncio.ensure_future(
            loop.run_in_executor(self._executor, self._write_sync, list(chunks))
        )
        self.size += sum(len(c) for c in chunks)

    async def drain(self) -> None:
        """Wait until everything queued is written (errors surface here)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            await pending

    async def restart(self) -> None:
        """Throw the content away and start again from byte 0 (server ignored our Range)."""
        await self.drain()
        await self._run(self._truncate_sync)
        self.size = 0

    async def starts_like_jpeg(self) -> bool:
        await self.drain()
        return await self._run(self._has_jpeg_start_sync)

    async def finish(self) -> str:
        """Check the content is one whole JPEG of the expected size, fsync, close.

        Returns the SHA-256. Raises `ValueError` (file left open) when the content is
        not a whole JPEG, so the caller can start over.
        """
        await self.drain()
        return await self._run(self._finish_sync)

    async def place(self, final_name: str) -> Path:
        """Give the finished part its final name; `FinalNameTaken` if that name is used."""
        final = self.folder / final_name
        await self._run(_place_durably, self.path, final)
        return final

    async def close(self, *, delete: bool = False) -> None:
        """Close (keeping the part for a later resume unless `delete`)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            with contextlib.suppress(Exception):
                await pending
        await self._run(self._close_sync, delete)

    def close_now(self) -> None:
        """Close without awaiting: for cancellation paths. A write still running in its
        thread keeps the descriptor until it is done (the close waits on the same lock)."""
        if self._pending is not None and not self._pending.done():
            self._executor.submit(self._close_sync, False)
        else:
            self._close_sync(False)
        self._pending = None

    # ------------------------------------------------------- thread-side helpers

    def _open_sync(self, resume: bool) -> None:
        flags = os.O_RDWR | os.O_CREAT | _O_NOFOLLOW | _O_BINARY
        if not resume:
            flags |= os.O_TRUNC
        self._fd = os.open(self.path, flags, 0o644)
        if resume:
            self.size = self._hash_existing_sync()
        os.lseek(self._fd, self.size, os.SEEK_SET)

    def _hash_existing_sync(self) -> int:
        assert self._fd is not None
        os.lseek(self._fd, 0, os.SEEK_SET)
        total = 0
        while block := os.read(self._fd, _HASH_READ):
            self._hash.update(block)
            total += len(block)
        return total

    def _write_sync(self, chunks: list[bytes]) -> None:
        with self._io_lock:
            assert self._fd is not None
            for chunk in chunks:
                self._hash.update(chunk)
                view = memoryview(chunk)
                while view:
                    written = os.write(self._fd, view)
                    view = view[written:]

    def _truncate_sync(self) -> None:
        assert self._fd is not None
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        self._hash = hashlib.sha256()

    def _has_jpeg_start_sync(self) -> bool:
        assert self._fd is not None
        return os.pread(self._fd, len(JPEG_START), 0) == JPEG_START

    def _finish_sync(self) -> str:
        with self._io_lock:
            assert self._fd is not None
            size = os.fstat(self._fd).st_size
            if size != self.size:
                raise ValueError(f"part file holds {size} bytes, expected {self.size}")
            if os.pread(self._fd, len(JPEG_START), 0) != JPEG_START:
                raise ValueError("not a JPEG")
            if os.pread(self._fd, len(JPEG_END), size - len(JPEG_END)) != JPEG_END:
                raise ValueError("the JPEG has no end marker")
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None
            return self._hash.hexdigest()

    def _close_sync(self, delete: bool) -> None:
        with self._io_lock:
            if self._fd is not None:
                with contextlib.suppress(OSError):
                    os.close(self._fd)
                self._fd = None
        if delete:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


def _place_durably(source: Path, target: Path) -> None:
    place_without_replacing(source, target)
    fsync_folder(target.parent)


def place_without_replacing(source: Path, target: Path) -> None:
    """Atomically give `source` the name `target`, refusing to replace an existing file.

    A hard link fails with EEXIST when the name is taken; where links are not supported
    (FAT/exFAT sticks) an existence check followed by `os.replace` is the best we have.
    """
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise FinalNameTaken(target.name) from None
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.EOPNOTSUPP,
            errno.ENOTSUP,
            errno.EXDEV,
            errno.EMLINK,
        ):
            raise
        if os.path.lexists(target):
            raise FinalNameTaken(target.name) from None
        os.replace(source, target)
        return
    os.unlink(source)


def fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles to fsync."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def file_digest(path: Path) -> tuple[int, str, bool]:
    """(size, sha256, looks like a whole JPEG) of a file already on disk."""
    digest = hashlib.sha256()
    size = 0
    first = b""
    last = b""
    with path.open("rb") as handle:
        while block := handle.read(_HASH_READ):
            if not first:
                first = block[: len(JPEG_START)]
            digest.update(block)
            size += len(block)
            last = (last + block)[-len(JPEG_END) :]
    return size, digest.hexdigest(), first == JPEG_START and last == JPEG_END
