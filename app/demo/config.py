"""The stand-in's knobs; light to import, so the command line can parse them cheaply."""

from __future__ import annotations

from dataclasses import dataclass

from app.demo.decisions import DEFAULT_URL_TTL_S


@dataclass(frozen=True)
class DemoConfig:
    seed: int = 2026
    latency_ms: float = 0.0
    """Added to every API response (not to pictures or storage)."""
    fault_rate: float = 0.0
    """Probability an API call answers 500/502/503 in the error envelope."""
    throttle: float = 0.0
    """Probability an API call answers 429 with Retry-After."""
    retry_after_s: int = 1
    truncate_rate: float = 0.0
    """Probability a /storage body is cut short (full Content-Length announced)."""
    url_ttl_s: float = DEFAULT_URL_TTL_S
    storage_url: str | None = None
    """If set, presigned URLs point at this origin (``{storage_url}/{event_id}/{image_id}.jpg``)."""
    host: str = "127.0.0.1"
    port: int = 0
    allowed_hosts: tuple[str, ...] | None = None
    """Host header names the API accepts; None means loopback names plus ``host``."""
