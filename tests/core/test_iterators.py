"""Page walkers stop on hasNextPage false, on an empty page and on the 0/0 block."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.core.client import NinePicClient
from app.core.models import DownloadOriginalPhotosRequest
from tests import spec_examples as ex

pytestmark = pytest.mark.anyio


def image(n: int) -> dict[str, Any]:
    return {**ex.IMAGE, "image_id": f"img-{n}"}


def pagination(page: int, total_pages: int, total: int) -> dict[str, Any]:
    return {
        "total": total,
        "currentPage": page,
        "totalPages": total_pages,
        "hasNextPage": page < total_pages,
        "hasPreviousPage": page > 1,
        "page_size": 2,
    }


class Pages:
    """Serves a list of page bodies and records which pages were asked for."""

    def __init__(self, bodies: list[dict[str, Any]]) -> None:
        self.bodies = bodies
        self.asked: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        self.asked.append(page)
        body = self.bodies[page - 1] if page <= len(self.bodies) else self.bodies[-1]
        return httpx.Response(200, json=ex.envelope(body))


def client_for(pages: Pages) -> NinePicClient:
    return NinePicClient(
        "https://api.9pic.ai", org_id=903, api_key="k", transport=httpx.MockTransport(pages)
    )


async def collect(pages: Pages) -> list[str]:
    async with client_for(pages) as client:
        return [item.image_id async for item in client.iter_bib_search(456, "1234", page_size=2)]


async def test_walks_until_has_next_page_is_false() -> None:
    pages = Pages(
        [
            {"images": [image(1), image(2)], "pagination": pagination(1, 3, 5)},
            {"images": [image(3), image(4)], "pagination": pagination(2, 3, 5)},
            {"images": [image(5)], "pagination": pagination(3, 3, 5)},
        ]
    )
    assert await collect(pages) == ["img-1", "img-2", "img-3", "img-4", "img-5"]
    assert pages.asked == [1, 2, 3]


async def test_stops_on_an_empty_page_even_if_next_is_claimed() -> None:
    pages = Pages(
        [
            {"images": [image(1)], "pagination": pagination(1, 9, 18)},
            {"images": [], "pagination": pagination(2, 9, 18)},
        ]
    )
    assert await collect(pages) == ["img-1"]
    assert pages.asked == [1, 2]


async def test_stops_on_the_zeroed_block() -> None:
    pages = Pages([{"images": [], "pagination": ex.EMPTY_PAGINATION}])
    assert await collect(pages) == []
    assert pages.asked == [1]


async def test_stops_at_total_pages_even_if_has_next_lies() -> None:
    lying = {**pagination(1, 1, 1), "hasNextPage": True}
    pages = Pages([{"images": [image(1)], "pagination": lying}])
    assert await collect(pages) == ["img-1"]
    assert pages.asked == [1]


async def test_download_pages_are_yielded_whole() -> None:
    page1 = {**ex.DOWNLOAD["data"]}
    page2 = {
        **ex.DOWNLOAD["data"],
        "presigned_urls": [],
        "failed_urls": [ex.FAILED_URL],
        "pagination": {
            **ex.DOWNLOAD["data"]["pagination"],
            "currentPage": 2,
            "hasNextPage": False,
            "hasPreviousPage": True,
        },
    }
    pages = Pages([page1, page2])
    async with client_for(pages) as client:
        request = DownloadOriginalPhotosRequest.for_bib("1234")
        got = [p async for p in client.iter_original_photos(456, request)]
    assert [len(p.presigned_urls) for p in got] == [1, 0]
    assert got[1].failed_urls[0].error == "Failed to generate URL"
    assert pages.asked == [1, 2]


async def test_a_page_count_that_keeps_growing_stops_one_past_the_first() -> None:
    growing = [{"images": [image(n)], "pagination": pagination(n, n + 1, 99)} for n in range(1, 50)]
    pages = Pages(growing)
    assert await collect(pages) == ["img-1", "img-2", "img-3"]
    assert pages.asked == [1, 2, 3]  # the first page said 2 pages; one more for drift
