"""The `<name>.part` file of one transfer: written and hashed by the worker thread that
reads the body, fsynced, then given its final name without replacing anything.

Every method blocks on the disk: call them from a worker thread only.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from app.core.downloads.filenames import PART_SUFFIX
from app.core.downloads.kinds import MediaKind

_HASH_READ = 1024 * 1024
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_NO_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK})


class FinalNameTaken(Exception):
    """Another file appeared under the final name just before the rename."""


class PartFile:
    """One `.part` file, owned by one transfer (one thread at a time)."""

    def __init__(self, folder: Path, name: str, fd: int, kind: MediaKind = MediaKind.PHOTO) -> None:
        self.folder = folder
        self.name = name
        self.path = folder / (name + PART_SUFFIX)
        self.kind = kind
        self._fd: int | None = fd
        self._hash = hashlib.sha256()
        self._end = kind.end_finder()
        self.size = 0

    @classmethod
    def open(
        cls, folder: Path, name: str, *, resume: bool, kind: MediaKind = MediaKind.PHOTO
    ) -> PartFile:
        """Create (or reopen, hashing what is already there) the part file.

        Symlinks are not followed: a planted link cannot redirect the write.
        """
        flags = os.O_RDWR | os.O_CREAT | _O_NOFOLLOW | _O_BINARY
        if not resume:
            flags |= os.O_TRUNC
        fd = os.open(folder / (name + PART_SUFFIX), flags, 0o644)
        part = cls(folder, name, fd, kind)
        if resume:
            part._hash_existing()
        return part

    def _hash_existing(self) -> None:
        fd = self._require()
        os.lseek(fd, 0, os.SEEK_SET)
        while block := os.read(fd, _HASH_READ):
            self._hash.update(block)
            self._end.feed(block)
            self.size += len(block)

    def _require(self) -> int:
        if self._fd is None:
            raise ValueError("the part file is closed")
        return self._fd

    def write(self, data: memoryview | bytes | bytearray) -> None:
        fd = self._require()
        self._hash.update(data)
        self._end.feed(data)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        self.size += len(data)

    def restart(self) -> None:
        """Throw the content away: the server's answer does not continue it."""
        fd = self._require()
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        self._hash = hashlib.sha256()
        self._end = self.kind.end_finder()
        self.size = 0

    def finish(self) -> str:
        """Check it is one whole file of its kind (a JPEG walked to its real end of image,
        an MP4 to the end of its last box), fsync and close; returns the SHA-256.

        Raises `ValueError` (file left open) when the content is not a whole file.
        """
        fd = self._require()
        size = os.fstat(fd).st_size
        kind = self.kind
        if size != self.size:
            raise ValueError(f"part file holds {size} bytes, expected {self.size}")
        if not kind.has_signature(_read_at(fd, 0, kind.signature_bytes)):
            raise ValueError(f"not {kind.noun}")
        if not self._end.complete and not _whole_on_second_look(fd, kind):
            raise ValueError(kind.cut_short)
        os.fsync(fd)
        self.close()
        return self._hash.hexdigest()

    def place(self, final_name: str, sync_folder: Callable[[], None] | None = None) -> Path:
        """Give the finished part its final name (`FinalNameTaken` if the name is used),
        then make the rename durable: `sync_folder` (a batch's shared `GroupSync`, so
        photos finishing together share one folder fsync), else an fsync of its own."""
        final = self.folder / final_name
        place_without_replacing(self.path, final)
        if sync_folder is not None:
            sync_folder()
        else:
            fsync_folder(self.folder)
        return final

    def close(self, *, delete: bool = False) -> None:
        """Close (the part stays for a later resume unless `delete`)."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        if delete:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


def _read_at(fd: int, offset: int, count: int) -> bytes:
    """`os.pread` where it exists; Windows has only seek + read."""
    if offset < 0:
        return b""
    if hasattr(os, "pread"):
        return os.pread(fd, count, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    data = os.read(fd, count)
    os.lseek(fd, 0, os.SEEK_END)
    return data


def _whole_on_second_look(fd: int, kind: MediaKind) -> bool:
    """The exact walk over the file on disk: for the rare file the quick walk fed while
    writing did not find whole (a JPEG with bytes after its end of image)."""
    end = kind.end_finder(exact=True)
    offset = 0
    while block := _read_at(fd, offset, _HASH_READ):
        end.feed(block)
        offset += len(block)
    return end.complete


def place_without_replacing(source: Path, target: Path) -> None:
    """Atomically give `source` the name `target`, refusing to replace an existing file.

    A hard link fails with EEXIST when the name is taken; where links are not supported
    (FAT/exFAT sticks) an existence check followed by `os.replace` is the best we have.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise FinalNameTaken(target.name) from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
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


def file_digest(path: Path, kind: MediaKind = MediaKind.PHOTO) -> tuple[int, str, bool]:
    """(size, sha256, is a whole file of that kind) of a file already on disk."""
    digest = hashlib.sha256()
    end = kind.end_finder()
    size = 0
    head = b""
    with path.open("rb") as handle:
        while block := handle.read(_HASH_READ):
            if not size:
                head = block[: kind.signature_bytes]
            digest.update(block)
            end.feed(block)
            size += len(block)
    if not end.complete and kind.has_signature(head):  # bytes after the end of image?
        with path.open("rb") as handle:
            return size, digest.hexdigest(), _whole_on_second_look(handle.fileno(), kind)
    return size, digest.hexdigest(), end.complete and kind.has_signature(head)


def size_of(path: Path) -> int | None:
    """Size of a regular file, None when there is none; -1 for anything else (a link,
    a folder), which matches no photo size but still counts as taken."""
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else -1


def unlink_if_file(path: Path) -> None:
    if path.is_file() and not path.is_symlink():
        path.unlink()
