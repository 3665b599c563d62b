"""Fixtures shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.hostile import HostileServer, hostile_server


@pytest.fixture
def server() -> Iterator[HostileServer]:
    """A fresh misbehaving API + photo host on loopback (modules may define their own)."""
    with hostile_server() as running:
        yield running
