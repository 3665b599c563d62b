"""A small, scriptable 9Pic API + photo host on loopback that misbehaves on purpose.

The stand-in is a faithful service; these tests need an unfaithful one: pages that
repeat for ever, links that share a URL stem, bodies that drip a byte at a time, a
key echoed back in file names. Each test gives `HostileServer` the download pages it
should answer (`pages`) and how storage should answer (`storage`), then points a real
`NinePicClient` and `DownloadEngine` at it over loopback.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.core.client import NinePicClient
from app.core.downloads import DownloadEngine, DownloadOptions, Listener, TransferPolicy
from tests.integration.support import FAST_API, FAST_TRANSFER

ORG, EVENT = 903, 456
KEY = "hostile-test-key-6d1f"

Payload = dict[str, Any]
PageFn = Callable[[Payload, int, int], Payload]
"""(request body, page, page_size) → the `data` of the download answer."""
StorageFn = Callable[[BaseHTTPRequestHandler, str], None]
"""(request, path with query) → write the whole answer."""


@dataclass
class Seen:
    """What the server was asked, for the tests to count."""

    api: list[tuple[Payload, int]] = field(default_factory=list)
    storage: list[tuple[str, dict[str, str], float]] = field(default_factory=list)
    statuses: list[tuple[int, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def pagination(
    total: int, page: int, pages: int, size: int, *, more: bool | None = None
) -> Payload:
    return {
        "total": total,
        "currentPage": page,
        "totalPages": pages,
        "hasNextPage": page < pages if more is None else more,
        "hasPreviousPage": page > 1,
        "page_size": size,
    }


def answer(
    request: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "image/jpeg",
    headers: dict[str, str] | None = None,
    *,
    length: bool = True,
) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    if length:
        request.send_header("Content-Length", str(len(body)))
    else:
        request.send_header("Connection", "close")
        request.close_connection = True
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)


def send_then_hang(
    request: BaseHTTPRequestHandler, body: bytes, first: int, stop: threading.Event
) -> None:
    """Announce all of `body`, send its first `first` bytes, then nothing until `stop`."""
    request.send_response(200)
    request.send_header("Content-Type", "image/jpeg")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body[:first])
    request.wfile.flush()
    stop.wait(60)


class HostileServer:
    """API and storage on one loopback port; `files` are served whole by default."""

    def __init__(self) -> None:
        self.pages: PageFn = lambda body, page, size: {"presigned_urls": [], "failed_urls": []}
        self.files: dict[str, bytes] = {}
        self.storage: StorageFn = self.serve_file
        self.seen = Seen()
        self.asked_storage = threading.Event()
        """Set at the first storage request: a batch is under way."""
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_POST(self) -> None:
                server._api(self)

            def do_GET(self) -> None:
                with server.seen.lock:
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    server.seen.storage.append((self.path, headers, time.monotonic()))
                server.asked_storage.set()
                try:
                    server.storage(self, self.path)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> HostileServer:
        self._thread.start()
        return self

    async def storage_asked(self, timeout_s: float = 20.0) -> None:
        """Wait (without blocking the loop) for the first storage request."""
        assert await asyncio.to_thread(self.asked_storage.wait, timeout_s)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def serve_file(self, request: BaseHTTPRequestHandler, path: str) -> None:
        body = self.files.get(urlsplit(path).path + _id_query(path))
        if body is None:
            answer(request, 404, b"<Error>NoSuchKey</Error>", "application/xml")
            return
        wanted = request.headers.get("Range", "")
        if wanted.startswith("bytes=") and wanted.endswith("-"):
            start = int(wanted[6:-1])
            rest = body[start:]
            extra = {"Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}"}
            answer(request, 206, rest, headers=extra)
            return
        answer(request, 200, body)

    def _api(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        body = json.loads(request.rfile.read(length) or b"{}")
        query = parse_qs(parts.query)
        page = int(query.get("page", ["1"])[0])
        size = int(query.get("page_size", ["30"])[0])
        with self.seen.lock:
            self.seen.api.append((body, page))
        if not parts.path.endswith("/original-photos"):
            answer(request, 404, b'{"responseType":"error","message":"no"}', "application/json")
            return
        data = self.pages(body, page, size)
        envelope = {"responseType": "success", "message": "ok", "data": data}
        answer(request, 200, json.dumps(envelope).encode(), "application/json")


def _id_query(path: str) -> str:
    query = urlsplit(path).query
    ids = parse_qs(query).get("id")
    return f"?id={ids[0]}" if ids else ""


@contextmanager
def hostile_server() -> Iterator[HostileServer]:
    server = HostileServer().start()
    try:
        yield server
    finally:
        server.stop()


def hostile_client(server: HostileServer, *, key: str = KEY) -> NinePicClient:
    return NinePicClient(server.base_url, org_id=ORG, api_key=key, retry_policy=FAST_API)


def hostile_engine(
    client: NinePicClient,
    folder: Path,
    *,
    parallel: int = 4,
    transfer: TransferPolicy = FAST_TRANSFER,
    listener: Listener | None = None,
    read_timeout_s: float = 5.0,
    wait_for_folder: bool = True,
) -> DownloadEngine:
    options = DownloadOptions(
        parallel=parallel,
        transfer=transfer,
        read_timeout_s=read_timeout_s,
        wait_for_folder=wait_for_folder,
    )
    return DownloadEngine(client, EVENT, folder, options=options, listener=listener)
