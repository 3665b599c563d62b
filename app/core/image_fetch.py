"""Blocking, key-less image GETs (thumbnails) for worker threads.

Why not the async media client: on the GUI thread each thumbnail cost ~3 ms of httpx
and httpcore Python (pool bookkeeping, a trip per chunk), a page of 32 a visible
stutter. Here a worker thread does the whole request with the storage client the
download engine uses (https re-checked on every redirect, environment proxies,
one kept-alive connection per thread and host) and hands back checked bytes.
"""

from __future__ import annotations

import threading

from app.core.errors import (
    BadResponse,
    RequestTimedOut,
    ServiceUnreachable,
    error_for_status,
)
from app.core.image_signatures import image_type
from app.core.urls import require_secure_url

TYPE_CHECKING = False
if TYPE_CHECKING:  # http.client, ssl and urllib load with the first picture, not the window
    from app.core.downloads.fetch import StorageClient, StorageResponse

_CHUNK = 256 * 1024


class ImageFetcher:
    """`fetch(url, max_bytes)` from any thread; `close()` once nothing fetches any more."""

    def __init__(self, *, timeout: float = 20.0) -> None:
        self._timeout = timeout
        self._storage: StorageClient | None = None
        self._lock = threading.Lock()

    def _client(self) -> StorageClient:
        with self._lock:  # fetches come from several worker threads at once
            if self._storage is None:
                from app.core.downloads.fetch import StorageClient

                self._storage = StorageClient(timeout=self._timeout)
            return self._storage

    def fetch(self, url: str, max_bytes: int) -> bytes:
        """The image at `url`: status 200, at most `max_bytes`, an image signature.
        Raises `NinePicError` subclasses only (like `NinePicClient.fetch_image`)."""
        from app.core.downloads.fetch import FetchError, FetchTimeout

        require_secure_url(url)
        storage = self._client()
        try:
            response = storage.get(url, {})
        except FetchTimeout as exc:
            raise RequestTimedOut() from exc
        except FetchError as exc:
            raise ServiceUnreachable(str(exc)) from exc
        whole = False
        try:
            if response.status != 200:
                raise error_for_status(response.status, "image request failed", field_errors=[])
            chunks: list[bytes] = []
            size = 0
            while chunk := self._read(response):
                size += len(chunk)
                if size > max_bytes:
                    raise BadResponse("image larger than allowed")
                chunks.append(chunk)
            if response.raw.length:  # the connection ended before the announced length
                raise ServiceUnreachable("the image was cut short")
            whole = True
        finally:
            storage.release(response, reuse=whole)
        body = b"".join(chunks)
        if image_type(body) is None:
            raise BadResponse("the answer is not an image")
        return body

    def connect(self, url: str) -> bool:
        """Open this thread's kept-alive connection to the host of `url` now, so the
        first image asked for on it does not pay the handshake (see `StorageClient`)."""
        return self._client().connect(url)

    def close(self) -> None:
        with self._lock:
            storage = self._storage
        if storage is not None:
            storage.close()

    @staticmethod
    def _read(response: StorageResponse) -> bytes:
        from app.core.downloads.fetch import FetchError, FetchTimeout

        try:
            return response.read(_CHUNK)
        except FetchTimeout as exc:
            raise RequestTimedOut() from exc
        except FetchError as exc:
            raise ServiceUnreachable(str(exc)) from exc
