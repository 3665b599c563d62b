"""The first big photo of a batch in two halves at once, so the first file is saved sooner.

Photo hosts cap each connection (a few MB/s), so one photo takes as long as its size at
that cap, whatever else runs beside it. For the batch's first photo only, once its 200
answer has said the size, a thread of its own asks for the second half with a Range
request on a second connection and holds it in memory, while the transfer streams the
first half into the part file; the second half is written after it, so the hash and the
JPEG walk still see every byte in order. Anything amiss with the second half (another
status, size or validator, a short or slow body, a pause) only drops it: the part then
holds the first half, and the transfer's next attempt resumes from there with Range.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable

from app.core.downloads.fetch import FetchError, StorageClient, abort_connection
from app.core.downloads.http_ranges import content_range
from app.core.errors import InsecureUrl

SPLIT_MIN_BYTES = 1024 * 1024
"""Smaller photos are not worth a second connection."""
SPLIT_MAX_BYTES = 64 * 1024 * 1024
"""The second half is held in memory: bigger photos go in one piece."""
_READ = 1024 * 1024


def worth_splitting(size: int | None) -> bool:
    return size is not None and SPLIT_MIN_BYTES <= size <= SPLIT_MAX_BYTES


class SecondHalf:
    """Bytes `start` to the end of one photo, fetched on a thread of its own."""

    def __init__(
        self,
        storage: StorageClient,
        url: str,
        total: int,
        validator: str,
        stopped: Callable[[], bool],
    ) -> None:
        self.start = total // 2
        self.total = total
        self._storage = storage
        self._url = url
        self._validator = validator
        self._stopped = stopped
        self._data = bytearray()
        self._whole = False
        self._dropped = threading.Event()
        self._conn_lock = threading.Lock()
        self._conn: http.client.HTTPConnection | None = None
        self._began = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="photo-writer-half", daemon=True)
        self._thread.start()

    def take(self, stopped: Callable[[], bool]) -> bytes | None:
        """Once the first half is in: the second half, or None (dropped). Waits at most
        as long again as the first half took, and gives up at once on `stopped`."""
        deadline = time.monotonic() + max(1.0, time.monotonic() - self._began)
        while self._thread.is_alive():
            if stopped() or time.monotonic() > deadline:
                self.drop()
                return None
            self._thread.join(0.05)
        return bytes(self._data) if self._whole else None

    def drop(self) -> None:
        """Stop fetching (from the transfer's thread); returns once the thread has ended."""
        self._dropped.set()
        with self._conn_lock:
            abort_connection(self._conn)
        self._thread.join()

    def _use(self, conn: http.client.HTTPConnection | None) -> None:
        with self._conn_lock:
            self._conn = conn
        if self._dropped.is_set():
            abort_connection(conn)

    def _run(self) -> None:
        headers = {"Range": f"bytes={self.start}-{self.total - 1}"}
        if self._validator:
            headers["If-Range"] = self._validator
        try:
            response = self._storage.get(self._url, headers, self._use)
        except (FetchError, InsecureUrl):
            return
        want = self.total - self.start
        try:
            if response.status != 206 or content_range(response.header("Content-Range")) != (
                self.start,
                self.total,
            ):
                return
            while len(self._data) < want and not self._dropped.is_set() and not self._stopped():
                block = response.read(_READ)
                if not block:
                    break
                self._data += block
            self._whole = len(self._data) == want and not self._dropped.is_set()
        except FetchError:
            return
        finally:
            self._use(None)
            self._storage.release(response, reuse=False)
