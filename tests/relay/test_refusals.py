"""What the relay refuses, and how: outside the config, without the access code, too often,
too big; and what it does when upstream misbehaves (echoes the key, throttles, is down)."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable

import httpx
import pytest

from app.core.client import NinePicClient
from app.core.errors import AccessDenied, AuthMissing, RateLimited
from app.core.retry import RetryPolicy
from app.demo.samples import selfie_bytes
from app.demo.server import DemoServer
from app.relay.server import RelayServer
from tests.relay.support import running_relay

MakeRelay = Callable[..., RelayServer]
ONCE = RetryPolicy(max_attempts=1)


def _path(upstream: DemoServer, tail: str, event: int | None = None) -> str:
    event = upstream.event_id if event is None else event
    return f"/api/v1/ext/{upstream.org_id}/event/{event}/{tail}"


def _error(answer: httpx.Response, status: int) -> str:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["responseType"] == "error" and body["data"] is None
    message: str = body["message"]
    return message


def test_only_the_runner_endpoints_of_configured_events(
    relay: RelayServer, upstream: DemoServer
) -> None:
    org = upstream.org_id
    with httpx.Client(base_url=relay.base_url) as http:
        assert http.get(_path(upstream, "images")).status_code == 404  # All Photos: not exposed
        assert http.delete(_path(upstream, "ping")).status_code == 404
        assert http.get(_path(upstream, "ping/extra")).status_code == 404
        assert http.get(f"/api/v1/ext/{org}/event/abc/ping").status_code == 404
        _error(http.get("/api/v2/anything"), 404)
        draft = upstream.catalog.draft_event_id
        assert "789" in _error(http.get(_path(upstream, "details", draft)), 403).replace(
            str(draft), "789"
        )
        _error(http.get(f"/api/v1/ext/{upstream.other_org_id}/events"), 403)
        everything = httpx.get(
            f"{upstream.base_url}/api/v1/ext/{org}/events?page_size=100",
            headers={"X-API-Key": upstream.api_key},
        ).json()["data"]["events"]
        assert {e["event_id"] for e in everything} > set(relay.config.events)
        listed = http.get(f"/api/v1/ext/{org}/events", params={"page_size": 1}).json()["data"]
        assert [e["event_id"] for e in listed["events"]] == [upstream.event_id]
        assert listed["pagination"]["total"] == 2 and listed["pagination"]["hasNextPage"]
        second = http.get(f"/api/v1/ext/{org}/events", params={"page": 2, "page_size": 1})
        assert second.json()["data"]["events"][0]["event_id"] == relay.config.events[1]
        _error(http.get(f"/api/v1/ext/{org}/events", params={"page_size": 101}), 422)


def _echoing_upstream(seen: list[httpx.Request]) -> httpx.MockTransport:
    """An upstream that repeats the key it got in its body, a header and an error message."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        key = request.headers.get("x-api-key", "")
        if request.url.path.endswith("/details"):
            return httpx.Response(
                403, json={"responseType": "error", "message": f"key {key} is off", "data": None}
            )
        body = {"responseType": "success", "message": f"hello {key}", "data": {"k": key}}
        return httpx.Response(
            200, json=body, headers={"X-Echo": key, "Set-Cookie": f"s={key}", "Retry-After": key}
        )

    return httpx.MockTransport(answer)


def test_an_upstream_that_echoes_the_key_is_redacted_and_client_keys_are_not_forwarded(
    upstream: DemoServer,
) -> None:
    marker = 'Marker-Key-7f3a"q'  # a quote too: the JSON-escaped form must go as well
    seen: list[httpx.Request] = []
    with (
        running_relay(
            upstream,
            transport=_echoing_upstream(seen),
            api_key=marker,
            upstream="https://api.9pic.example",
        ) as relay,
        httpx.Client(base_url=relay.base_url) as http,
    ):
        headers = {"X-API-Key": "runner-key", "Authorization": "Bearer x", "Cookie": "a=b"}
        ok = http.get(_path(upstream, "ping"), headers=headers)
        refused = http.get(_path(upstream, "details"), headers=headers)
    assert ok.status_code == 200 and refused.status_code == 403
    for answer in (ok, refused):
        text = answer.text + json.dumps(dict(answer.headers))
        assert "Marker-Key-7f3a" not in text
        assert "***" in answer.text
        assert {"x-echo", "set-cookie", "retry-after"}.isdisjoint(answer.headers)
    assert [r.headers.get_list("x-api-key") for r in seen] == [[marker], [marker]]
    assert all("authorization" not in r.headers and "cookie" not in r.headers for r in seen)


def test_a_client_key_is_ignored(relay: RelayServer, upstream: DemoServer) -> None:
    # The other organisation's key would be refused for this org: forwarded, it would 403.
    headers = {"X-API-Key": upstream.other_api_key}
    answer = httpx.get(relay.base_url + _path(upstream, "ping"), headers=headers)
    assert answer.status_code == 200


@pytest.mark.anyio
async def test_the_access_code(make_relay: MakeRelay, upstream: DemoServer) -> None:
    relay = make_relay(access_code="finish-line-26")
    url, org = relay.base_url, upstream.org_id
    async with NinePicClient(url, org_id=org, api_key=None, retry_policy=ONCE) as nobody:
        with pytest.raises(AuthMissing):  # the app's cue to ask for it
            await nobody.ping(upstream.event_id)
        with pytest.raises(AuthMissing):
            await nobody.list_events()
    async with NinePicClient(url, org_id=org, api_key="guess-1234", retry_policy=ONCE) as wrong:
        with pytest.raises(AccessDenied):
            await wrong.ping(upstream.event_id)
    # Typed into the app's key field, the code works (and is compared, never forwarded).
    async with NinePicClient(url, org_id=org, api_key="finish-line-26") as runner:
        assert (await runner.ping(upstream.event_id)).status == "ok"
    async with httpx.AsyncClient() as http:
        answer = await http.get(
            url + _path(upstream, "details"), headers={"X-Access-Code": "finish-line-26"}
        )
    assert answer.status_code == 200
    assert "finish-line-26" not in json.dumps(relay.startup_info())


def test_rate_limits_per_client_with_retry_after(
    make_relay: MakeRelay, upstream: DemoServer
) -> None:
    relay = make_relay(limits={"requests": "3/minute"})
    ping = relay.base_url + _path(upstream, "ping")
    with httpx.Client() as http:
        assert [http.get(ping).status_code for _ in range(3)] == [200, 200, 200]
        throttled = http.get(ping)
    _error(throttled, 429)
    assert 1 <= int(throttled.headers["Retry-After"]) <= 60

    uploads = make_relay(limits={"requests": "100/minute", "uploads": "1/hour"})
    faces = uploads.base_url + _path(upstream, "faces")
    selfie = {"selfie": ("me.jpg", selfie_bytes(upstream.sample_bibs[0]), "image/jpeg")}
    with httpx.Client(timeout=20) as http:
        assert http.post(faces, files=selfie).status_code == 200
        again = http.post(faces, files=selfie)
        assert again.status_code == 429 and int(again.headers["Retry-After"]) > 60
        assert http.get(uploads.base_url + _path(upstream, "ping")).status_code == 200


@pytest.mark.anyio
async def test_the_app_reads_the_relay_s_429_as_rate_limited(
    make_relay: MakeRelay, upstream: DemoServer
) -> None:
    relay = make_relay(limits={"requests": "1/minute"})
    async with NinePicClient(
        relay.base_url, org_id=upstream.org_id, api_key=None, retry_policy=ONCE
    ) as client:
        await client.ping(upstream.event_id)
        with pytest.raises(RateLimited) as caught:
            await client.ping(upstream.event_id)
    assert caught.value.retry_after is not None and caught.value.retry_after >= 1


def test_an_upstream_429_is_passed_on_with_its_retry_after(
    relay: RelayServer, upstream: DemoServer
) -> None:
    upstream.set_faults(throttle=1.0, retry_after_s=7)
    answer = httpx.get(relay.base_url + _path(upstream, "details"))
    _error(answer, 429)
    assert answer.headers["Retry-After"] == "7"


def _raw_exchange(relay: RelayServer, head: str, body_parts: list[bytes]) -> bytes:
    """Send a request head and some body, never the rest; return what the relay answers."""
    port = int(relay.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=20) as conn:
        conn.sendall(head.encode())
        for part in body_parts:
            conn.sendall(part)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = conn.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def test_an_oversized_upload_is_refused_before_it_is_read_whole(
    make_relay: MakeRelay, upstream: DemoServer
) -> None:
    relay = make_relay(limits={"max_upload_bytes": 64 * 1024})
    path = _path(upstream, "faces")
    kind = "multipart/form-data; boundary=xyz"
    # Declared too big: refused on the header, after 1 KB of a promised 50 MB.
    declared = (
        f"POST {path} HTTP/1.1\r\nHost: relay\r\nContent-Type: {kind}\r\n"
        f"Content-Length: {50 * 1024 * 1024}\r\n\r\n"
    )
    assert _raw_exchange(relay, declared, [b"x" * 1024]).startswith(b"HTTP/1.1 413")
    # Chunked with no length: refused once 64 KB have come, the body never finished.
    chunked = (
        f"POST {path} HTTP/1.1\r\nHost: relay\r\nContent-Type: {kind}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n%s\r\n" % (16 * 1024, b"y" * 16 * 1024)
    assert _raw_exchange(relay, chunked, [chunk] * 5).startswith(b"HTTP/1.1 413")
    assert upstream.stats.api_calls.get("faces_post", 0) == 0


def test_uploads_must_be_photos_in_a_form(relay: RelayServer, upstream: DemoServer) -> None:
    url = relay.base_url + _path(upstream, "faces")
    with httpx.Client() as http:
        _error(http.post(url, files={"selfie": ("a.jpg", b"<html>", "image/jpeg")}), 415)
        _error(http.post(url, content=b"raw", headers={"Content-Type": "image/jpeg"}), 415)
        _error(http.post(url, files={"selfie": ("a.jpg", b"", "image/jpeg")}), 400)
        _error(http.post(url, files={"note": ("n.txt", b"hi", "text/plain")}), 400)
        downloads = relay.base_url + _path(upstream, "original-photos")
        _error(
            http.post(downloads, content=b"[1]", headers={"Content-Type": "application/json"}), 422
        )
        _error(http.post(downloads, content=b"{}", headers={"Content-Type": "text/plain"}), 415)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_upstream_down_is_a_clear_502_and_health_stays_up(upstream: DemoServer) -> None:
    down = f"http://127.0.0.1:{_closed_port()}"
    with running_relay(upstream, upstream=down) as relay, httpx.Client() as http:
        message = _error(http.get(relay.base_url + _path(upstream, "ping")), 502)
        assert "cannot be reached" in message
        _error(http.get(f"{relay.base_url}/api/v1/ext/{upstream.org_id}/events"), 502)
        health = http.get(relay.base_url + "/healthz")
        assert health.status_code == 200 and health.json() == {"status": "ok"}


def test_an_upstream_that_refuses_the_relay_key_is_not_the_runner_s_401(
    upstream: DemoServer,
) -> None:
    with running_relay(upstream, api_key="not-the-organisers-key") as relay:
        answer = httpx.get(relay.base_url + _path(upstream, "ping"))
    _error(answer, 403)  # the stand-in's "unknown key": passed on as it is
    no_key = httpx.MockTransport(lambda request: httpx.Response(401, json={"message": "no key"}))
    with running_relay(upstream, transport=no_key, upstream="https://api.9pic.example") as relay:
        answer = httpx.get(relay.base_url + _path(upstream, "ping"))
    assert "could not sign in" in _error(answer, 502)  # a 401 would make the app ask the runner


def test_time_limits_on_the_client_s_body_and_on_upstream(
    make_relay: MakeRelay, upstream: DemoServer
) -> None:
    relay = make_relay(limits={"body_timeout_s": 0.3, "upstream_timeout_s": 0.3})
    path = _path(upstream, "original-photos")
    slow_sender = (
        f"POST {path} HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000\r\n\r\n"
    )
    assert _raw_exchange(relay, slow_sender, [b'{"method": ']).startswith(b"HTTP/1.1 408")
    upstream.set_faults(latency_ms=3000)
    answer = httpx.get(relay.base_url + _path(upstream, "ping"), timeout=20)
    assert "too long" in _error(answer, 504)
