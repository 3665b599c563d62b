"""A relay in front of the stand-in, as the tests (relay and window alike) start it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import httpx

from app.demo.server import DemoServer
from app.relay.config import Limits, RelayConfig
from app.relay.server import RelayServer

GENEROUS = {"requests": "1000/second", "uploads": "1000/second"}
"""Limits no test trips unless it means to."""


def relay_config(standin: DemoServer, **overrides: Any) -> RelayConfig:
    """The main event and the selfie-off one of the stand-in's organisation (its draft and
    empty events stay outside), listening on a free loopback port."""
    limits = {**GENEROUS, **overrides.pop("limits", {})}
    fields: dict[str, Any] = {
        "upstream": standin.base_url,
        "org": standin.org_id,
        "events": (standin.event_id, standin.catalog.selfie_off_event_id),
        "listen": "127.0.0.1:0",
        "limits": Limits(**limits),
        **overrides,
    }
    return RelayConfig(**fields)


@contextlib.contextmanager
def running_relay(
    standin: DemoServer,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    api_key: str | None = None,
    **overrides: Any,
) -> Iterator[RelayServer]:
    config = relay_config(standin, **overrides)
    with RelayServer(config, api_key or standin.api_key, upstream_transport=transport) as relay:
        yield relay
