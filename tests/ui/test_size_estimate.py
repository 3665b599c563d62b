"""The size estimate's measurement against storage that answers HEAD, or refuses it
(a link signed for GET only), or gives no size at all (httpx.MockTransport)."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from app.core.client import NinePicClient
from app.core.models import ImageItem
from app.ui.runtime import TaskRunner
from app.ui.selection import Selection
from app.ui.size_estimate import SizeEstimate

SIZE = 1_920_000  # 0.5 bytes per pixel of 2400 x 1600


def _items(count: int) -> list[ImageItem]:
    return [
        ImageItem(image_id=f"id{n}", img_url="", thumbnail_url="", width=2400, height=1600)
        for n in range(count)
    ]


def _storage(head: bool, ranged: bool) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/original-photos"):
            ids = json.loads(request.content)["identifier"]
            urls = [{"url": f"https://storage.test/{i}.jpg", "filename": ""} for i in ids]
            body = {"responseType": "success", "message": "", "data": {"presigned_urls": urls}}
            return httpx.Response(200, json=body)
        assert "x-api-key" not in request.headers, "storage never sees the key"
        if request.method == "HEAD":
            return httpx.Response(200 if head else 403, headers={"Content-Length": str(SIZE)})
        if ranged and request.headers.get("range") == "bytes=0-0":
            return httpx.Response(206, headers={"Content-Range": f"bytes 0-0/{SIZE}"}, content=b"x")
        return httpx.Response(403)

    return httpx.MockTransport(handle)


@pytest.mark.parametrize(
    ("head", "ranged", "learned"), [(True, False, 0.5), (False, True, 0.5), (False, False, None)]
)
def test_bytes_per_pixel_from_head_or_a_ranged_get(
    loop: asyncio.AbstractEventLoop, head: bool, ranged: bool, learned: float | None
) -> None:
    transport = _storage(head, ranged)
    client = NinePicClient(
        "https://api.test", org_id=1, api_key="k3y", transport=transport, media_transport=transport
    )
    runner = TaskRunner(loop)
    sizes = SizeEstimate(client, runner)
    seen: list[None] = []
    sizes.changed.connect(lambda: seen.append(None))
    items = _items(40)
    sizes.learn(7, items)
    sizes.learn(7, items)  # asked once per event
    loop.run_until_complete(runner.wait_idle())
    assert sizes.bytes_per_pixel(7) == learned
    assert len(seen) == (1 if learned else 0)
    selection = Selection()
    selection.set(items, True)
    expected = 40 * SIZE if learned else int(40 * 2400 * 1600 * 0.45)
    assert selection.estimated_bytes(sizes.bytes_per_pixel(7)) == expected
    loop.run_until_complete(client.aclose())


def test_a_link_that_carries_the_key_is_never_measured(loop: asyncio.AbstractEventLoop) -> None:
    """A storage link with the API key in it is not sent anywhere (the engine refuses it
    too); the estimate keeps its guess, and asks again later."""
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/original-photos"):
            ids = json.loads(request.content)["identifier"]
            urls = [{"url": f"https://storage.test/{i}.jpg?k=k3y", "filename": ""} for i in ids]
            body = {"responseType": "success", "message": "", "data": {"presigned_urls": urls}}
            return httpx.Response(200, json=body)
        sent.append(request)
        return httpx.Response(200, headers={"Content-Length": str(SIZE)})

    transport = httpx.MockTransport(handle)
    client = NinePicClient(
        "https://api.test", org_id=1, api_key="k3y", transport=transport, media_transport=transport
    )
    runner = TaskRunner(loop)
    sizes = SizeEstimate(client, runner)
    sizes.learn(7, _items(3))
    loop.run_until_complete(runner.wait_idle())
    assert sent == [], "no request to a link that carries the key"
    assert sizes.bytes_per_pixel(7) is None
    loop.run_until_complete(client.aclose())
