"""Each fault knob does what it says; each test runs its own server."""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from app.demo.samples import selfie_bytes, unknown_selfie_path
from app.demo.server import DemoConfig, DemoServer


@pytest.fixture
def knob_server() -> Iterator[DemoServer]:
    with DemoServer() as s:
        yield s


def api(s: DemoServer) -> httpx.Client:
    return httpx.Client(base_url=s.base_url, headers={"X-API-Key": s.api_key}, timeout=20)


def ev(s: DemoServer) -> str:
    return f"/api/v1/ext/{s.org_id}/event/{s.event_id}"


def first_link(c: httpx.Client, s: DemoServer) -> str:
    body = {"method": "bib", "identifier": s.sample_bibs[2]}
    data = c.post(f"{ev(s)}/original-photos", json=body).json()["data"]
    url: str = data["presigned_urls"][0]["url"]
    return url


def test_latency_applies_to_api_calls_only(knob_server: DemoServer) -> None:
    with api(knob_server) as c:
        thumb = c.get(f"{ev(knob_server)}/images", params={"page_size": 1}).json()["data"]
        thumb_url = thumb["images"][0]["thumbnail_url"]
        httpx.get(thumb_url)  # warm the cache
        knob_server.set_faults(latency_ms=300)
        started = time.perf_counter()
        assert c.get(f"{ev(knob_server)}/ping").status_code == 200
        assert time.perf_counter() - started >= 0.3
        # A minute of latency on pictures would blow the 10 s timeout: no clock needed.
        knob_server.set_faults(latency_ms=60_000)
        assert httpx.get(thumb_url, timeout=10).status_code == 200
        knob_server.set_faults(latency_ms=0)


def test_fault_rate_one_fails_every_api_call(knob_server: DemoServer) -> None:
    knob_server.set_faults(fault_rate=1.0)
    with api(knob_server) as c:
        statuses = set()
        for _ in range(30):
            response = c.get(f"{ev(knob_server)}/details")
            statuses.add(response.status_code)
            assert response.json() == {
                "responseType": "error",
                "message": response.json()["message"],
                "data": None,
            }
        assert statuses <= {500, 502, 503} and len(statuses) >= 2
        thumb = c.get(f"/imgs/{knob_server.event_id}/cover.jpg")
        assert thumb.status_code == 200, "pictures are not API calls"


def test_fault_rate_is_a_probability(knob_server: DemoServer) -> None:
    knob_server.set_faults(fault_rate=0.3)
    with api(knob_server) as c:
        failures = sum(c.get(f"{ev(knob_server)}/ping").status_code >= 500 for _ in range(200))
    assert 30 <= failures <= 90


def test_a_500_after_the_work_keeps_the_face_search(knob_server: DemoServer) -> None:
    """A retried POST with the same request_id lands on the one stored search."""
    s = knob_server
    rid = str(uuid.uuid4())
    selfie = {"selfie": ("me.jpg", selfie_bytes(s.sample_bibs[0]), "image/jpeg")}
    s.set_faults(fault_rate=1.0)
    with api(s) as c:
        for _ in range(50):
            response = c.post(f"{ev(s)}/faces", files=selfie, data={"request_id": rid})
            if response.status_code == 500:
                break
        assert response.status_code == 500
        assert s.stats.face_matches == 1
        s.set_faults(fault_rate=0.0)
        other = {"selfie": ("x.jpg", unknown_selfie_path().read_bytes(), "image/jpeg")}
        retry = c.post(f"{ev(s)}/faces", files=other, data={"request_id": rid})
    assert retry.status_code == 200
    assert retry.json()["data"]["pagination"]["total"] == 40
    assert s.stats.face_matches == 1


def test_throttle_covers_every_api_route() -> None:
    from tests.demo.test_access import ROUTES, call, url

    with DemoServer(DemoConfig(throttle=1.0)) as s, api(s) as c:
        for method, route in ROUTES:
            response = call(c, method, url(s.org_id, s.event_id, route))
            assert response.status_code == 429, route
            assert response.headers["retry-after"] == "1"
        assert len(s.stats.api_calls) == len(ROUTES)


@pytest.mark.parametrize("retry_after", [0, 7])
def test_throttle_answers_429_with_retry_after(retry_after: int) -> None:
    with DemoServer(DemoConfig(throttle=1.0, retry_after_s=retry_after)) as s, api(s) as c:
        for route in ("/ping", "/images", "/timeline/days"):
            response = c.get(f"{ev(s)}{route}")
            assert response.status_code == 429
            assert response.headers["retry-after"] == str(retry_after)
            assert response.json()["responseType"] == "error"
            assert response.json()["data"] is None
        assert s.stats.api_statuses("ping") == {429: 1}


def test_truncate_rate_cuts_storage_bodies(knob_server: DemoServer) -> None:
    with api(knob_server) as c:
        link = first_link(c, knob_server)
    knob_server.set_faults(truncate_rate=1.0)
    image_id = urlsplit(link).path.rsplit("/", 1)[1].removesuffix(".jpg")
    size = len(knob_server.original_bytes(image_id))
    for headers in ({}, {"Range": "bytes=100-"}):
        received = 0
        with (
            pytest.raises(httpx.RemoteProtocolError),
            httpx.stream("GET", link, headers=headers) as r,
        ):
            assert int(r.headers["content-length"]) in (size, size - 100)
            for chunk in r.iter_bytes():
                received += len(chunk)
        assert 0 < received < size
    hits = [h for h in knob_server.stats.storage_hits if h.image_id == image_id]
    assert all(h.truncated for h in hits[-2:])
    knob_server.set_faults(truncate_rate=0.0)
    assert len(httpx.get(link).content) == size
    assert not knob_server.stats.storage_hits[-1].truncated


def test_url_ttl_sets_expiry() -> None:
    with DemoServer(DemoConfig(url_ttl_s=120)) as s, api(s) as c:
        link = first_link(c, s)
    expires = int(link.split("expires=")[1].split("&")[0])
    assert 100 <= expires - time.time() <= 120


def test_url_ttl_can_change_at_runtime(knob_server: DemoServer) -> None:
    knob_server.set_faults(url_ttl_s=-10)
    with api(knob_server) as c:
        link = first_link(c, knob_server)
    assert httpx.get(link).status_code == 403
    knob_server.set_faults(url_ttl_s=60)
    with api(knob_server) as c:
        assert httpx.get(first_link(c, knob_server)).status_code == 200


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_storage_url_and_export_serve_from_another_origin(tmp_path: Path) -> None:
    handler = functools.partial(_Quiet, directory=str(tmp_path))
    static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=static.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{static.server_address[1]}"
    try:
        with DemoServer(DemoConfig(storage_url=origin + "/")) as s, api(s) as c:
            bib = s.sample_bibs[2]
            body = {"method": "bib", "identifier": bib}
            data = c.post(f"{ev(s)}/original-photos", json=body).json()["data"]
            urls = [u["url"] for u in data["presigned_urls"]]
            assert urls and all(u.startswith(f"{origin}/456/") for u in urls)
            assert s.storage_base_url == origin
            ids = [u.split("/")[-1].split(".jpg")[0] for u in urls]
            s.export_originals(tmp_path, image_ids=ids)
            s.export_originals(tmp_path, image_ids=ids)  # already there: kept
            for image_id, url in zip(ids, urls, strict=True):
                got = httpx.get(url)
                assert got.status_code == 200
                want = s.original_bytes(image_id)
                assert hashlib.sha256(got.content).digest() == hashlib.sha256(want).digest()
                assert (tmp_path / "456" / f"{image_id}.jpg").stat().st_mode & 0o444 == 0o444
            assert s.stats.storage_gets == {}, "the stand-in itself served nothing"
            with pytest.raises(KeyError):
                s.export_originals(tmp_path, image_ids=s.catalog.missing_originals(456)[:1])
    finally:
        static.shutdown()
        static.server_close()


def test_seed_changes_the_world() -> None:
    a = DemoServer(DemoConfig(seed=1))
    b = DemoServer(DemoConfig(seed=1))
    c = DemoServer(DemoConfig(seed=2))
    ids = [p.image_id for p in a.catalog.photos(456)]
    assert ids == [p.image_id for p in b.catalog.photos(456)]
    assert ids != [p.image_id for p in c.catalog.photos(456)]
    assert a.sample_request_ids == b.sample_request_ids != c.sample_request_ids
    assert a.original_bytes(ids[0]) == b.original_bytes(ids[0])


def test_start_is_fast_and_stop_frees_the_port() -> None:
    started = time.perf_counter()
    s = DemoServer()
    s.start()
    assert time.perf_counter() - started < 1.0
    url = s.base_url
    assert httpx.get(f"{url}/imgs/456/cover.jpg").status_code == 200
    s.stop()
    s.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/imgs/456/cover.jpg")
    with pytest.raises(RuntimeError):
        _ = DemoServer().base_url
