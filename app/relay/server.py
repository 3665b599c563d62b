"""The relay as an object: bind, serve with uvicorn in a thread, stop. Used by the
``relay`` command and by the tests (``listen = "127.0.0.1:0"`` picks a free port).

uvicorn does TLS itself when the config names a certificate and key, and believes
X-Forwarded-For only from the `trusted_proxies` in front of it.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import httpx
import uvicorn

from app.relay.asgi import build_app
from app.relay.config import RelayConfig
from app.relay.limiter import ClientLimiter
from app.relay.upstream import Upstream


class RelayServer:
    """A running relay on ``config.listen``; a context manager. ``base_url`` once started."""

    def __init__(
        self,
        config: RelayConfig,
        api_key: str,
        *,
        upstream_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        limits = config.limits
        self.limiter = ClientLimiter(
            {"requests": limits.requests, "uploads": limits.uploads}, limits.storage
        )
        upstream = Upstream(
            config.upstream,
            api_key,
            timeout_s=limits.upstream_timeout_s,
            transport=upstream_transport,
        )
        self.app = build_app(config, upstream, self.limiter)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._base_url: str | None = None

    def __repr__(self) -> str:
        return f"RelayServer(listen={self.config.listen!r}, upstream={self.config.upstream!r})"

    @property
    def base_url(self) -> str:
        if self._base_url is None:
            raise RuntimeError("RelayServer has not been started")
        return self._base_url

    def _uvicorn_config(self) -> uvicorn.Config:
        cfg = self.config
        return uvicorn.Config(
            self.app,
            loop="asyncio",
            http="h11",
            ws="none",
            lifespan="on",
            log_config=None,
            log_level="warning",
            access_log=False,  # the relay logs each call itself, without headers
            server_header=False,
            proxy_headers=bool(cfg.trusted_proxies),
            forwarded_allow_ips=list(cfg.trusted_proxies) or None,
            limit_concurrency=cfg.limits.max_concurrency,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=5,
            ssl_certfile=str(cfg.ssl_certfile) if cfg.ssl_certfile else None,
            ssl_keyfile=str(cfg.ssl_keyfile) if cfg.ssl_keyfile else None,
        )

    def start(self) -> None:
        if self._thread is not None:
            return
        host, port = self.config.host, self.config.port
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((host, port))
            sock.listen(128)
            server = uvicorn.Server(self._uvicorn_config())
        except (OSError, ValueError):
            sock.close()
            raise
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="event-relay", daemon=True
        )
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                server.should_exit = True
                sock.close()
                raise OSError("the relay failed to start (see the log above)")
            time.sleep(0.005)
        bound = sock.getsockname()[1]
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        scheme = "https" if self.config.ssl_certfile else "http"
        self._server, self._thread, self._socket = server, thread, sock
        self._base_url = f"{scheme}://{shown}:{bound}"

    def stop(self) -> None:
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def wait(self) -> None:
        """Block until the server thread ends; Ctrl+C still interrupts the wait."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def startup_info(self) -> dict[str, Any]:
        """The one JSON line ``relay`` prints: where runners connect. Never the key."""
        return {
            "base_url": self.base_url,
            "org_id": self.config.org,
            "events": list(self.config.events),
            "upstream": self.config.upstream,
            "access_code": self.config.access_code is not None,
        }

    def __enter__(self) -> RelayServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
