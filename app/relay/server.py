"""The relay as an object: bind, serve with uvicorn in a thread, stop. Used by the
``relay`` command and by the tests (``listen = "127.0.0.1:0"`` picks a free port).

uvicorn does TLS itself when the config names a certificate and key, and believes
X-Forwarded-For only from the `trusted_proxies` in front of it.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

import httpx
import uvicorn

from app.core.threaded_server import ThreadedServer, quiet_config
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
        self._serving = ThreadedServer("event-relay")
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
        return quiet_config(
            self.app,
            lifespan="on",
            # the relay logs each call itself, without headers
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
        if self._serving.running:
            return
        self._serving.start(self._uvicorn_config(), self.config.host, self.config.port)
        scheme = "https" if self.config.ssl_certfile else "http"
        self._base_url = f"{scheme}://{self._serving.origin}"

    def stop(self) -> None:
        self._serving.stop()

    def wait(self) -> None:
        """Block until the server thread ends; Ctrl+C still interrupts the wait."""
        self._serving.wait()

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
