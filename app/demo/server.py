"""The stand-in 9Pic server as an object: start it on loopback, use it, stop it.

``DemoServer`` runs uvicorn in a daemon thread on a socket it binds itself (port 0 by
default), so the app, the tests and the benchmarks each get a private server in well under
a second. ``run_serve_demo`` is the ``photo-retriever serve-demo`` command behind it.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from app.core.atomic import write_atomically
from app.core.threaded_server import ThreadedServer, quiet_config
from app.demo.asgi import build_app
from app.demo.catalog import DemoCatalog
from app.demo.config import DemoConfig
from app.demo.decisions import DEFAULT_ALLOWED_HOSTS
from app.demo.faults import FaultInjector
from app.demo.images import ImageFactory
from app.demo.searches import SearchStore
from app.demo.signing import UrlSigner, object_key
from app.demo.state import DemoState
from app.demo.stats import DemoStats
from app.demo.world import Photo

log = logging.getLogger(__name__)

_TRUNCATION_NOISE = "ASGI callable returned without completing response."


class _DropTruncationNoise(logging.Filter):
    """A deliberately cut storage body makes uvicorn log an error; it is not one here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != _TRUNCATION_NOISE


def _quiet_uvicorn() -> None:
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DropTruncationNoise) for f in logger.filters):
        logger.addFilter(_DropTruncationNoise())


class DemoServer:
    """The stand-in on ``host:port`` in a background thread; a context manager.

    Attributes for callers: ``base_url`` (after start), ``api_key``, ``org_id``,
    ``event_id``, ``sample_bibs``, ``failure_bib``, ``sample_request_ids``, ``stats`` and
    ``catalog``; the second organisation for 403 tests is ``other_api_key`` /
    ``other_org_id`` / ``other_event_id``; ``searches`` holds stored face searches and clip
    jobs (its ``clock`` can be replaced to move clip jobs along without waiting).
    """

    def __init__(self, config: DemoConfig | None = None) -> None:
        self.config = config or DemoConfig()
        cfg = self.config
        self.catalog = DemoCatalog(cfg.seed, cfg.api_key, event_photos=cfg.event_photos)
        self.stats = DemoStats()
        self.api_key = self.catalog.api_key
        self.org_id = self.catalog.main_org_id
        self.event_id = self.catalog.main_event_id
        self.other_api_key = self.catalog.other_api_key
        self.other_org_id = self.catalog.other_org_id
        self.other_event_id = self.catalog.other_event_id
        self.sample_bibs = list(self.catalog.sample_bibs)
        self.sample_request_ids = list(self.catalog.sample_request_ids)
        self.failure_bib = self.catalog.failure_bib
        self._images = ImageFactory(
            cfg.seed, {e.event_id: e.name for e in self.catalog.events.values()}
        )
        self.searches = SearchStore(self.catalog)
        allowed = (
            frozenset(cfg.allowed_hosts)
            if cfg.allowed_hosts
            else DEFAULT_ALLOWED_HOSTS | {cfg.host}
        )
        self._state = DemoState(
            catalog=self.catalog,
            images=self._images,
            signer=UrlSigner(),
            faults=FaultInjector(cfg.fault_knobs(), cfg.seed),
            stats=self.stats,
            searches=self.searches,
            allowed_hosts=allowed,
            storage_url=cfg.storage_url,
            video_clipping=cfg.video_clipping,
        )
        self.app = build_app(self._state)
        self._serving = ThreadedServer("demo-9pic-server")
        self._base_url: str | None = None

    # --- lifecycle -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``; only known once the server has started."""
        if self._base_url is None:
            raise RuntimeError("DemoServer has not been started")
        return self._base_url

    @property
    def storage_base_url(self) -> str:
        """The origin presigned URLs point at (``storage_url`` or this server's /storage)."""
        return (self.config.storage_url or f"{self.base_url}/storage").rstrip("/")

    def start(self, sock: socket.socket | None = None) -> None:
        """Serve on `config.host:port`, or on `sock` (bound and listening) when given."""
        if self._serving.running:
            return
        _quiet_uvicorn()
        self._serving.start(quiet_config(self.app), self.config.host, self.config.port, sock=sock)
        self._base_url = f"http://{self._serving.origin}"

    def stop(self) -> None:
        self._serving.stop()

    def wait(self) -> None:
        """Block until the server thread ends; Ctrl+C still interrupts the wait."""
        self._serving.wait()

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- knobs and truth for tests --------------------------------------------------------------

    def set_faults(self, **knobs: float | None) -> None:
        """Change `FaultKnobs` by name while running; knobs left out (or None) keep their
        value, an unknown name raises TypeError."""
        self._state.faults.update(**{k: v for k, v in knobs.items() if v is not None})

    def set_event_flags(self, event_id: int, **flags: Any) -> None:
        """Switch features of one event on or off while running (``timeline_search=False``),
        as an organiser would in the dashboard; Event Details and the gated endpoints follow."""
        self.catalog.events[event_id] = replace(self.catalog.events[event_id], **flags)

    def _photo_with_original(self, image_id: str) -> Photo:
        photo = self.catalog.photo(image_id)
        if photo is None or photo.original_missing:
            raise KeyError(f"no original for image {image_id}")
        return photo

    def original_bytes(self, image_id: str) -> bytes:
        """Exactly the bytes /storage serves for this original (KeyError if it has none)."""
        return self._images.original(self._photo_with_original(image_id))

    def export_originals(self, folder: Path, image_ids: Iterable[str] | None = None) -> None:
        """Write originals (all, or just ``image_ids``) as ``folder/{event_id}/{image_id}.jpg``,
        the path presigned URLs use under ``storage_url``. Files already complete are kept."""
        if image_ids is None:
            photos = [p for p in self.catalog.all_photos() if not p.original_missing]
        else:
            photos = [self._photo_with_original(i) for i in image_ids]

        def write(photo: Photo) -> None:
            target = Path(folder) / object_key(photo.event_id, photo.image_id)
            if target.is_file() and target.stat().st_size == photo.original_size:
                return
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, self._images.make_original(photo))

        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            for _ in pool.map(write, photos):
                pass

    def startup_info(self) -> dict[str, Any]:
        """The one JSON line ``serve-demo`` prints."""
        return {
            "base_url": self.base_url,
            "api_key": self.api_key,
            "org_id": self.org_id,
            "event_id": self.event_id,
            "sample_bibs": self.sample_bibs,
            "sample_request_ids": self.sample_request_ids,
        }
