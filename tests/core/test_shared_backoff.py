"""One 429 holds back every call to that host (the API client's gate), with fake time."""

from __future__ import annotations

import httpx
import pytest

from app.core.client import NinePicClient
from app.core.errors import RateLimited
from app.core.retry import HostGate, HostGates, RetryPolicy

pytestmark = pytest.mark.anyio

PING = {
    "responseType": "success",
    "message": "ok",
    "data": {"status": "ok", "org_id": 1, "event_id": 2},
}


async def test_a_call_after_a_429_waits_out_the_retry_after_instead_of_its_own_429() -> None:
    log: list[str] = []
    slept: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        log.append("request")
        if len(log) == 1:
            return httpx.Response(429, headers={"Retry-After": "7"}, json={"message": "slow down"})
        return httpx.Response(200, json=PING)

    async def sleep(seconds: float) -> None:
        slept.append(round(seconds))
        log.append(f"sleep {round(seconds)}")

    client = NinePicClient(
        "https://api.9pic.ai",
        org_id=1,
        api_key="k",
        transport=httpx.MockTransport(handler),
        retry_policy=RetryPolicy(max_attempts=1),  # no retry of its own: the 429 surfaces
        sleep=sleep,
    )
    async with client:
        with pytest.raises(RateLimited):
            await client.ping(2)
        await client.ping(2)  # another caller, right after: it waits on the shared gate
    assert log == ["request", "sleep 7", "request"]


def test_holds_are_capped_and_kept_per_host() -> None:
    now = [100.0]
    gates = HostGates(clock=lambda: now[0], cap_s=60)
    gates.for_url("https://s3.example.com/a?x=1").hold(10_000)  # a hostile Retry-After
    assert gates.for_host("S3.EXAMPLE.COM").remaining() == 60
    assert gates.for_url("https://other.example.com/b").remaining() == 0
    now[0] += 61
    assert gates.for_host("s3.example.com").remaining() == 0


async def test_waiting_on_an_open_gate_does_not_sleep() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    assert await HostGate().wait(sleep) == 0 and slept == []
