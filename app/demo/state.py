"""Everything the routes share: the world, the picture factory, signer, knobs and counters."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from app.demo.catalog import DemoCatalog
from app.demo.faults import FaultInjector
from app.demo.images import ImageFactory
from app.demo.searches import SearchStore
from app.demo.signing import UrlSigner
from app.demo.stats import DemoStats
from app.demo.world import Event


@dataclass
class DemoState:
    catalog: DemoCatalog
    images: ImageFactory
    signer: UrlSigner
    faults: FaultInjector
    stats: DemoStats
    searches: SearchStore
    allowed_hosts: frozenset[str]
    storage_url: str | None = None
    video_clipping: bool = True
    """False: video clipping reads as switched off for every event."""

    def video_on(self, event: Event) -> bool:
        """Video clipping needs both flags (and the server-wide switch)."""
        return self.video_clipping and event.video_search and event.video_selfie_search

    def public_base(self, request: Request) -> str:
        """Origin the client used to reach us; picture URLs are built on it."""
        return f"{request.url.scheme}://{request.url.netloc}"

    def storage_base(self, request: Request) -> str:
        """Where presigned originals live: ``storage_url`` if set, else our ``/storage``."""
        if self.storage_url:
            return self.storage_url.rstrip("/")
        return f"{self.public_base(request)}/storage"
