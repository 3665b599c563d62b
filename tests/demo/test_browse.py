"""Ping, List Events, Event Details, All Photos, BIB Search and Photo Timeline."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from PIL import Image

from app.demo.server import DemoServer
from tests.demo.spec_examples import (
    ALL_PHOTOS,
    EMPTY_PAGINATION,
    EVENT_DETAILS,
    LIST_EVENTS,
    PING,
    TIMELINE_DAYS,
    assert_shape,
)


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["responseType"] == "success"
    return body


def walk(client: httpx.Client, path: str, key: str = "images", **params: Any) -> list[Any]:
    """Every item over all pages, following hasNextPage."""
    items: list[Any] = []
    page = 1
    while True:
        data = ok(client.get(path, params={**params, "page": page}))["data"]
        items.extend(data[key])
        if not data["pagination"]["hasNextPage"]:
            return items
        page += 1


def test_ping(client: httpx.Client, ev: str) -> None:
    body = ok(client.get(f"{ev}/ping"))
    assert_shape(body, PING)
    assert body["data"] == {"status": "ok", "org_id": 903, "event_id": 456}


def test_list_events_shape_order_and_paging(
    client: httpx.Client, org: str, server: DemoServer
) -> None:
    body = ok(client.get(f"{org}/events"))
    assert_shape(body, LIST_EVENTS)
    pagination = body["data"]["pagination"]
    mine = server.catalog.events_of(server.org_id)
    assert pagination == {
        "total": len(mine),
        "currentPage": 1,
        "totalPages": 2,
        "hasNextPage": True,
        "hasPreviousPage": False,
        "page_size": 10,
    }
    events = walk(client, f"{org}/events", key="events")
    assert [e["event_id"] for e in events] == [e.event_id for e in mine]
    dates = [e["event_date"] for e in events]
    assert dates == sorted(dates, reverse=True)
    ids = {e["event_id"] for e in events}
    cat = server.catalog
    assert {cat.main_event_id, cat.selfie_off_event_id, cat.empty_event_id} <= ids
    assert cat.draft_event_id in ids and cat.other_event_id not in ids
    statuses = {e["event_id"]: e["status"] for e in events}
    assert statuses[cat.draft_event_id] == "draft"
    main = next(e for e in events if e["event_id"] == server.event_id)
    assert main["cover_image"] == f"{server.base_url}/imgs/456/cover.jpg"
    cover = httpx.get(main["cover_image"])
    assert cover.status_code == 200 and cover.content[:3] == b"\xff\xd8\xff"
    big = ok(client.get(f"{org}/events", params={"page_size": 100}))["data"]
    assert len(big["events"]) == len(mine) and big["pagination"]["totalPages"] == 1


def test_event_details_flags(client: httpx.Client, server: DemoServer, org: str) -> None:
    cat = server.catalog
    for event in cat.events_of(server.org_id):
        body = ok(client.get(f"{org}/event/{event.event_id}/details"))
        assert_shape(body, EVENT_DETAILS)
        assert body["data"]["event_id"] == event.event_id
    main = ok(client.get(f"{org}/event/{cat.main_event_id}/details"))["data"]
    assert all(main[f] for f in ("bib_search", "selfie_search", "video_search", "timeline_search"))
    off = ok(client.get(f"{org}/event/{cat.selfie_off_event_id}/details"))["data"]
    assert off["selfie_search"] is False and off["bib_search"] is True
    draft = ok(client.get(f"{org}/event/{cat.draft_event_id}/details"))["data"]
    assert draft["status"] == "draft" and draft["event_enabled"] is False


def test_all_photos_shape_defaults_and_order(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    body = ok(client.get(f"{ev}/images"))
    assert_shape(body, ALL_PHOTOS)
    truth = server.catalog.photos(server.event_id)
    pagination = body["data"]["pagination"]
    assert pagination["page_size"] == 32 and len(body["data"]["images"]) == 32
    assert pagination["total"] == len(truth)
    assert pagination["totalPages"] == -(-len(truth) // 32)
    items = walk(client, f"{ev}/images", page_size=100)
    assert [i["image_id"] for i in items] == [p.image_id for p in truth]
    times = [p.captured_at for p in truth]
    timed = [t for t in times if t is not None]
    assert timed == sorted(timed)
    assert all(t is None for t in times[len(timed) :]), "untimed photos come last"
    first = items[0]
    photo = truth[0]
    assert (first["width"], first["height"]) == (photo.width, photo.height)
    assert first["original_url"] is None


def test_preview_urls_are_public_jpegs(anon: httpx.Client, client: httpx.Client, ev: str) -> None:
    item = ok(client.get(f"{ev}/images", params={"page_size": 1}))["data"]["images"][0]
    for key, edge in (("thumbnail_url", 400), ("img_url", 1600)):
        response = httpx.get(item[key])  # no X-API-Key
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/jpeg"
        img = Image.open(io.BytesIO(response.content))
        assert img.format == "JPEG" and max(img.size) == edge
        ratio = item["width"] / item["height"]
        assert abs(img.size[0] / img.size[1] - ratio) < 0.01
    head = httpx.head(item["thumbnail_url"])
    assert head.status_code == 200 and int(head.headers["content-length"]) > 1000
    assert anon.get("/imgs/456/small/not-a-photo.jpg").status_code == 404
    assert anon.get("/imgs/457/small/" + item["image_id"] + ".jpg").status_code == 404


def test_thumbnail_gets_are_counted(server: DemoServer, client: httpx.Client, ev: str) -> None:
    item = ok(client.get(f"{ev}/images", params={"page": 3, "page_size": 1}))["data"]["images"][0]
    before = server.stats.thumbnail_gets.get(item["image_id"], 0)
    httpx.get(item["thumbnail_url"])
    httpx.get(item["thumbnail_url"])
    assert server.stats.thumbnail_gets[item["image_id"]] == before + 2


@pytest.mark.parametrize("page", [9, 100])
def test_page_beyond_the_last(client: httpx.Client, ev: str, server: DemoServer, page: int) -> None:
    total = len(server.catalog.photos(server.event_id))
    data = ok(client.get(f"{ev}/images", params={"page": page, "page_size": 100}))["data"]
    assert data["images"] == []
    assert data["pagination"] == {
        "total": total,
        "currentPage": page,
        "totalPages": -(-total // 100),
        "hasNextPage": False,
        "hasPreviousPage": True,
        "page_size": 100,
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page_size=101", "query.page_size: Input should be less than or equal to 100"),
        ("page_size=0", "query.page_size: Input should be greater than or equal to 1"),
        ("page=0", "query.page: Input should be greater than or equal to 1"),
        ("page=-1", "query.page: Input should be greater than or equal to 1"),
        (
            "page=two",
            "query.page: Input should be a valid integer, unable to parse string as an integer",
        ),
        (
            "page=x&page_size=500",
            "query.page: Input should be a valid integer, unable to parse string as an integer; "
            "query.page_size: Input should be less than or equal to 100",
        ),
    ],
)
def test_bad_paging_is_422(client: httpx.Client, ev: str, query: str, message: str) -> None:
    response = client.get(f"{ev}/images?{query}")
    assert response.status_code == 422
    assert response.json() == {"responseType": "error", "message": message, "data": None}


def test_empty_event_gives_the_zeroed_block(
    client: httpx.Client, org: str, server: DemoServer
) -> None:
    base = f"{org}/event/{server.catalog.empty_event_id}"
    body = ok(client.get(f"{base}/images"))
    assert body["message"] == "No images found"
    assert body["data"] == {"images": [], "pagination": EMPTY_PAGINATION}
    sized = ok(client.get(f"{base}/images", params={"page_size": 7, "page": 3}))["data"]
    assert sized["pagination"] == {**EMPTY_PAGINATION, "page_size": 7}


def test_bib_search_pages_and_matches(client: httpx.Client, server: DemoServer, ev: str) -> None:
    cat = server.catalog
    big = server.sample_bibs[0]
    truth = cat.photos_for_bib(server.event_id, big)
    assert len(truth) > 32
    body = ok(client.get(f"{ev}/bibs/{big}"))
    assert_shape(body, ALL_PHOTOS)
    assert body["data"]["pagination"] == {
        "total": len(truth),
        "currentPage": 1,
        "totalPages": 2,
        "hasNextPage": True,
        "hasPreviousPage": False,
        "page_size": 32,
    }
    items = walk(client, f"{ev}/bibs/{big}")
    assert [i["image_id"] for i in items] == [p.image_id for p in truth]
    assert all(big in p.bibs for p in truth)
    small = ok(client.get(f"{ev}/bibs/{server.sample_bibs[2]}"))["data"]
    assert small["pagination"]["total"] == 3 and len(small["images"]) == 3


def test_bib_search_is_case_insensitive(client: httpx.Client, ev: str, server: DemoServer) -> None:
    upper = ok(client.get(f"{ev}/bibs/A17"))["data"]
    lower = ok(client.get(f"{ev}/bibs/a17"))["data"]
    assert upper["pagination"]["total"] > 0
    assert upper == lower


def test_unknown_bib_is_an_empty_200(client: httpx.Client, ev: str) -> None:
    body = ok(client.get(f"{ev}/bibs/99999"))
    assert body["data"] == {"images": [], "pagination": EMPTY_PAGINATION}
    sized = ok(client.get(f"{ev}/bibs/99999", params={"page_size": 50}))["data"]
    assert sized["pagination"]["page_size"] == 50


def test_bib_search_switched_off_is_403(client: httpx.Client, server: DemoServer, org: str) -> None:
    archived = next(e for e in server.catalog.events_of(server.org_id) if not e.bib_search)
    response = client.get(f"{org}/event/{archived.event_id}/bibs/1234")
    assert response.status_code == 403 and response.json()["data"] is None


def test_timeline_days(client: httpx.Client, server: DemoServer, ev: str) -> None:
    body = ok(client.get(f"{ev}/timeline/days"))
    assert_shape(body, TIMELINE_DAYS)
    days = body["data"]["days"]
    timed = [p for p in server.catalog.photos(server.event_id) if p.captured_at is not None]
    assert sum(d["total"] for d in days) == len(timed)
    assert [d["date"] for d in days] == sorted(d["date"] for d in days)
    assert len(days) >= 2
    for day in days:
        hours = [h["hour"] for h in day["hours"]]
        assert hours == sorted(hours) and all(0 <= h <= 23 for h in hours)
        assert sum(h["count"] for h in day["hours"]) == day["total"]
        assert all(h["count"] > 0 for h in day["hours"])
    span = max(p.captured_at or 0 for p in timed) - min(p.captured_at or 0 for p in timed)
    assert span > 3 * 3600


def test_timeline_days_empty_and_switched_off(
    client: httpx.Client, server: DemoServer, org: str
) -> None:
    empty = ok(client.get(f"{org}/event/{server.catalog.empty_event_id}/timeline/days"))
    assert empty == {"responseType": "success", "message": "No timeline data", "data": {"days": []}}
    off = client.get(f"{org}/event/{server.catalog.draft_event_id}/timeline/days")
    assert off.status_code == 403


def test_timeline_images_window_is_half_open(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    timed = [p for p in server.catalog.photos(server.event_id) if p.captured_at is not None]
    start = timed[40].captured_at or 0
    end = start + 1800
    inside = [p.image_id for p in timed if start <= (p.captured_at or 0) < end]
    items = walk(client, f"{ev}/timeline/images", **{"from": start, "to": end})
    assert [i["image_id"] for i in items] == inside
    assert timed[40].image_id in inside
    first = ok(client.get(f"{ev}/timeline/images", params={"from": start, "to": end}))
    assert_shape(first, ALL_PHOTOS)
    assert first["data"]["pagination"]["page_size"] == 32
    at_end = [p for p in timed if p.captured_at == end]
    assert not set(p.image_id for p in at_end) & set(inside)
    day = datetime(2026, 4, 19, tzinfo=UTC).timestamp()
    whole = ok(client.get(f"{ev}/timeline/images", params={"from": 0, "to": int(day)}))
    assert whole["data"]["pagination"]["total"] == sum(
        1 for p in timed if (p.captured_at or 0) < day
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "query.from: Field required; query.to: Field required"),
        ("from=1", "query.to: Field required"),
        (
            "from=a&to=2",
            "query.from: Input should be a valid integer, unable to parse string as an integer",
        ),
        ("from=1&to=2&page_size=101", "query.page_size: Input should be less than or equal to 100"),
    ],
)
def test_timeline_images_422(client: httpx.Client, ev: str, query: str, message: str) -> None:
    response = client.get(f"{ev}/timeline/images?{query}")
    assert response.status_code == 422
    assert response.json()["message"] == message
