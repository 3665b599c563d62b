"""Helpers for download tests against the real stand-in over loopback.

The stand-in injects API faults and cut-short storage bodies itself; storage 5xx / 429,
stale links and error pages come from `StorageProxy`, a real loopback HTTP server in
front of the stand-in's storage (the engine reads storage with its own client, so the
faults have to be on the wire).
"""

from __future__ import annotations

import asyncio
import hashlib
import http.client
import json
import random
import select
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from app.core.client import NinePicClient
from app.core.downloads import DownloadEngine, DownloadOptions, Listener, TransferPolicy
from app.core.downloads.journal import JOURNAL_NAME
from app.core.retry import RetryPolicy
from app.demo.server import DemoConfig, DemoServer
from tests.standin import reset_knobs

FAST_API = RetryPolicy(max_attempts=10, base_delay=0.01, max_delay=0.05, max_total=60)
FAST_TRANSFER = TransferPolicy(
    max_attempts=10,
    backoff=RetryPolicy(base_delay=0.01, max_delay=0.05),
    max_retry_after_s=2.0,
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


@dataclass
class Faults:
    """What the storage proxy does to requests it would otherwise pass on.

    `error_rate` → 500/502/503 with an XML body; `burst_every` → every Nth storage
    request starts a burst of `burst_len` 429s with `Retry-After`; `stale_first` → the
    first request for each image goes on with a broken signature (the stand-in says
    403); `html_first` → the first answer for each image is a 200 HTML page;
    `strip_range` → Range headers removed, so the stand-in answers 200 to a resume.
    """

    error_rate: float = 0.0
    burst_every: int = 0
    burst_len: int = 0
    retry_after: str = "0"
    stale_first: bool = False
    html_first: bool = False
    strip_range: bool = False


class StorageProxy:
    """A real HTTP server on loopback in front of the stand-in's `/storage`.

    Start it, give its `storage_url` to `DemoConfig`, then set `target` to the stand-in's
    base URL. Each GET is either answered here (an injected fault) or forwarded and its
    answer streamed back as it comes, a cut-short body included.

    `hold_bodies_at(n)` stops every forwarded body after its first `n` bytes until
    `release_bodies()`; a client that hangs up meanwhile is counted in `let_go`. So a
    test knows exactly how far each photo got, and when a paused download dropped its
    connections. `on_request` hears of every GET as it arrives (on the proxy's thread).
    """

    def __init__(self, seed: int = 7) -> None:
        self.faults = Faults()
        self.target = ""
        self.injected: Counter[int] = Counter()
        self.header_names: set[str] = set()
        """Every request header name storage was sent (to prove no API key travels)."""
        self.on_request: Callable[[str], None] | None = None
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._count = 0
        self._burst_left = 0
        self._seen: set[str] = set()
        self._hold_at: int | None = None
        self._flowing = threading.Event()
        self._flowing.set()
        self._let_go: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                proxy._handle(self)

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def storage_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/storage"

    def start(self) -> StorageProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._flowing.set()
        self._server.shutdown()
        self._server.server_close()

    def reset(self, faults: Faults | None = None) -> None:
        with self._lock:
            self.faults = faults or Faults()
            self.injected.clear()
            self.header_names.clear()
            self._count = self._burst_left = 0
            self._seen.clear()
            self._let_go.clear()
            self._hold_at = None
            self.on_request = None
        self._flowing.set()

    @property
    def requests(self) -> int:
        """GET requests received since the last `reset`."""
        with self._lock:
            return self._count

    @property
    def let_go(self) -> list[str]:
        """Image ids whose held body the client hung up on, in order."""
        with self._lock:
            return list(self._let_go)

    def hold_bodies_at(self, count: int) -> None:
        """From now on, forward the first `count` bytes of each body, then wait."""
        with self._lock:
            self._hold_at = count
        self._flowing.clear()

    def release_bodies(self) -> None:
        """Let held bodies (and every later one) flow to the end."""
        self._flowing.set()

    def _decide(self, path: str) -> int | None:
        image_id = _image_id(path)
        with self._lock:
            faults = self.faults
            self._count += 1
            first = image_id not in self._seen
            self._seen.add(image_id)
            if faults.burst_every and self._count % faults.burst_every == 0:
                self._burst_left = faults.burst_len
            status: int | None = None
            if self._burst_left:
                self._burst_left -= 1
                status = 429
            elif self._rng.random() < faults.error_rate:
                status = self._rng.choice((500, 502, 503))
            elif first and faults.stale_first:
                status = 403
            elif first and faults.html_first:
                status = 200
            if status is not None:
                self.injected[status] += 1
            return status

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.header_names.update(name.lower() for name in request.headers)
        status = self._decide(request.path)
        heard = self.on_request
        if heard is not None:
            heard(request.path)
        path = request.path
        if status == 403:
            path = path.replace("sig=", "sig=00")
        elif status == 200:
            _answer(request, 200, b"<html><body>Please sign in</body></html>", "text/html")
            return
        elif status is not None:
            extra = {"Retry-After": self.faults.retry_after} if status == 429 else {}
            _answer(request, status, b"<Error><Code>Busy</Code></Error>", "application/xml", extra)
            return
        headers = {}
        for name in ("Range", "If-Range"):
            value = request.headers.get(name)
            if value and not self.faults.strip_range:
                headers[name] = value
        self._forward(request, path, headers)

    def _forward(self, request: BaseHTTPRequestHandler, path: str, headers: dict[str, str]) -> None:
        upstream = urlsplit(self.target)
        conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
        try:
            conn.request("GET", path, headers=headers)
            answer = conn.getresponse()
            request.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() in (
                    "content-type",
                    "content-length",
                    "content-range",
                    "etag",
                    "accept-ranges",
                    "last-modified",
                ):
                    request.send_header(name, value)
            request.end_headers()
            expected = int(answer.getheader("Content-Length") or 0)
            sent = 0
            while True:
                limit = 256 * 1024
                hold_at = self._hold_at
                if hold_at is not None and not self._flowing.is_set():
                    if sent >= hold_at:
                        request.wfile.flush()
                        if not self._hold(request):
                            request.close_connection = True
                            return
                        continue
                    limit = min(limit, hold_at - sent)
                chunk = answer.read1(limit)
                if not chunk:
                    break
                request.wfile.write(chunk)
                sent += len(chunk)
            if sent < expected:  # the stand-in cut the body: cut ours too
                request.close_connection = True
                request.connection.shutdown(socket.SHUT_RDWR)
        except (OSError, http.client.HTTPException):
            request.close_connection = True
        finally:
            conn.close()

    def _hold(self, request: BaseHTTPRequestHandler) -> bool:
        """Wait for `release_bodies`: True, go on; False, the client hung up first."""
        connection = request.connection
        while not self._flowing.is_set():
            readable, _, _ = select.select([connection], [], [], 0.01)
            if not readable:
                continue
            try:
                peeked = connection.recv(1, socket.MSG_PEEK)
            except OSError:
                peeked = b""
            if not peeked:  # end of stream: the client closed or shut its socket
                with self._lock:
                    self._let_go.append(_image_id(request.path))
                return False
        return True


def _image_id(path: str) -> str:
    return path.split("?")[0].rsplit("/", 1)[-1].removesuffix(".jpg")


def _answer(
    request: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str,
    extra: dict[str, str] | None = None,
) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for name, value in (extra or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)


@contextmanager
def demo_behind_proxy(
    config: DemoConfig | None = None,
) -> Iterator[tuple[DemoServer, StorageProxy]]:
    """The stand-in with its presigned links pointing at a `StorageProxy`."""
    proxy = StorageProxy().start()
    config = replace(config or DemoConfig(), storage_url=proxy.storage_url)
    try:
        with DemoServer(config) as demo:
            proxy.target = demo.base_url
            yield demo, proxy
    finally:
        proxy.stop()


def calm(pair: tuple[DemoServer, StorageProxy]) -> tuple[DemoServer, StorageProxy]:
    """A shared stand-in and proxy as they started: knobs, counters and proxy faults."""
    demo, proxy = pair
    reset_knobs(demo)
    proxy.reset()
    return pair


def make_client(
    demo: DemoServer,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    api_key: str | None = None,
) -> NinePicClient:
    return NinePicClient(
        demo.base_url,
        org_id=demo.org_id,
        api_key=api_key if api_key is not None else demo.api_key,
        transport=transport,
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
    split_first: bool = False,
) -> DownloadEngine:
    """An engine with quick retries. The first photo is not split by default: most tests
    count each photo's requests and connections (test_download_split.py and the
    reliability run turn it on)."""
    options = DownloadOptions(
        parallel=parallel, link_chunk=link_chunk, transfer=transfer, split_first=split_first
    )
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


def part_sizes(folder: Path) -> list[int]:
    """Sizes of the part files in the folder (none yet if it does not exist), smallest first."""
    if not folder.is_dir():
        return []
    return sorted(p.stat().st_size for p in folder.iterdir() if p.name.endswith(".part"))


Check = Callable[[], bool]


UNTIL_TIMEOUT_S = 20.0


async def until(check: Check) -> None:
    """Wait until `check()` holds (polling plain state; there is nothing to await)."""
    async with asyncio.timeout(UNTIL_TIMEOUT_S):
        while not check():  # noqa: ASYNC110 - polling plain state, nothing to await
            await asyncio.sleep(0.005)
