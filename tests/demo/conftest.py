"""One stand-in server for the whole demo suite (knob tests start their own)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from app.demo.server import DemoConfig, DemoServer
from tests.standin import reset_knobs


@pytest.fixture(scope="session")
def server() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig()) as running:
        yield running


@pytest.fixture(autouse=True)
def _server_knobs_as_started(request: pytest.FixtureRequest) -> None:
    """Other session fixtures build on `server`, so it stays session-wide; each test that
    uses it (directly or through them) starts with every knob as the server started."""
    if "server" in request.fixturenames:
        reset_knobs(request.getfixturevalue("server"), stats=False)


@pytest.fixture(scope="session")
def client(server: DemoServer) -> Iterator[httpx.Client]:
    """Sends the demo key; paths are relative to the server."""
    with httpx.Client(
        base_url=server.base_url, headers={"X-API-Key": server.api_key}, timeout=20
    ) as c:
        yield c


@pytest.fixture(scope="session")
def anon(server: DemoServer) -> Iterator[httpx.Client]:
    """No API key at all."""
    with httpx.Client(base_url=server.base_url, timeout=20) as c:
        yield c


@pytest.fixture(scope="session")
def ev(server: DemoServer) -> str:
    """Path prefix of the main event's routes."""
    return f"/api/v1/ext/{server.org_id}/event/{server.event_id}"


@pytest.fixture(scope="session")
def org(server: DemoServer) -> str:
    return f"/api/v1/ext/{server.org_id}"


class FakeClock:
    """A clock for the stand-in's clip jobs that moves only when a test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(server: DemoServer) -> Iterator[FakeClock]:
    """The stand-in's job clock, moved on by hand; the real one again afterwards."""
    fake = FakeClock()
    original = server.searches.clock
    server.searches.clock = fake
    yield fake
    server.searches.clock = original
