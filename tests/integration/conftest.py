"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.demo.server import DemoConfig, DemoServer
from tests.integration.hostile import HostileServer, hostile_server
from tests.integration.support import StorageProxy, demo_behind_proxy


@pytest.fixture
def server() -> Iterator[HostileServer]:
    """A fresh misbehaving API + photo host on loopback (modules may define their own)."""
    with hostile_server() as running:
        yield running


@pytest.fixture(scope="module")
def shared_behind_proxy() -> Iterator[tuple[DemoServer, StorageProxy]]:
    """One stand-in behind a storage proxy per test module, retrying at once (modules
    that need other faults define their own)."""
    with demo_behind_proxy(DemoConfig(retry_after_s=0)) as pair:
        yield pair
