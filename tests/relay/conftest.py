"""One stand-in as the relay's upstream for the whole relay suite; each test its own relay."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from app.demo.server import DemoServer
from app.relay.server import RelayServer
from tests.relay.support import running_relay
from tests.standin import reset_knobs


@pytest.fixture(scope="session")
def shared_upstream() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def upstream(shared_upstream: DemoServer) -> DemoServer:
    """The stand-in with every knob as it started and its counters zeroed."""
    return reset_knobs(shared_upstream)


@pytest.fixture
def marker(upstream: DemoServer) -> str:
    """The organiser's key as the stand-in knows it: no answer or log line may hold it."""
    return upstream.api_key


@pytest.fixture
def make_relay(upstream: DemoServer) -> Iterator[Callable[..., RelayServer]]:
    with ExitStack() as stack:

        def make(**overrides: Any) -> RelayServer:
            return stack.enter_context(running_relay(upstream, **overrides))

        yield make


@pytest.fixture
def relay(make_relay: Callable[..., RelayServer]) -> RelayServer:
    return make_relay()


@pytest.fixture(autouse=True)
def _no_key_on_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner side has no key: neither in the environment nor in a keychain."""
    monkeypatch.delenv("NINEPIC_API_KEY", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
