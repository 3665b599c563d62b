"""`AppBackends`: the backends the window can switch between, made by the composition root.

The window may not import the demo server, so it gets this object instead: `demo()`
starts the stand-in on first use and keeps it running until `close()`; `service()`
checks the address (https) and makes a config for a real 9Pic service.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Protocol

from app.core.backend import BackendConfig
from app.core.urls import require_secure_url
from app.demo.config import DemoConfig

TYPE_CHECKING = False
if TYPE_CHECKING:  # uvicorn, Starlette and Pillow load only when the demo starts
    from app.demo.on_demand import OnDemandDemo


class DemoFacts(Protocol):
    """What a backend config needs of a stand-in (a `DemoServer` or an `OnDemandDemo`)."""

    @property
    def base_url(self) -> str: ...
    @property
    def api_key(self) -> str: ...
    @property
    def org_id(self) -> int: ...
    @property
    def event_id(self) -> int: ...
    @property
    def sample_bibs(self) -> Sequence[str]: ...
    @property
    def failure_bib(self) -> str | None: ...


def demo_backend(demo: DemoFacts, event_id: int | None = None) -> BackendConfig:
    """The one way a running stand-in becomes the app's backend (with its sample BIBs and
    the BIB that shows what a failure looks like)."""
    return BackendConfig(
        demo.base_url,
        demo.org_id,
        event_id if event_id is not None else demo.event_id,
        demo.api_key,
        is_demo=True,
        sample_bibs=tuple(demo.sample_bibs),
        failure_bib=demo.failure_bib,
    )


class AppBackends:
    """A `BackendProvider`; safe to call from any thread. `demo()` answers at once: the
    stand-in's socket listens from then on, and the server behind it starts when the
    first connection comes (`OnDemandDemo`), so the window can appear first."""

    def __init__(self, demo_config: DemoConfig | None = None) -> None:
        self._demo_config = demo_config
        self._demo: OnDemandDemo | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"AppBackends(demo_running={self._demo is not None})"

    def demo(self, event_id: int | None = None) -> BackendConfig:
        with self._lock:
            if self._demo is None:
                from app.demo.on_demand import OnDemandDemo

                self._demo = OnDemandDemo(self._demo_config)
            demo = self._demo
        return demo_backend(demo, event_id)

    def service(
        self, api_url: str, org_id: int, event_id: int | None, api_key: str | None
    ) -> BackendConfig:
        url = require_secure_url(api_url.strip().rstrip("/"))
        return BackendConfig(url, org_id, event_id, api_key, is_demo=False)

    def close(self) -> None:
        with self._lock:
            demo, self._demo = self._demo, None
        if demo is not None:
            demo.stop()
