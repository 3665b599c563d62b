"""Blocking GETs of presigned links, for the engine's worker threads.

Why not httpx here: the bodies of the originals are the bulk of the work. Read on the
event loop (the GUI thread under qasync) every 64 KiB chunk costs a trip through
httpx, httpcore, h11 and anyio: the engine was twice as slow as aria2c and kept the
GUI thread busy for seconds per batch. Here each worker thread reads what the socket
has (up to 1 MiB at a time, `read1`), and hashes and writes it itself; the GIL is
released for all three, so eight transfers share two cores well. `read1` returns as
soon as bytes arrive, so the caller can measure the speed and give up on a host that
only drips; `abort` (from any thread) shuts the socket so a blocked read ends now.

Storage needs no API key (none is ever sent), no cookies and no HTTP/2. What it does
need is kept: TLS with the CA bundle httpx uses, redirects (each one re-checked to be
https), proxies from the environment, keep-alive and timeouts.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import socket
import ssl
import threading
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from app.core.downloads.deadlines import WATCHDOG, Deadline
from app.core.errors import InsecureUrl
from app.core.urls import require_secure_url

MAX_REDIRECTS = 5
CONNECT_TIMEOUT_S = 5.0
USER_AGENT = "photo-retriever"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """The storage host could not be reached, or the connection broke."""


class FetchTimeout(FetchError):
    """The host went silent for longer than the read timeout."""


@dataclass(frozen=True)
class _Origin:
    scheme: str
    host: str
    port: int

    @classmethod
    def of(cls, url: str) -> _Origin:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        default = 443 if scheme == "https" else 80
        return cls(scheme, parts.hostname or "", parts.port or default)


@dataclass
class _Connection:
    conn: http.client.HTTPConnection
    via_http_proxy: bool = False


@dataclass
class StorageResponse:
    """An answer whose body is read with `read`; give it back with `release`."""

    raw: http.client.HTTPResponse
    origin: _Origin = field(repr=False)

    @property
    def status(self) -> int:
        return self.raw.status

    def header(self, name: str) -> str | None:
        return self.raw.getheader(name)

    def read(self, limit: int) -> bytes:
        """What the socket has, up to `limit` bytes; b"" at the end of the body."""
        try:
            return self.raw.read1(limit)
        except TimeoutError as exc:
            raise FetchTimeout("no byte within the read timeout") from exc
        except (OSError, http.client.HTTPException, ValueError, AttributeError) as exc:
            # AttributeError: http.client's own end-of-body close raced `close` from
            # another thread (the batch or the window is closing).
            raise FetchError(type(exc).__name__) from exc


OnConnection = Callable[[http.client.HTTPConnection | None], None]
"""Told which connection a request is using (None once it has been given back)."""


def abort_connection(conn: http.client.HTTPConnection | None) -> None:
    """Make a blocked read or write on `conn` end at once (from any thread)."""
    sock = getattr(conn, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _ssl_context() -> ssl.SSLContext:
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with httpx
        return ssl.create_default_context()


class StorageClient:
    """Key-less GETs with one keep-alive connection per worker thread and origin."""

    def __init__(self, *, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._local = threading.local()
        self._every: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._ssl: ssl.SSLContext | None = None

    def get(
        self, url: str, headers: Mapping[str, str], on_connection: OnConnection | None = None
    ) -> StorageResponse:
        """Send a GET (redirects followed, each one re-checked to be https); raises
        `FetchError` for network trouble. `on_connection` learns the connection in use,
        so another thread can `abort_connection` it."""
        for _ in range(MAX_REDIRECTS + 1):
            require_secure_url(url)
            response = self._send(url, headers, on_connection)
            location = response.header("Location")
            if response.status in _REDIRECTS and location:
                self.release(response, reuse=False)
                url = urljoin(url, location)
                continue
            return response
        raise FetchError("too many redirects")

    def release(self, response: StorageResponse, *, reuse: bool) -> None:
        """Keep the connection only when the whole body was read and the server allows."""
        raw = response.raw
        if reuse and raw.length == 0 and not raw.isclosed():
            # `read1` leaves a response open at the end of a sized body (only `read`
            # closes it there): close it as the end of the body, the socket stays ours.
            # Without this every file and thumbnail opened a new connection.
            raw.close()
        if reuse and raw.isclosed() and not raw.will_close:
            return
        response.raw.close()
        held = self._table().pop(response.origin, None)
        if held is not None:
            held.conn.close()

    def close(self) -> None:
        """Close the connections of every thread (the batch has ended, the window is
        closing); a read still blocked on one of them ends at once instead of waiting
        out its timeout (closing alone does not wake it)."""
        with self._lock:
            for conn in self._every:
                abort_connection(conn)
                conn.close()
            self._every.clear()

    def _table(self) -> dict[_Origin, _Connection]:
        table: dict[_Origin, _Connection] | None = getattr(self._local, "table", None)
        if table is None:
            table = {}
            self._local.table = table
        return table

    def _send(
        self, url: str, headers: Mapping[str, str], on_connection: OnConnection | None
    ) -> StorageResponse:
        origin = _Origin.of(url)
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        all_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **headers}
        table = self._table()
        for attempt in (1, 2):
            held = table.get(origin)
            if held is None:
                held = table[origin] = self._connect(origin)
            if on_connection is not None:
                on_connection(held.conn)
            # The socket timeout bounds each read; this bounds the whole header phase,
            # so a host dripping its headers a byte at a time cannot hold us either.
            deadline: Deadline | None = None
            try:
                self._open(held)
                abort = functools.partial(abort_connection, held.conn)
                deadline = WATCHDOG.arm(self.timeout, abort)
                held.conn.request(
                    "GET", url if held.via_http_proxy else target, headers=all_headers
                )
                raw = held.conn.getresponse()
                WATCHDOG.disarm(deadline)
                if deadline.fired:  # cut off mid-headers: what was parsed is no answer
                    raise TimeoutError("the headers took longer than the read timeout")
                return StorageResponse(raw, origin)
            except (OSError, http.client.HTTPException, ValueError, AttributeError) as exc:
                # ValueError, AttributeError: an abort from another thread (the deadline,
                # a pause) shut an SSL socket in the middle of its read
                held.conn.close()
                table.pop(origin, None)
                stale = isinstance(exc, http.client.RemoteDisconnected | ConnectionResetError)
                if deadline is not None and deadline.fired:
                    raise FetchTimeout("the headers took longer than the read timeout") from exc
                if attempt == 1 and stale:
                    continue  # a kept-alive connection the server had closed meanwhile
                raise FetchError(type(exc).__name__) from exc
            finally:
                if deadline is not None:
                    WATCHDOG.disarm(deadline)
        raise FetchError("connection lost")  # pragma: no cover

    def connect(self, url: str) -> bool:
        """Open this thread's connection to the origin of `url` ahead of its first GET
        (the handshake overlaps other work, as a browser's preconnect does); True when one
        is open. Best effort: a failure is left to the GET to report."""
        try:
            require_secure_url(url)
            origin = _Origin.of(url)
            table = self._table()
            held = table.get(origin)
            if held is None:
                held = table[origin] = self._connect(origin)
            self._open(held)
        except (OSError, http.client.HTTPException, ValueError, InsecureUrl):
            return False
        return True

    def _open(self, held: _Connection) -> None:
        """Connect (TCP, a proxy tunnel, TLS) unless already connected."""
        if held.conn.sock is None:
            held.conn.timeout = min(CONNECT_TIMEOUT_S, self.timeout)
            held.conn.connect()
            sock: socket.socket | None = held.conn.sock
            if sock is not None:
                sock.settimeout(self.timeout)

    def _connect(self, origin: _Origin) -> _Connection:
        proxy = _proxy_for(origin)
        conn: http.client.HTTPConnection
        if origin.scheme == "https":
            if self._ssl is None:
                self._ssl = _ssl_context()
            host, port = (proxy.host, proxy.port) if proxy else (origin.host, origin.port)
            conn = http.client.HTTPSConnection(host, port, timeout=self.timeout, context=self._ssl)
            if proxy is not None:
                conn.set_tunnel(origin.host, origin.port)
            held = _Connection(conn)
        elif proxy is not None:
            conn = http.client.HTTPConnection(proxy.host, proxy.port, timeout=self.timeout)
            held = _Connection(conn, via_http_proxy=True)
        else:
            held = _Connection(
                http.client.HTTPConnection(origin.host, origin.port, timeout=self.timeout)
            )
        with self._lock:
            self._every.append(held.conn)
        return held


def _proxy_for(origin: _Origin) -> _Origin | None:
    """The proxy the environment names for this origin (HTTPS_PROXY, NO_PROXY…)."""
    if origin.host in ("127.0.0.1", "localhost", "::1") or urllib.request.proxy_bypass(origin.host):
        return None
    address = urllib.request.getproxies().get(origin.scheme)
    if not address:
        return None
    return _Origin.of(address if "://" in address else f"http://{address}")
