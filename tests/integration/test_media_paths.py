"""Thumbnails over the worker-thread fetcher, and plain-http loopback that never builds
the TLS context, both against the real stand-in."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

import app.core.lazy_tls as lazy_tls
from app.core.client import NinePicClient
from app.core.errors import BadResponse, InsecureUrl, NotFound, ServiceUnreachable
from app.core.image_fetch import ImageFetcher
from app.core.image_signatures import JPEG_START
from app.core.lazy_tls import LazyTlsTransport
from app.demo.server import DemoServer


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


def _thumbnail_url(demo: DemoServer, index: int = 0) -> str:
    photo = demo.catalog.photos(demo.event_id)[index]
    return f"{demo.base_url}/imgs/{demo.event_id}/small/{photo.image_id}.jpg"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def tls_builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts how often the verifying TLS context is built (none cached beforehand)."""
    built: list[int] = []
    real = httpx.create_ssl_context

    def counting(*args: object, **kwargs: object) -> object:
        built.append(1)
        return real()

    lazy_tls.verified_tls_context.cache_clear()
    monkeypatch.setattr(httpx, "create_ssl_context", counting)
    yield built
    lazy_tls.verified_tls_context.cache_clear()


def test_image_fetcher_gets_a_checked_thumbnail(demo: DemoServer) -> None:
    fetcher = ImageFetcher()
    try:
        body = fetcher.fetch(_thumbnail_url(demo), 4 * 1024 * 1024)
        again = fetcher.fetch(_thumbnail_url(demo, 1), 4 * 1024 * 1024)
    finally:
        fetcher.close()
    assert body.startswith(JPEG_START) and again.startswith(JPEG_START) and body != again


def test_image_fetcher_maps_every_failure_to_our_errors(demo: DemoServer) -> None:
    fetcher = ImageFetcher(timeout=5)
    try:
        with pytest.raises(NotFound):
            fetcher.fetch(f"{demo.base_url}/imgs/{demo.event_id}/small/nope.jpg", 1 << 20)
        with pytest.raises(BadResponse, match="larger"):
            fetcher.fetch(_thumbnail_url(demo), 100)
        with pytest.raises(InsecureUrl):
            fetcher.fetch("http://photos.example.com/a.jpg", 1 << 20)
        with pytest.raises(ServiceUnreachable):
            fetcher.fetch(f"http://127.0.0.1:{_closed_port()}/a.jpg", 1 << 20)
        # after all that, the thread's connection still serves a good answer
        assert fetcher.fetch(_thumbnail_url(demo), 1 << 20).startswith(JPEG_START)
    finally:
        fetcher.close()


class _ErrorPage(BaseHTTPRequestHandler):
    """A host that answers 200 with an HTML page where a picture was expected."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = b"<html><body>Sign in to see this photo</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


class _CountingHost(ThreadingHTTPServer):
    """Serves one small JPEG at every path, counting the connections it accepted."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Jpeg)
        self.connections = 0

    def process_request(self, request: object, client_address: object) -> None:
        self.connections += 1
        super().process_request(request, client_address)  # type: ignore[arg-type]


class _Jpeg(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    body = JPEG_START + b"\xe0" + b"\x00" * 500 + b"\xff\xd9"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        return


def test_one_thread_keeps_one_connection_alive_for_every_image() -> None:
    host = _CountingHost()
    threading.Thread(target=host.serve_forever, daemon=True).start()
    fetcher = ImageFetcher()
    try:
        for i in range(5):
            fetcher.fetch(f"http://127.0.0.1:{host.server_address[1]}/{i}.jpg", 1 << 20)
    finally:
        fetcher.close()
        host.shutdown()
        host.server_close()
    assert host.connections == 1


def test_connections_opened_early_are_the_ones_kept_alive() -> None:
    """Each fetch thread connects once (early, while the search is asked) and keeps that
    connection for every image after: kept-alive connections = fetch threads."""
    host = _CountingHost()
    threading.Thread(target=host.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{host.server_address[1]}"
    fetcher = ImageFetcher()
    threads = 4
    connected = threading.Barrier(threads)

    def work(n: int) -> None:
        assert fetcher.connect(f"{base}/cover.jpg")
        connected.wait(timeout=10)  # all four connected before any fetch
        for i in range(5):
            fetcher.fetch(f"{base}/{n}-{i}.jpg", 1 << 20)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=20)
        assert fetcher.connect(f"{base}/again.jpg")  # this thread: one more, then kept
        assert fetcher.connect(f"{base}/again.jpg")
        # An answer on it: the host has accepted (and counted) that connection before
        # it is shut down; connect() alone returns after the kernel's handshake.
        fetcher.fetch(f"{base}/again.jpg", 1 << 20)
    finally:
        fetcher.close()
        host.shutdown()
        host.server_close()
    assert host.connections == threads + 1


def test_an_early_connect_that_fails_is_only_reported() -> None:
    fetcher = ImageFetcher()
    try:
        assert not fetcher.connect(f"http://127.0.0.1:{_closed_port()}/a.jpg")
        assert not fetcher.connect("http://photos.example.com/a.jpg")  # not https: refused
    finally:
        fetcher.close()


def test_image_fetcher_refuses_an_answer_that_is_not_an_image() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ErrorPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetcher = ImageFetcher()
    try:
        with pytest.raises(BadResponse, match="not an image"):
            fetcher.fetch(f"http://127.0.0.1:{server.server_address[1]}/a.jpg", 1 << 20)
    finally:
        fetcher.close()
        server.shutdown()
        server.server_close()


def test_image_fetcher_works_from_many_threads_at_once(demo: DemoServer) -> None:
    fetcher = ImageFetcher()
    results: dict[int, bytes] = {}

    def work(i: int) -> None:
        results[i] = fetcher.fetch(_thumbnail_url(demo, i), 1 << 20)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fetcher.close()
    assert sorted(results) == list(range(6))
    assert all(body.startswith(JPEG_START) for body in results.values())


@pytest.mark.anyio
async def test_loopback_http_builds_no_tls_context(demo: DemoServer, tls_builds: list[int]) -> None:
    async with NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key) as client:
        await client.ping(demo.event_id)
        assert (await client.fetch_image(_thumbnail_url(demo))).startswith(JPEG_START)
    assert tls_builds == []


@pytest.mark.anyio
async def test_https_builds_the_verifying_context_on_first_use(tls_builds: list[int]) -> None:
    transport = LazyTlsTransport(httpx.Limits(max_connections=2))
    async with httpx.AsyncClient(transport=transport) as client:
        assert not transport.tls_ready
        with pytest.raises(httpx.ConnectError):
            await client.get(f"https://127.0.0.1:{_closed_port()}/")
        assert transport.tls_ready
        with pytest.raises(httpx.ConnectError):
            await client.get(f"https://127.0.0.1:{_closed_port()}/")
    assert tls_builds == [1]  # built once, then reused


class _Stalling(BaseHTTPRequestHandler):
    """Sends the headers of a picture, then nothing until the test lets it go."""

    protocol_version = "HTTP/1.1"
    asked = threading.Event()
    release = threading.Event()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(JPEG_START)
        self.wfile.flush()
        type(self).asked.set()
        type(self).release.wait(30)

    def log_message(self, format: str, *args: object) -> None:
        return


def test_closing_the_fetcher_ends_a_read_that_hangs() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stalling)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetcher = ImageFetcher(timeout=60)  # far longer than the join below allows
    errors: list[Exception] = []

    def fetch() -> None:
        try:
            fetcher.fetch(f"http://127.0.0.1:{server.server_address[1]}/a.jpg", 1 << 20)
        except Exception as error:
            errors.append(error)

    worker = threading.Thread(target=fetch)
    worker.start()
    try:
        assert _Stalling.asked.wait(10)
        closer = threading.Thread(target=fetcher.close)  # the window is closing
        closer.start()
        closer.join(10)
        worker.join(10)
        assert not closer.is_alive() and not worker.is_alive()
        # the few bytes that came are not taken for a whole picture
        assert len(errors) == 1 and isinstance(errors[0], ServiceUnreachable)
    finally:
        _Stalling.release.set()
        server.shutdown()
        server.server_close()
