"""`OnDemandDemo`: the stand-in's address and facts at once, the server on first use.

Starting the stand-in means importing uvicorn, Starlette and Pillow and building its
world: a tenth of a second the window would otherwise wait for before it can appear.
Here the socket is bound and listening straight away (so the address is known and a
client may connect: the kernel holds its connection in the backlog), and a small thread
waits for that first connection before it starts the real `DemoServer` on the same
socket. The window is on screen by the time its first request arrives.
"""

from __future__ import annotations

import logging
import random
import select
import socket
import threading

from app.core.threaded_server import listening_socket, origin_of
from app.demo.catalog import main_cast
from app.demo.config import DemoConfig
from app.demo.world import DEMO_API_KEY, MAIN_EVENT_ID, MAIN_ORG_ID

TYPE_CHECKING = False
if TYPE_CHECKING:  # uvicorn, Starlette and Pillow load only when the server starts
    from app.demo.server import DemoServer

log = logging.getLogger(__name__)


class OnDemandDemo:
    """Has what `demo_backend` reads (`base_url`, `api_key`, `org_id`, `event_id`,
    `sample_bibs`, `failure_bib`) from construction on; `stop()` ends it either way."""

    def __init__(self, config: DemoConfig | None = None) -> None:
        self.config = config or DemoConfig()
        cfg = self.config
        # The facts the window shows come from the seed's first draws: the whole world
        # (`DemoCatalog`) is built by the server, in its thread, when it starts.
        cast = main_cast(random.Random(cfg.seed), cfg.event_photos)
        self.api_key = cfg.api_key or DEMO_API_KEY
        self.org_id = MAIN_ORG_ID
        self.event_id = MAIN_EVENT_ID
        self.sample_bibs = list(cast.sample_bibs)
        self.failure_bib = cast.typical
        self._sock = listening_socket(cfg.host, cfg.port)
        self.base_url = f"http://{origin_of(self._sock, cfg.host)}"
        self._wake, self._waker = socket.socketpair()
        self._server: DemoServer | None = None
        self._lock = threading.Lock()
        self._stopped = False
        self._thread = threading.Thread(
            target=self._start_on_first_connection, name="demo-9pic-on-demand", daemon=True
        )
        self._thread.start()

    def __repr__(self) -> str:
        return f"OnDemandDemo({self.base_url}, started={self.started})"

    @property
    def started(self) -> bool:
        """Whether the real server runs (a connection has asked for it)."""
        return self._server is not None

    def _start_on_first_connection(self) -> None:
        ready, _, _ = select.select([self._sock, self._wake], [], [])
        if self._wake in ready:
            return
        from app.demo.server import DemoServer

        try:
            server = DemoServer(self.config)
            server.start(sock=self._sock)
        except Exception:  # the waiting clients get a closed connection, not a hang
            log.exception("the demo server could not start")
            self._sock.close()
            return
        with self._lock:
            if self._stopped:
                server.stop()
                return
            self._server = server

    def stop(self) -> None:
        """Stop the server, or the wait for its first connection."""
        with self._lock:
            self._stopped = True
            server = self._server
        self._waker.send(b"x")
        self._thread.join(timeout=15)
        if server is None:
            with self._lock:
                server = self._server
        if server is not None:
            server.stop()
        self._sock.close()
        self._wake.close()
        self._waker.close()
