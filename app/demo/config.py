"""The stand-in's knobs; light to import, so the command line can parse them cheaply.

The seven fault knobs are defined once, in `FaultKnobs`, each with its ``serve-demo`` flag:
`DemoConfig` (a `FaultKnobs` with the rest of the settings) starts the server with them,
the fault injector rolls its dice on them, ``DemoServer.set_faults`` changes them at
runtime and `app.demo.command` builds its flags from them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

from app.demo.decisions import DEFAULT_URL_TTL_S


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _non_negative(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


class Flag(NamedTuple):
    """The ``serve-demo`` option that sets one knob."""

    name: str
    parse: Callable[[str], Any]
    help: str


def _flag(name: str, parse: Callable[[str], Any], help: str) -> Mapping[str, Flag]:
    return {"flag": Flag(name, parse, help)}


@dataclass(frozen=True)
class FaultKnobs:
    """Latency, throttling, server errors and cut-short downloads; changeable at runtime."""

    latency_ms: float = field(
        default=0.0, metadata=_flag("--latency-ms", _non_negative, "delay added to each API call")
    )
    """Added to every API response (not to pictures or storage)."""
    fault_rate: float = field(
        default=0.0, metadata=_flag("--fault-rate", _rate, "share of API calls answering 5xx")
    )
    """Probability an API call answers 500/502/503 in the error envelope."""
    throttle: float = field(
        default=0.0, metadata=_flag("--throttle", _rate, "share of API calls answering 429")
    )
    """Probability an API call answers 429 with Retry-After."""
    retry_after_s: int = field(
        default=1, metadata=_flag("--retry-after", int, "Retry-After seconds on 429")
    )
    truncate_rate: float = field(
        default=0.0,
        metadata=_flag("--truncate-rate", _rate, "share of original downloads cut short"),
    )
    """Probability a /storage body is cut short (full Content-Length announced)."""
    url_ttl_s: float = field(
        default=DEFAULT_URL_TTL_S,
        metadata=_flag("--url-ttl", float, "presigned URL lifetime in seconds"),
    )
    video_fail_rate: float = field(
        default=0.0,
        metadata=_flag("--video-fail-rate", _rate, "share of video clip jobs that end failed"),
    )
    """Probability a clip job, when started, is one that ends ``failed``."""

    def fault_knobs(self) -> FaultKnobs:
        """Only the knobs (of a `DemoConfig`, say)."""
        return FaultKnobs(**{name: getattr(self, name) for name in FAULT_KNOBS})


FAULT_KNOBS = {knob.name: knob for knob in fields(FaultKnobs)}
"""The knobs' fields by name, in flag order."""


def knob_flag(knob: str) -> Flag:
    """The command-line flag of the `FaultKnobs` field named ``knob``."""
    flag: Flag = FAULT_KNOBS[knob].metadata["flag"]
    return flag


@dataclass(frozen=True)
class DemoConfig(FaultKnobs):
    seed: int = 2026
    storage_url: str | None = None
    """If set, presigned URLs point at this origin (``{storage_url}/{event_id}/{image_id}.jpg``)."""
    host: str = "127.0.0.1"
    port: int = 0
    allowed_hosts: tuple[str, ...] | None = None
    """Host header names the API accepts; None means loopback names plus ``host``."""
    event_photos: int = 0
    """A large event: when above the usual ~450, the main event gets at least this many
    photos (more per runner; the sample BIBs keep their counts), for memory and paging
    benchmarks. ``serve-demo --event-photos N``."""
    video_clipping: bool = True
    """False: every event says ``video_search`` and ``video_selfie_search`` are off (and
    the clip endpoints answer 403), for a selfie event without clips.
    ``serve-demo --no-video``."""
    api_key: str | None = field(default=None, repr=False)
    """The main organisation's key instead of the demo one (tests use a marker key)."""
