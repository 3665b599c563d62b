"""One download at a time per folder, across processes: an OS lock on a file in it.

Two `download` runs (or a run and the window) on the same folder would race for the
same names and the same journal. The lock is taken with `filelock` (fcntl on POSIX,
msvcrt on Windows), so it goes away with the process that held it, even after kill -9.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

LOCK_NAME = ".photo-retriever.lock"


class FolderBusy(Exception):
    """Another process (or batch) holds this folder's lock."""


class FolderLock:
    """The lock of one download folder. Blocking calls: use from a worker thread."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        # Not thread-local: taken on one worker thread, released on another.
        self._lock = FileLock(self.path, thread_local=False, is_singleton=False)

    def try_acquire(self, timeout_s: float = 0.0) -> bool:
        """Take the lock, waiting up to `timeout_s`; False when it is still busy."""
        try:
            self._lock.acquire(timeout=timeout_s, poll_interval=0.05)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
