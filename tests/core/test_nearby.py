"""The nearby-photos locator on a small fake timeline (httpx.MockTransport): its answers
come in no particular order and a few to a page, a found photo may have no capture time,
and every request counts against the budget."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from app.core.client import NinePicClient
from app.core.models import Timeline, TimelineDay, TimelineHour
from app.core.nearby import NearbyFinder, NearbyLimits, hour_buckets, spread

pytestmark = pytest.mark.anyio

DAY = int(datetime(2026, 4, 19, tzinfo=UTC).timestamp())
PAGE = 25


def _item(image_id: str) -> dict[str, object]:
    url = f"https://photos.example/{image_id}.jpg"
    return {"image_id": image_id, "img_url": url, "thumbnail_url": url}


class FakeTimeline:
    """Photo id -> capture time (None: untimed); counts the calls it answers."""

    def __init__(self, times: dict[str, int | None], seed: int = 1) -> None:
        self.times = times
        self.calls: list[str] = []
        self._seed = seed

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request.url.path.rsplit("/", 1)[-1])
        timed = {i: t for i, t in self.times.items() if t is not None}
        if request.url.path.endswith("/timeline/days"):
            days: dict[str, dict[int, int]] = {}
            for t in timed.values():
                when = datetime.fromtimestamp(t, UTC)
                hours = days.setdefault(when.strftime("%Y-%m-%d"), {})
                hours[when.hour] = hours.get(when.hour, 0) + 1
            body = [
                {"date": d, "total": sum(h.values()), "hours": [
                    {"hour": k, "count": v} for k, v in sorted(h.items())
                ]}
                for d, h in sorted(days.items())
            ]  # fmt: skip
            return httpx.Response(200, json={"responseType": "success", "data": {"days": body}})
        start, end = int(request.url.params["from"]), int(request.url.params["to"])
        page = int(request.url.params["page"])
        inside = sorted(i for i, t in timed.items() if start <= t < end)
        # The order is not documented, so never rely on it; but it is one order per window.
        random.Random(f"{self._seed}:{start}:{end}").shuffle(inside)
        pages = max(1, -(-len(inside) // PAGE))
        chunk = inside[(page - 1) * PAGE : page * PAGE]
        pagination = {
            "total": len(inside),
            "currentPage": page if inside else 0,
            "totalPages": pages if inside else 0,
            "hasNextPage": page < pages and bool(inside),
            "hasPreviousPage": page > 1,
            "page_size": PAGE,
        }
        data = {"images": [_item(i) for i in chunk], "pagination": pagination}
        return httpx.Response(200, json={"responseType": "success", "data": data})


def client_for(fake: FakeTimeline) -> NinePicClient:
    handler: Callable[[httpx.Request], httpx.Response] = fake.handler
    return NinePicClient(
        "https://api.9pic.ai", org_id=903, api_key="k", transport=httpx.MockTransport(handler)
    )


def crowd(seed: int = 3) -> dict[str, int | None]:
    """A photo every ~20 s over three hours of one morning, plus one the evening before."""
    rng = random.Random(seed)
    times: dict[str, int | None] = {
        f"p{n:03d}": DAY + 7 * 3600 + n * 20 + rng.randrange(5) for n in range(540)
    }
    times["eve"] = DAY - 5 * 3600
    return times


async def test_photos_around_the_found_ones_whatever_the_answer_order() -> None:
    times = crowd()
    fake = FakeTimeline(times)
    found = ["p100", "p101", "p400"]
    async with client_for(fake) as client:
        result = await NearbyFinder(client, 456).find(found)
    got = {p.image_id for p in result.photos}
    assert not got & set(found)
    assert result.located == 3 and result.complete
    limits = NearbyLimits()
    found_times = [times[i] for i in found]
    for image_id, t in times.items():
        if t is None or image_id in found:
            continue
        distance = min(abs(t - f) for f in found_times if f is not None)
        if distance <= limits.margin_s:
            assert image_id in got, image_id
        if distance > limits.margin_s + limits.resolution_s:
            assert image_id not in got, image_id
    assert result.requests == len(fake.calls) <= limits.max_requests


async def test_a_found_photo_without_capture_time_places_nothing() -> None:
    times = crowd()
    times["untimed"] = None
    fake = FakeTimeline(times)
    async with client_for(fake) as client:
        result = await NearbyFinder(client, 456).find(["untimed"])
    assert result.photos == () and result.located == 0 and result.tried == 1


async def test_the_budget_caps_the_requests() -> None:
    fake = FakeTimeline(crowd())
    found = [f"p{n:03d}" for n in range(0, 540, 30)]
    limits = NearbyLimits(max_located=8, max_requests=30)
    async with client_for(fake) as client:
        result = await NearbyFinder(client, 456, limits).find(found)
    assert len(fake.calls) == result.requests <= 30
    assert result.tried == 8 and not result.complete
    assert 1 <= result.located < 8  # the earliest are done before the budget runs out
    assert result.photos


async def test_no_found_photos_no_requests() -> None:
    fake = FakeTimeline(crowd())
    async with client_for(fake) as client:
        result = await NearbyFinder(client, 456).find([])
    assert fake.calls == [] and result.photos == () and result.requests == 0


async def test_the_photo_count_is_capped() -> None:
    fake = FakeTimeline(crowd())
    async with client_for(fake) as client:
        result = await NearbyFinder(client, 456, NearbyLimits(max_photos=5)).find(["p200"])
    assert len(result.photos) == 5


def test_spread_keeps_first_and_last_in_order() -> None:
    ids = [str(n) for n in range(40)]
    assert spread(ids, 5) == ["0", "10", "20", "29", "39"]
    assert spread(ids[:3], 8) == ["0", "1", "2"]
    assert spread(ids, 1) == ["0"] and spread(ids, 0) == [] and spread([], 3) == []


def test_hour_buckets_are_utc_hours_and_skip_empty_and_unreadable_days() -> None:
    timeline = Timeline(
        days=[
            TimelineDay(date="2026-04-19", total=3, hours=[
                TimelineHour(hour=10, count=2), TimelineHour(hour=11, count=0),
            ]),
            TimelineDay(date="not a date", total=1, hours=[TimelineHour(hour=1, count=1)]),
            TimelineDay(date="2026-04-18", total=1, hours=[TimelineHour(hour=23, count=1)]),
        ]
    )  # fmt: skip
    assert hour_buckets(timeline) == [(DAY - 3600, 1), (DAY + 10 * 3600, 2)]
