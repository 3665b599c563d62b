"""`DeferredClient`: the window's client is made on first use, and then is the real one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.deferred_client import DeferredClient
from app.demo.server import DemoServer

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


def backend_of(demo: DemoServer) -> BackendConfig:
    return BackendConfig(demo.base_url, demo.org_id, demo.event_id, demo.api_key, is_demo=True)


async def test_nothing_is_made_until_the_first_call_then_calls_reach_the_service(
    demo: DemoServer,
) -> None:
    deferred = DeferredClient(backend_of(demo))
    assert not deferred.made
    assert demo.api_key not in repr(deferred)
    client = deferred.as_client()
    events = [e async for e in client.iter_events()]
    assert deferred.made and isinstance(deferred.client, NinePicClient)
    assert demo.event_id in {e.event_id for e in events}
    assert client.secrets == (demo.api_key,)  # an attribute, forwarded as well
    await client.aclose()


async def test_closing_before_any_call_makes_no_client(demo: DemoServer) -> None:
    deferred = DeferredClient(backend_of(demo))
    await deferred.aclose()
    assert not deferred.made


def test_dunder_lookups_are_not_forwarded(demo: DemoServer) -> None:
    deferred = DeferredClient(backend_of(demo))
    with pytest.raises(AttributeError):
        deferred.__deepcopy__  # noqa: B018 (the lookup is the test)
    assert not deferred.made
