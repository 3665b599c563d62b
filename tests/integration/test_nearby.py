""" "You may be in these too" against the real stand-in: the planted hidden-bib photos are
found, the found ones never are, and the work stays inside its budget."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from app.core.client import NinePicClient
from app.core.nearby import NearbyFinder, NearbyLimits
from app.demo.samples import sample_selfie_path
from app.demo.server import DemoServer
from tests.standin import reset_knobs

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    return reset_knobs(shared_demo)


@pytest.fixture
async def client(demo: DemoServer) -> AsyncIterator[NinePicClient]:
    async with NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key) as c:
        yield c


def timeline_calls(demo: DemoServer) -> int:
    calls = demo.stats.api_calls
    return calls.get("timeline_days", 0) + calls.get("timeline_images", 0)


async def test_hidden_bib_photos_of_3059_are_found_and_found_ones_left_out(
    client: NinePicClient, demo: DemoServer
) -> None:
    catalog, event = demo.catalog, demo.event_id
    bib = catalog.hidden_bib
    found = [i.image_id async for i in client.iter_bib_search(event, bib)]
    assert sorted(found) == sorted(p.image_id for p in catalog.photos_for_bib(event, bib))
    demo.stats.reset()

    result = await NearbyFinder(client, event).find(found)

    got = [p.image_id for p in result.photos]
    planted = {p.image_id for p in catalog.photos_hiding_bib(event, bib)}
    assert len(planted) == 3 and planted <= set(got)
    assert not set(got) & set(found)
    assert len(got) == len(set(got))
    assert result.located == result.tried == len(found) and result.complete
    assert result.requests == timeline_calls(demo) <= NearbyLimits().max_requests


async def test_every_photo_near_a_found_one_is_listed_and_nothing_far(
    client: NinePicClient, demo: DemoServer
) -> None:
    catalog, event = demo.catalog, demo.event_id
    limits = NearbyLimits()
    bib = catalog.sample_bibs[1]
    visible = catalog.photos_for_bib(event, bib)
    found = [p.image_id for p in visible]
    result = await NearbyFinder(client, event, NearbyLimits(max_located=len(found))).find(found)
    times = [p.captured_at for p in visible if p.captured_at is not None]
    got = {p.image_id for p in result.photos}
    reach = limits.margin_s + limits.resolution_s
    for image_id in got:
        photo = catalog.photo(image_id)
        assert photo is not None and photo.captured_at is not None
        assert min(abs(photo.captured_at - t) for t in times) <= reach
    if result.complete and len(got) < limits.max_photos:
        close = {
            p.image_id
            for p in catalog.photos(event)
            if p.captured_at is not None
            and p.image_id not in found
            and min(abs(p.captured_at - t) for t in times) <= limits.margin_s
        }
        assert close <= got


async def test_a_selfie_result_works_the_same(client: NinePicClient, demo: DemoServer) -> None:
    catalog, event = demo.catalog, demo.event_id
    bib = catalog.hidden_bib
    search = await client.face_search(event, sample_selfie_path(bib).read_bytes())
    found = [i.image_id async for i in client.iter_face_results(event, search.request_id)]
    assert found
    result = await NearbyFinder(client, event).find(found)
    assert not {p.image_id for p in result.photos} & set(found)
    planted = {p.image_id for p in catalog.photos_hiding_bib(event, bib)}
    assert planted and not planted & set(found)  # the selfie missed them too
    assert planted <= {p.image_id for p in result.photos}


async def test_a_big_result_stays_inside_the_budget(
    client: NinePicClient, demo: DemoServer
) -> None:
    event = demo.event_id
    big = demo.catalog.sample_bibs[0]
    found = [i.image_id async for i in client.iter_bib_search(event, big)]
    assert len(found) == 40
    demo.stats.reset()
    limits = NearbyLimits(max_located=8, max_requests=30)
    result = await NearbyFinder(client, event, limits).find(found)
    assert result.requests == timeline_calls(demo) <= 30
    assert result.tried == 8 and result.located < 8 and not result.complete
    assert not {p.image_id for p in result.photos} & set(found)
