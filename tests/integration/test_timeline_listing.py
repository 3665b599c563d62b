"""Time windows, gallery jumps and listed downloads against the real stand-in over loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from app.core.client import NinePicClient
from app.core.downloads.listed import ListedPhotos
from app.core.errors import FeatureDisabled
from app.core.models import DownloadMethod
from app.core.timeline import TimeWindow, hour_slots, iter_window, page_at
from app.demo.server import DemoServer
from app.demo.world import SELFIE_OFF_EVENT_ID
from tests.integration.support import FAST_API
from tests.standin import reset_knobs

pytestmark = pytest.mark.anyio

PAST_EVENT_ID = 101
"""An archived edition: every search off, timeline too, but switched on (gallery)."""


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    return reset_knobs(shared_demo)


@pytest.fixture
async def client(demo: DemoServer) -> AsyncIterator[NinePicClient]:
    async with NinePicClient(
        demo.base_url, org_id=demo.org_id, api_key=demo.api_key, retry_policy=FAST_API
    ) as c:
        yield c


def _timed(demo: DemoServer, event_id: int | None = None) -> list[tuple[int, str]]:
    photos = demo.catalog.photos(event_id or demo.event_id)
    return [(p.captured_at, p.image_id) for p in photos if p.captured_at is not None]


async def test_a_window_walk_is_exactly_the_window_in_capture_order(
    client: NinePicClient, demo: DemoServer
) -> None:
    timed = _timed(demo)
    window = TimeWindow.around(timed[200][0], 6 * 60)
    inside = [(t, i) for t, i in timed if window.start <= t < window.end]
    assert len(inside) > 5, "the window must span several pages of 5"
    found = [item async for item in iter_window(client, demo.event_id, window, page_size=5)]
    assert [item.image_id for item in found] == [i for _, i in sorted(inside)]


async def test_page_at_lands_on_the_first_photo_at_or_after_the_moment(
    client: NinePicClient, demo: DemoServer
) -> None:
    slots = hour_slots(await client.timeline_days(demo.event_id))
    assert sum(s.count for s in slots) == len(_timed(demo))
    everything = [p.image_id for p in demo.catalog.photos(demo.event_id)]
    timed = _timed(demo)
    size = 32
    moments = [timed[150][0] + 1, timed[0][0], slots[3].start, timed[-1][0] + 7200]
    for moment in moments:
        page = await page_at(client, demo.event_id, slots, moment, size)
        before = sum(1 for t, _ in timed if t < moment)
        assert page == before // size + 1, moment
        shown = await client.all_photos(demo.event_id, page, size)
        if before < len(timed):
            assert everything[before] in [i.image_id for i in shown.images]


async def test_listed_photos_name_every_photo_of_the_window_or_the_event(
    client: NinePicClient, demo: DemoServer
) -> None:
    timed = _timed(demo)
    window = TimeWindow(timed[40][0], timed[40][0] + 900)
    job = await ListedPhotos(window).job(client, demo.event_id)
    assert job is not None and job.method is DownloadMethod.IMAGE_IDS
    assert job.image_ids == tuple(i for t, i in timed if window.start <= t < window.end)

    small = [p.image_id for p in demo.catalog.photos(SELFIE_OFF_EVENT_ID)]
    whole = await ListedPhotos().job(client, SELFIE_OFF_EVENT_ID)
    assert whole is not None and whole.image_ids == tuple(small) and whole.label == "all"

    before_any = TimeWindow(timed[0][0] - 3600, timed[0][0])
    assert await ListedPhotos(before_any).job(client, demo.event_id) is None


async def test_a_window_on_an_event_without_timeline_says_so(
    client: NinePicClient, demo: DemoServer
) -> None:
    with pytest.raises(FeatureDisabled) as off:
        await ListedPhotos(TimeWindow(0, 10)).job(client, PAST_EVENT_ID)
    assert off.value.feature == "timeline_search"
