"""Helpers for download tests against the real stand-in over loopback.

The stand-in injects API faults and cut-short storage bodies itself; storage 5xx / 429
and stale links are added here by a transport that sits in front of the real one (the
request either goes to the server untouched or never leaves the client).
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

from app.core.client import NinePicClient
from app.core.downloads import DownloadEngine, DownloadOptions, Listener, TransferPolicy
from app.core.downloads.journal import JOURNAL_NAME
from app.core.retry import RetryPolicy
from app.demo.server import DemoServer

FAST_API = RetryPolicy(max_attempts=10, base_delay=0.01, max_delay=0.05, max_total=60)
FAST_TRANSFER = TransferPolicy(
    max_attempts=10,
    backoff=RetryPolicy(base_delay=0.01, max_delay=0.05),
    max_retry_after_s=2.0,
)


def image_id_of(request: httpx.Request) -> str:
    return request.url.path.rsplit("/", 1)[-1].removesuffix(".jpg")


def is_storage(request: httpx.Request) -> bool:
    return "/storage/" in request.url.path


class StorageFaults(httpx.AsyncBaseTransport):
    """In front of the real transport: answers some storage requests itself.

    `error_rate` → 500/502/503 with an XML body; `burst_every` → every Nth storage
    request starts a burst of `burst_len` 429s with `Retry-After`; `stale_first` → the
    first request for each image carries a broken signature (the server says 403);
    `html_first` → the first answer for each image is a 200 HTML page;
    `strip_range` → Range headers removed, so the server answers 200 to a resume.
    """

    def __init__(
        self,
        *,
        error_rate: float = 0.0,
        burst_every: int = 0,
        burst_len: int = 0,
        retry_after: str = "0",
        stale_first: bool = False,
        html_first: bool = False,
        strip_range: bool = False,
        seed: int = 7,
    ) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.error_rate = error_rate
        self.burst_every = burst_every
        self.burst_len = burst_len
        self.retry_after = retry_after
        self.stale_first = stale_first
        self.html_first = html_first
        self.strip_range = strip_range
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._count = 0
        self._burst_left = 0
        self._seen: set[str] = set()
        self.injected: dict[int, int] = {}

    def _decide(self, request: httpx.Request) -> int | None:
        with self._lock:
            self._count += 1
            first = image_id_of(request) not in self._seen
            self._seen.add(image_id_of(request))
            if self.burst_every and self._count % self.burst_every == 0:
                self._burst_left = self.burst_len
            if self._burst_left:
                self._burst_left -= 1
                return 429
            if self._rng.random() < self.error_rate:
                return self._rng.choice((500, 502, 503))
            if first and self.stale_first:
                return 403
            if first and self.html_first:
                return 200
            return None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not is_storage(request):
            return await self.inner.handle_async_request(request)
        status = self._decide(request)
        with self._lock:
            if status is not None:
                self.injected[status] = self.injected.get(status, 0) + 1
        if status == 403:
            parts = urlsplit(str(request.url))
            query = parts.query.replace("sig=", "sig=00")
            request.url = httpx.URL(urlunsplit(parts._replace(query=query)))
        elif status == 200:
            html = b"<html><body>Please sign in</body></html>"
            return httpx.Response(200, content=html, headers={"Content-Type": "text/html"})
        elif status is not None:
            headers = {"Content-Type": "application/xml"}
            if status == 429:
                headers["Retry-After"] = self.retry_after
            return httpx.Response(
                status, content=b"<Error><Code>Busy</Code></Error>", headers=headers
            )
        if self.strip_range and "Range" in request.headers:
            del request.headers["Range"]
            request.headers.pop("If-Range", None)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def make_client(
    demo: DemoServer,
    *,
    media_transport: httpx.AsyncBaseTransport | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    api_key: str | None = None,
) -> NinePicClient:
    return NinePicClient(
        demo.base_url,
        org_id=demo.org_id,
        api_key=api_key if api_key is not None else demo.api_key,
        transport=transport,
        media_transport=media_transport,
        retry_policy=FAST_API,
    )


def make_engine(
    client: NinePicClient,
    demo: DemoServer,
    folder: Path,
    *,
    parallel: int = 4,
    link_chunk: int = 60,
    listener: Listener | None = None,
    transfer: TransferPolicy = FAST_TRANSFER,
) -> DownloadEngine:
    options = DownloadOptions(parallel=parallel, link_chunk=link_chunk, transfer=transfer)
    return DownloadEngine(client, demo.event_id, folder, options=options, listener=listener)


def ids_with_originals(demo: DemoServer, count: int, *, skip: int = 0) -> list[str]:
    photos = [p for p in demo.catalog.photos(demo.event_id) if not p.original_missing]
    return [p.image_id for p in photos[skip : skip + count]]


class Truth:
    """sha256 of the stand-in's originals, computed once per image."""

    def __init__(self, demo: DemoServer) -> None:
        self.demo = demo
        self._cache: dict[str, str] = {}

    def sha(self, image_id: str) -> str:
        if image_id not in self._cache:
            self._cache[image_id] = hashlib.sha256(self.demo.original_bytes(image_id)).hexdigest()
        return self._cache[image_id]


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    """Part and temporary files left in the folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".part", ".tmp")))


def journal_lines(folder: Path) -> list[dict[str, object]]:
    path = folder / JOURNAL_NAME
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


def done_in_journal(folder: Path) -> dict[str, str]:
    """image key → file name of every photo the journal calls done."""
    state: dict[str, dict[str, object]] = {}
    for entry in journal_lines(folder):
        state[str(entry["key"])] = entry
    return {k: str(e["file"]) for k, e in state.items() if e.get("state") == "done"}


Check = Callable[[], bool]
