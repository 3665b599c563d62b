"""Access rules on every endpoint: 401 / 403 / 404 / 422 in the error envelope."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.demo.server import DemoServer
from tests.demo.spec_examples import ERROR, assert_shape

ROUTES = [
    ("GET", "/ping"),
    ("GET", "@/events"),
    ("GET", "/details"),
    ("GET", "/images"),
    ("GET", "/bibs/1234"),
    ("POST", "/faces"),
    ("GET", "/faces/ddc661a7-8861-4793-9437-af42a82d12f8"),
    ("GET", "/timeline/days"),
    ("GET", "/timeline/images?from=0&to=1"),
    ("POST", "/video-clipping/search-by-selfie"),
    ("GET", "/video-clipping/ddc661a7-8861-4793-9437-af42a82d12f8"),
    ("POST", "/original-photos"),
]


def url(org_id: object, event_id: object, route: str) -> str:
    if route.startswith("@"):
        return f"/api/v1/ext/{org_id}{route[1:]}"
    return f"/api/v1/ext/{org_id}/event/{event_id}{route}"


def call(c: httpx.Client, method: str, path: str, **kw: Any) -> httpx.Response:
    if method == "POST" and "original-photos" in path:
        kw.setdefault("json", {"method": "bib", "identifier": "1234"})
    return c.request(method, path, **kw)


def assert_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert_shape(body, ERROR)
    assert body["responseType"] == "error"
    assert body["data"] is None
    assert body["message"]
    return body


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_no_key_is_401(anon: httpx.Client, server: DemoServer, method: str, route: str) -> None:
    assert_error(call(anon, method, url(server.org_id, server.event_id, route)), 401)


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_empty_key_is_401(anon: httpx.Client, server: DemoServer, method: str, route: str) -> None:
    path = url(server.org_id, server.event_id, route)
    assert_error(call(anon, method, path, headers={"X-API-Key": ""}), 401)


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_unknown_key_is_403(
    anon: httpx.Client, server: DemoServer, method: str, route: str
) -> None:
    path = url(server.org_id, server.event_id, route)
    assert_error(call(anon, method, path, headers={"X-API-Key": "nope"}), 403)


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_foreign_org_is_403(
    client: httpx.Client, server: DemoServer, method: str, route: str
) -> None:
    path = url(server.other_org_id, server.other_event_id, route)
    assert_error(call(client, method, path), 403)


@pytest.mark.parametrize(("method", "route"), [r for r in ROUTES if not r[1].startswith("@")])
def test_foreign_event_is_403(
    client: httpx.Client, server: DemoServer, method: str, route: str
) -> None:
    path = url(server.org_id, server.other_event_id, route)
    assert_error(call(client, method, path), 403)


@pytest.mark.parametrize(("method", "route"), [r for r in ROUTES if not r[1].startswith("@")])
def test_unknown_event_is_404(
    client: httpx.Client, server: DemoServer, method: str, route: str
) -> None:
    assert_error(call(client, method, url(server.org_id, 999999, route)), 404)


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_host_not_allowed_is_403(
    client: httpx.Client, server: DemoServer, method: str, route: str
) -> None:
    path = url(server.org_id, server.event_id, route)
    assert_error(call(client, method, path, headers={"Host": "evil.example"}), 403)


def test_localhost_host_is_allowed(client: httpx.Client, server: DemoServer, ev: str) -> None:
    port = server.base_url.rsplit(":", 1)[1]
    response = client.get(f"{ev}/ping", headers={"Host": f"localhost:{port}"})
    assert response.status_code == 200


def test_non_integer_ids_are_422(client: httpx.Client, server: DemoServer) -> None:
    body = assert_error(client.get(f"/api/v1/ext/{server.org_id}/event/abc/ping"), 422)
    assert body["message"] == (
        "path.event_id: Input should be a valid integer, unable to parse string as an integer"
    )
    body = assert_error(client.get("/api/v1/ext/x/event/y/details"), 422)
    assert body["message"].count("; ") == 1
    assert body["message"].startswith("path.org_id: ")


def test_other_org_key_works_on_its_own_event(anon: httpx.Client, server: DemoServer) -> None:
    key = {"X-API-Key": server.other_api_key}
    own = f"/api/v1/ext/{server.other_org_id}/event/{server.other_event_id}/ping"
    assert anon.get(own, headers=key).status_code == 200
    main = f"/api/v1/ext/{server.org_id}/event/{server.event_id}/ping"
    assert_error(anon.get(main, headers=key), 403)


def test_unknown_path_and_wrong_method_use_the_envelope(client: httpx.Client, ev: str) -> None:
    assert_error(client.get(f"{ev}/no-such-thing"), 404)
    assert_error(client.delete(f"{ev}/images"), 405)
    assert_error(client.get(f"{ev}/original-photos"), 405)


def test_every_route_counts_its_calls(client: httpx.Client, server: DemoServer, ev: str) -> None:
    before = server.stats.api_calls.get("details", 0)
    client.get(f"{ev}/details")
    client.get(f"{ev}/details", headers={"X-API-Key": "bad"})
    assert server.stats.api_calls["details"] == before + 2
    assert server.stats.api_statuses("details").get(403, 0) >= 1


FLAGGED = [
    ("GET", "/bibs/1234", "archived"),
    ("POST", "/faces", "selfie_off"),
    ("GET", "/faces/ddc661a7-8861-4793-9437-af42a82d12f8", "selfie_off"),
    ("GET", "/timeline/days", "draft"),
    ("GET", "/timeline/images?from=0&to=1", "draft"),
    ("POST", "/video-clipping/search-by-selfie", "selfie_off"),
    ("GET", "/video-clipping/ddc661a7-8861-4793-9437-af42a82d12f8", "selfie_off"),
]


@pytest.mark.parametrize(("method", "route", "which"), FLAGGED)
def test_switched_off_feature_is_403(
    client: httpx.Client, server: DemoServer, method: str, route: str, which: str
) -> None:
    cat = server.catalog
    event_id = {
        "archived": next(e.event_id for e in cat.events_of(server.org_id) if not e.bib_search),
        "selfie_off": cat.selfie_off_event_id,
        "draft": cat.draft_event_id,
    }[which]
    body = assert_error(call(client, method, url(server.org_id, event_id, route)), 403)
    assert "disabled" in body["message"]
