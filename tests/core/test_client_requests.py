"""What the client puts on the wire: paths, headers, page sizes, idempotent retries."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
import pytest

from app.core.client import NinePicClient
from app.core.errors import BadResponse, InsecureUrl
from app.core.logsafe import RedactingFilter
from app.core.models import DownloadOriginalPhotosRequest
from app.core.retry import RetryPolicy
from tests import spec_examples as ex

pytestmark = pytest.mark.anyio

KEY = "sk_live_SECRET_9pic_key_value"
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64 + b"\xff\xd9"


async def no_wait(_: float) -> None:
    return None


def make_client(
    handler: Callable[[httpx.Request], httpx.Response], attempts: int = 1
) -> NinePicClient:
    return NinePicClient(
        "https://api.9pic.ai/",
        org_id=903,
        api_key=KEY,
        transport=httpx.MockTransport(handler),
        retry_policy=RetryPolicy(max_attempts=attempts),
        sleep=no_wait,
    )


async def test_paths_and_key_header() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        path = request.url.path
        if path.endswith("/ping"):
            return httpx.Response(200, json=ex.PING)
        if path.endswith("/events"):
            return httpx.Response(200, json=ex.LIST_EVENTS)
        if path.endswith("/details"):
            return httpx.Response(200, json=ex.EVENT_DETAILS)
        if path.endswith("/timeline/days"):
            return httpx.Response(200, json=ex.TIMELINE_DAYS)
        if path.endswith("/original-photos"):
            return httpx.Response(200, json=ex.DOWNLOAD)
        if "/faces/" in path:
            return httpx.Response(200, json=ex.FACE_SEARCH)
        return httpx.Response(200, json=ex.BIB_SEARCH)

    async with make_client(handler) as client:
        await client.ping(456)
        await client.list_events()
        await client.event_details(456)
        await client.all_photos(456, page=2)
        await client.bib_search(456, "A 17/x")
        await client.face_results(456, "ddc661a7-8861-4793-9437-af42a82d12f8")
        await client.timeline_days(456)
        await client.timeline_images(456, 1_700_000_000, 1_700_003_600)
        await client.original_photos(456, DownloadOriginalPhotosRequest.for_bib("1234"))
    paths = [r.url.raw_path.decode() for r in seen]
    assert paths == [
        "/api/v1/ext/903/event/456/ping",
        "/api/v1/ext/903/events?page=1&page_size=10",
        "/api/v1/ext/903/event/456/details",
        "/api/v1/ext/903/event/456/images?page=2&page_size=32",
        "/api/v1/ext/903/event/456/bibs/A%2017%2Fx?page=1&page_size=32",
        "/api/v1/ext/903/event/456/faces/ddc661a7-8861-4793-9437-af42a82d12f8?page=1&page_size=32",
        "/api/v1/ext/903/event/456/timeline/days",
        "/api/v1/ext/903/event/456/timeline/images?page=1&page_size=32&from=1700000000&to=1700003600",
        "/api/v1/ext/903/event/456/original-photos?page=1&page_size=30",
    ]
    assert all(r.headers["X-API-Key"] == KEY for r in seen)
    assert json.loads(seen[-1].content) == {"method": "bib", "identifier": "1234"}


async def test_page_size_never_exceeds_endpoint_maximum() -> None:
    sizes: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sizes.append(request.url.params["page_size"])
        if request.url.path.endswith("/original-photos"):
            return httpx.Response(200, json=ex.DOWNLOAD)
        if request.url.path.endswith("/events"):
            return httpx.Response(200, json=ex.LIST_EVENTS)
        return httpx.Response(200, json=ex.ALL_PHOTOS)

    async with make_client(handler) as client:
        await client.list_events(page_size=1000)
        await client.all_photos(456, page_size=1000)
        await client.original_photos(
            456, DownloadOriginalPhotosRequest.for_images(["a"]), page_size=500
        )
    assert sizes == ["100", "100", "60"]


async def test_face_search_retry_reuses_the_same_request_id() -> None:
    posted_ids: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = request.content
        marker = b'name="request_id"\r\n\r\n'
        start = body.index(marker) + len(marker)
        posted_ids.append(body[start : start + 36].decode())
        assert b'name="selfie"; filename="me.jpg"' in body
        if len(posted_ids) < 3:
            return httpx.Response(503, json={"responseType": "error", "message": "busy"})
        data = {**ex.FACE_SEARCH["data"], "request_id": posted_ids[-1]}
        return httpx.Response(200, json=ex.envelope(data))

    async with make_client(handler, attempts=5) as client:
        result = await client.face_search(456, JPEG, filename="me.jpg")
    assert len(posted_ids) == 3
    assert len(set(posted_ids)) == 1
    assert result.request_id == posted_ids[0]


async def test_media_fetch_never_carries_the_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=JPEG)

    async with make_client(handler) as client:
        body = await client.fetch_image("https://photos.9pic.ai/imgs/456/small/x.jpg")
    assert body == JPEG
    assert "x-api-key" not in {k.lower() for k in seen[0].headers}


async def test_media_fetch_refuses_error_pages_and_plain_http() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<Error>AccessDenied</Error>")

    async with make_client(handler) as client:
        with pytest.raises(BadResponse):
            await client.fetch_image("https://photos.9pic.ai/imgs/456/small/x.jpg")
        with pytest.raises(InsecureUrl):
            await client.fetch_image("http://photos.9pic.ai/imgs/456/small/x.jpg")


@pytest.mark.parametrize("url", ["http://api.9pic.ai", "ftp://api.9pic.ai", "api.9pic.ai"])
def test_non_loopback_base_url_must_be_https(url: str) -> None:
    with pytest.raises(InsecureUrl):
        NinePicClient(url, org_id=1, api_key=KEY)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://localhost:1", "http://[::1]:9"])
async def test_loopback_may_use_http(url: str) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/ping"):
            return httpx.Response(200, json=ex.PING)
        return httpx.Response(200, content=JPEG)

    client = NinePicClient(url, org_id=1, api_key=KEY, transport=httpx.MockTransport(handler))
    async with client:
        assert client.base_url == url
        await client.ping(456)
        body = await client.fetch_image(f"{url}/imgs/456/small/x.jpg")
    assert body == JPEG
    # both the API call and the picture went out over plain http to that loopback host
    assert [str(r.url) for r in seen] == [
        f"{url}/api/v1/ext/1/event/456/ping",
        f"{url}/imgs/456/small/x.jpg",
    ]
    assert seen[0].headers["X-API-Key"] == KEY
    assert "x-api-key" not in {k.lower() for k in seen[1].headers}


async def test_repr_and_logs_carry_no_key_and_no_signature(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=ex.PING)

    caplog.handler.addFilter(RedactingFilter((KEY,)))
    with caplog.at_level(logging.DEBUG):
        async with make_client(handler) as client:
            assert KEY not in repr(client)
            await client.ping(456)
            logging.getLogger("test").warning(
                "fetching https://store.example/o.jpg?X-Amz-Signature=abc123 with %s", KEY
            )
    text = caplog.text
    assert "ping" in text
    assert KEY not in text
    assert "abc123" not in text
    assert "o.jpg?<redacted>" in text
