"""`ThreadedServer`: an ASGI app served by uvicorn in a daemon thread, on a socket we bind.

The demo backend, the event relay and the kiosk's phone hand-off all need the same thing:
bind first (so port 0 gives a free port we can report before serving), serve in the
background, know when it is up, and stop in order. One owner of that socket and thread.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:  # uvicorn loads when a server is configured, not to bind a socket
    import uvicorn

START_TIMEOUT_S = 10.0


def quiet_config(app: Any, **options: Any) -> uvicorn.Config:
    """uvicorn settings for an embedded server: plain asyncio and h11, no websockets, no
    access log (a URL may hold a token), logging left to the app's own configuration."""
    import uvicorn

    defaults: dict[str, Any] = {
        "loop": "asyncio",
        "http": "h11",
        "ws": "none",
        "lifespan": "off",
        "log_config": None,
        "log_level": "warning",
        "access_log": False,
        "timeout_graceful_shutdown": 1,
    }
    return uvicorn.Config(app, **{**defaults, **options})


def listening_socket(host: str, port: int, *, backlog: int = 128) -> socket.socket:
    """A TCP socket bound to (host, port) and listening: connections made to it wait in
    its backlog until a server accepts them. OSError when the address cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must say TCP: asyncio only sets TCP_NODELAY on accepted sockets that do, and
    # without it every keep-alive response waits ~40 ms on Nagle + delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


def origin_of(sock: socket.socket, host: str | None = None) -> str:
    """`host:port` of a bound socket as it goes in a URL (IPv6 in brackets); `host` is
    the name it was bound to, when that should be shown rather than the address."""
    address, port = sock.getsockname()[:2]
    shown = host or address
    return f"[{shown}]:{port}" if sock.family == socket.AF_INET6 else f"{shown}:{port}"


class ThreadedServer:
    """Serve one `uvicorn.Config` on (host, port) until `stop()`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.origin = ""
        """`host:port` as it goes in a URL (IPv6 in brackets); empty until started."""

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(
        self,
        config: uvicorn.Config,
        host: str,
        port: int,
        *,
        backlog: int = 128,
        sock: socket.socket | None = None,
    ) -> None:
        """Bind (or take `sock`, bound and listening already), serve in a daemon thread,
        return once uvicorn is accepting; OSError when the address cannot be bound or the
        server does not come up."""
        if self._thread is not None:
            return
        shown = None
        if sock is None:
            sock, shown = listening_socket(host, port, backlog=backlog), host
        import uvicorn

        try:
            server = uvicorn.Server(config)
        except ValueError:
            sock.close()
            raise
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=self.name, daemon=True
        )
        thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                sock.close()
                raise OSError(f"{self.name} did not start")
            time.sleep(0.005)
        self._server, self._thread, self._socket = server, thread, sock
        self.origin = origin_of(sock, shown)

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=timeout)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def wait(self) -> None:
        """Block until the server thread ends; Ctrl+C still interrupts the wait."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)
