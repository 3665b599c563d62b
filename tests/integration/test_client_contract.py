"""Contract tests: our client against the real stand-in over loopback, every endpoint and error."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest

from app.core.client import NinePicClient
from app.core.errors import (
    AccessDenied,
    AuthMissing,
    FeatureDisabled,
    NotFound,
    RateLimited,
    RequestRejected,
)
from app.core.models import DownloadOriginalPhotosRequest
from app.core.retry import RetryPolicy
from app.demo.samples import sample_selfie_path, unknown_selfie_path
from app.demo.server import DemoConfig, DemoServer
from app.terminal_words import error_text
from tests.standin import reset_knobs

pytestmark = pytest.mark.anyio

FAST = RetryPolicy(max_attempts=8, base_delay=0.01, max_delay=0.05)


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig()) as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    """The module's stand-in with every knob as it started and its counters zeroed."""
    return reset_knobs(shared_demo)


@pytest.fixture
async def client(demo: DemoServer) -> AsyncIterator[NinePicClient]:
    async with NinePicClient(
        demo.base_url, org_id=demo.org_id, api_key=demo.api_key, retry_policy=FAST
    ) as c:
        yield c


async def test_ping_and_events(client: NinePicClient, demo: DemoServer) -> None:
    ping = await client.ping(demo.event_id)
    assert (ping.status, ping.org_id, ping.event_id) == ("ok", demo.org_id, demo.event_id)
    events = [e async for e in client.iter_events(page_size=2)]
    ids = [e.event_id for e in events]
    assert demo.event_id in ids
    assert len(ids) == len(set(ids)) >= 3
    assert demo.other_event_id not in ids


async def test_event_flags(client: NinePicClient, demo: DemoServer) -> None:
    main = await client.event_details(demo.event_id)
    assert main.bib_search and main.selfie_search and main.timeline_search
    selfie_off = await client.event_details(demo.catalog.selfie_off_event_id)
    assert selfie_off.bib_search and not selfie_off.selfie_search


async def test_all_photos_walks_every_page(client: NinePicClient, demo: DemoServer) -> None:
    truth = [p.image_id for p in demo.catalog.photos(demo.event_id)]
    walked = [i.image_id async for i in client.iter_all_photos(demo.event_id)]
    assert walked == truth
    assert len(truth) >= 400
    first = await client.all_photos(demo.event_id)
    assert len(first.images) == 32 and first.pagination.total == len(truth)
    empty = await client.all_photos(demo.catalog.empty_event_id)
    assert empty.images == [] and empty.pagination.is_empty


async def test_bib_search_pages_and_case(client: NinePicClient, demo: DemoServer) -> None:
    for bib in demo.sample_bibs:
        truth = [p.image_id for p in demo.catalog.photos_for_bib(demo.event_id, bib)]
        walked = [i.image_id async for i in client.iter_bib_search(demo.event_id, bib.lower())]
        assert walked == truth
    big = demo.sample_bibs[0]
    page2 = await client.bib_search(demo.event_id, big, page=2)
    assert page2.pagination.current_page == 2 and page2.pagination.has_previous_page
    nobody = await client.bib_search(demo.event_id, "99999")
    assert nobody.images == [] and nobody.pagination.is_empty


async def test_face_search_post_once_then_get(client: NinePicClient, demo: DemoServer) -> None:
    bib = demo.sample_bibs[0]
    truth = [p.image_id for p in demo.catalog.photos_for_bib(demo.event_id, bib)]
    selfie = sample_selfie_path(bib).read_bytes()
    first = await client.face_search(demo.event_id, selfie, page_size=10)
    assert [i.image_id for i in first.images] == truth[:10]
    rest = [i.image_id async for i in client.iter_face_results(demo.event_id, first.request_id)]
    assert rest == truth
    again = await client.face_search(
        demo.event_id,
        sample_selfie_path(demo.sample_bibs[1]).read_bytes(),
        request_id=first.request_id,
        page_size=10,
    )
    assert again.request_id == first.request_id
    assert [i.image_id for i in again.images] == truth[:10]


async def test_unknown_face_is_an_honest_empty_result(
    client: NinePicClient, demo: DemoServer
) -> None:
    result = await client.face_search(demo.event_id, unknown_selfie_path().read_bytes())
    assert result.images == [] and result.pagination.is_empty and result.request_id


async def test_ready_request_ids_and_unknown_one(client: NinePicClient, demo: DemoServer) -> None:
    ready = await client.face_results(demo.event_id, demo.sample_request_ids[0])
    assert ready.images
    with pytest.raises(NotFound):
        await client.face_results(demo.event_id, "00000000-0000-4000-8000-000000000000")


async def test_switched_off_selfie_search_is_explained(
    client: NinePicClient, demo: DemoServer
) -> None:
    selfie = sample_selfie_path(demo.sample_bibs[0]).read_bytes()
    with pytest.raises(FeatureDisabled) as caught:
        await client.face_search(demo.catalog.selfie_off_event_id, selfie)
    assert error_text(caught.value) == "This event has selfie search switched off."


async def test_access_errors(client: NinePicClient, demo: DemoServer) -> None:
    with pytest.raises(AccessDenied):
        await client.ping(demo.other_event_id)
    with pytest.raises(NotFound):
        await client.ping(987654)
    async with NinePicClient(demo.base_url, org_id=demo.org_id, api_key=None) as anonymous:
        with pytest.raises(AuthMissing):
            await anonymous.ping(demo.event_id)
    async with NinePicClient(demo.base_url, org_id=demo.org_id, api_key="wrong") as stranger:
        with pytest.raises(AccessDenied):
            await stranger.list_events()
    async with NinePicClient(
        demo.base_url, org_id=demo.other_org_id, api_key=demo.api_key
    ) as foreign:
        with pytest.raises(AccessDenied):
            await foreign.list_events()


async def test_timeline(client: NinePicClient, demo: DemoServer) -> None:
    timeline = await client.timeline_days(demo.event_id)
    timed = [p for p in demo.catalog.photos(demo.event_id) if p.captured_at is not None]
    assert sum(d.total for d in timeline.days) == len(timed)
    start = min(p.captured_at for p in timed if p.captured_at is not None)
    window = await client.timeline_images(demo.event_id, start, start + 3600, page_size=100)
    expected = [
        p.image_id
        for p in timed
        if p.captured_at is not None and start <= p.captured_at < start + 3600
    ]
    assert [i.image_id for i in window.images] == expected[:100]


async def test_video_clipping(client: NinePicClient, demo: DemoServer) -> None:
    job = await client.start_video_clipping(demo.event_id, request_id=demo.sample_request_ids[0])
    polled = await client.video_clipping(demo.event_id, job.request_id)
    assert polled.request_id == job.request_id and polled.status


async def test_download_links_and_failed_urls(client: NinePicClient, demo: DemoServer) -> None:
    bib = demo.sample_bibs[1]
    photos = demo.catalog.photos_for_bib(demo.event_id, bib)
    missing = {p.image_id for p in photos if p.original_missing}
    assert missing, "the world gives this runner a missing original"
    pages = [
        page
        async for page in client.iter_original_photos(
            demo.event_id, DownloadOriginalPhotosRequest.for_bib(bib), page_size=5
        )
    ]
    assert all(p.identifier == bib for p in pages)
    linked = [u.filename for p in pages for u in p.presigned_urls]
    failed = {f.image_id for p in pages for f in p.failed_urls}
    assert failed == missing
    assert sorted(linked) == sorted(f"{p.image_id}.jpg" for p in photos if not p.original_missing)


async def test_download_by_ids_and_its_400s(client: NinePicClient, demo: DemoServer) -> None:
    good = [p.image_id for p in demo.catalog.photos(demo.event_id)[:3] if not p.original_missing]
    mixed = await client.original_photos(
        demo.event_id, DownloadOriginalPhotosRequest.for_images([*good, "no-such-image"])
    )
    assert mixed.identifier is None
    assert {f.image_id for f in mixed.failed_urls} == {"no-such-image"}
    assert len(mixed.presigned_urls) == len(good)
    with pytest.raises(RequestRejected) as one:
        await client.original_photos(
            demo.event_id, DownloadOriginalPhotosRequest.for_image("no-such-image")
        )
    assert one.value.status == 400
    with pytest.raises(RequestRejected):
        await client.original_photos(
            demo.event_id, DownloadOriginalPhotosRequest.for_images(["nope-1", "nope-2"])
        )
    with pytest.raises(NotFound):
        await client.original_photos(
            demo.event_id,
            DownloadOriginalPhotosRequest.for_selfie("00000000-0000-4000-8000-000000000000"),
        )


async def test_faults_are_retried_through() -> None:
    config = DemoConfig(fault_rate=0.5, throttle=0.2, retry_after_s=0)
    with DemoServer(config) as flaky:
        waits: list[float] = []
        async with NinePicClient(
            flaky.base_url,
            org_id=flaky.org_id,
            api_key=flaky.api_key,
            retry_policy=RetryPolicy(max_attempts=30, base_delay=0.001, max_delay=0.002),
        ) as client:
            heard = lambda attempt, error, delay: waits.append(delay)  # noqa: E731
            calls = (client.ping(flaky.event_id, on_retry=heard) for _ in range(10))
            results = await asyncio.gather(*calls)
    assert all(r.status == "ok" for r in results)
    assert waits, "faults were injected, so some calls were retried"


async def test_throttle_without_retries_reports_retry_after() -> None:
    with DemoServer(DemoConfig(throttle=1.0, retry_after_s=3)) as busy:
        async with NinePicClient(
            busy.base_url,
            org_id=busy.org_id,
            api_key=busy.api_key,
            retry_policy=RetryPolicy(max_attempts=1),
        ) as client:
            with pytest.raises(RateLimited) as caught:
                await client.list_events()
    assert caught.value.retry_after == 3.0
