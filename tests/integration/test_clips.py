"""Video clips against the real stand-in: the job followed to its end, clips downloaded
with the photo engine and checked as MP4."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.client import NinePicClient
from app.core.downloads import (
    DownloadEngine,
    DownloadJob,
    DownloadOptions,
    FailureReason,
    ItemStatus,
)
from app.core.downloads.filenames import SERVER_NAME_PATTERN, NamePattern
from app.core.errors import FeatureDisabled
from app.core.models import VideoClip
from app.core.validation import RefusedInput
from app.core.video_jobs import ClipJobState, ClipJobUpdate, PollSchedule, follow_clip_job, state_of
from app.demo.clips import clip_bytes
from app.demo.samples import selfie_bytes
from app.demo.server import DemoConfig, DemoServer
from tests.integration.support import (
    StorageProxy,
    calm,
    demo_behind_proxy,
    done_in_journal,
    leftovers,
    make_client,
    make_engine,
    sha_of,
)

pytestmark = pytest.mark.anyio


class DemoTime:
    """The stand-in's job clock and the follower's clock in one: a sleep moves both."""

    def __init__(self, demo: DemoServer, *, frozen: bool = False) -> None:
        self.now = 5000.0
        self.frozen = frozen
        """When set, the job's clock stands still (a job that never finishes)."""
        self.slept: list[float] = []
        self._job_now = self.now
        demo.searches.clock = lambda: self._job_now

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        if not self.frozen:
            self._job_now = self.now

    async def follow(
        self,
        client: NinePicClient,
        event_id: int,
        request_id: str,
        *,
        schedule: PollSchedule | None = None,
        seen: list[ClipJobUpdate] | None = None,
    ) -> ClipJobUpdate:
        """`follow_clip_job` on this clock: its waits take no time."""
        return await follow_clip_job(
            client,
            event_id,
            request_id,
            schedule=schedule,
            on_update=seen.append if seen is not None else None,
            sleep=self.sleep,
            clock=self.clock,
        )


@pytest.fixture(scope="module")
def shared_behind_proxy() -> Iterator[tuple[DemoServer, StorageProxy]]:
    with demo_behind_proxy() as pair:
        yield pair


@pytest.fixture
def demo(shared_behind_proxy: tuple[DemoServer, StorageProxy]) -> Iterator[DemoServer]:
    server, _ = calm(shared_behind_proxy)
    original = server.searches.clock
    yield server
    server.searches.clock = original


@pytest.fixture
def proxy(shared_behind_proxy: tuple[DemoServer, StorageProxy]) -> StorageProxy:
    return shared_behind_proxy[1]


@pytest.fixture
async def client(demo: DemoServer) -> NinePicClient:
    async with make_client(demo) as c:
        yield c  # type: ignore[misc]


async def new_search(client: NinePicClient, demo: DemoServer, bib: str = "A17") -> str:
    """A fresh selfie search (so its clip job starts now, under this test's knobs)."""
    result = await client.face_search(demo.event_id, selfie_bytes(bib))
    return result.request_id


async def test_the_job_goes_queued_processing_done_as_polled(
    client: NinePicClient, demo: DemoServer
) -> None:
    rid = await new_search(client, demo)
    time = DemoTime(demo)
    seen: list[ClipJobUpdate] = []
    often = PollSchedule(first_s=0.6, growth=1.5)  # the stand-in's job takes 2 s
    done = await time.follow(client, demo.event_id, rid, schedule=often, seen=seen)
    assert [u.state for u in seen] == [
        ClipJobState.QUEUED,
        ClipJobState.PROCESSING,
        ClipJobState.PROCESSING,
        ClipJobState.DONE,
    ]
    assert time.slept == pytest.approx([0.6, 0.9, 1.35])
    assert done is seen[-1] and done.request_id == rid
    expected = [(c.index, c.duration_s) for c in demo.searches.video(rid).clips()]  # type: ignore[union-attr]
    assert [(n, c.duration_s) for n, c in enumerate(done.clips, 1)] == expected


def test_the_default_schedule_starts_at_2_s_and_grows_to_10_s_within_10_minutes() -> None:
    plan = PollSchedule()
    assert [plan.delay(n) for n in range(6)] == [2.0, 3.0, 4.5, 6.75, 10.0, 10.0]
    assert plan.limit_s == 600.0


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("queued", ClipJobState.QUEUED),
        ("Processing", ClipJobState.PROCESSING),
        ("cutting_clips", ClipJobState.PROCESSING),  # unknown: still working
        ("completed", ClipJobState.DONE),
        ("DONE", ClipJobState.DONE),
        ("failed", ClipJobState.FAILED),
        ("error", ClipJobState.FAILED),
    ],
)
def test_status_words_map_to_states(status: str, state: ClipJobState) -> None:
    assert state_of(status) is state


async def test_a_failed_job_is_final(client: NinePicClient, demo: DemoServer) -> None:
    demo.set_faults(video_fail_rate=1.0)
    rid = await new_search(client, demo)
    time = DemoTime(demo)
    done = await time.follow(client, demo.event_id, rid)
    assert done.state is ClipJobState.FAILED and done.status == "failed" and not done.clips


async def test_the_time_limit_ends_the_follow_and_a_second_follow_finds_the_clips(
    client: NinePicClient, demo: DemoServer
) -> None:
    rid = await new_search(client, demo)
    time = DemoTime(demo, frozen=True)  # the job stays queued for ever
    short = PollSchedule(first_s=1.0, growth=2.0, max_s=4.0, limit_s=10.0)
    seen: list[ClipJobUpdate] = []
    late = await time.follow(client, demo.event_id, rid, schedule=short, seen=seen)
    assert late.state is ClipJobState.TIMED_OUT and late is seen[-1]
    assert time.slept == [1.0, 2.0, 4.0] and sum(time.slept) <= short.limit_s
    assert {u.state for u in seen[:-1]} == {ClipJobState.QUEUED}

    time.frozen = False  # the service catches up; "check again"
    again = await time.follow(client, demo.event_id, rid, schedule=short)
    assert again.state is ClipJobState.DONE and again.clips


async def test_switched_off_video_is_a_clear_error() -> None:
    with DemoServer(DemoConfig(video_clipping=False)) as off:
        async with make_client(off) as client:
            rid = off.sample_request_ids[0]
            with pytest.raises(FeatureDisabled) as refused:
                await follow_clip_job(client, off.event_id, rid)
    assert refused.value.feature == "video_search"


def visible_files(folder: Path) -> list[str]:
    """What a user sees in the folder (the journal and lock are hidden dot files)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def moved(clip: VideoClip, **changes: str) -> VideoClip:
    """The same clip with another URL or source name (what a hostile service could send)."""
    return clip.model_copy(update=changes)


async def finished_clips(client: NinePicClient, demo: DemoServer) -> tuple[str, list[VideoClip]]:
    rid = await new_search(client, demo, bib=demo.sample_bibs[0])
    time = DemoTime(demo)
    done = await time.follow(client, demo.event_id, rid)
    assert done.clips
    return rid, list(done.clips)


async def test_clips_download_with_the_photo_engine_checked_as_mp4(
    client: NinePicClient, demo: DemoServer, proxy: StorageProxy, tmp_path: Path
) -> None:
    rid, clips = await finished_clips(client, demo)
    # Through the recording proxy, to see what the clip host is sent.
    via_proxy = [
        moved(c, url=c.url.replace(demo.base_url, proxy.storage_url.removesuffix("/storage")))
        for c in clips
    ]
    engine = make_engine(client, demo, tmp_path)
    summary = await engine.run(DownloadJob.for_clips(rid, via_proxy))
    assert len(summary.downloaded) == len(clips) and not summary.failed
    downloaded = sorted(summary.downloaded, key=lambda r: r.key)
    for number, (result, clip) in enumerate(zip(downloaded, clips, strict=True), 1):
        assert result.key == f"clip:{rid}:{number}" and result.image_id is None
        assert result.file.endswith(".mp4")
        saved = tmp_path / result.file
        assert saved.read_bytes() == clip_bytes(clip.duration_s or 0, f"{rid}/{number}")
        assert sha_of(saved) == result.sha256
    assert "x-api-key" not in proxy.header_names  # public links: the key never goes there
    assert leftovers(tmp_path) == []

    again = await make_engine(client, demo, tmp_path).run(DownloadJob.for_clips(rid, via_proxy))
    assert {r.status for r in again.results} == {ItemStatus.ALREADY_THERE}


async def test_server_names_for_clips_are_sanitised(
    client: NinePicClient, demo: DemoServer, tmp_path: Path
) -> None:
    rid, clips = await finished_clips(client, demo)
    hostile = [moved(clips[0], source_video="../../etc/cron.d/evil\x00cam.exe")]
    options = DownloadOptions(parallel=2, name_pattern=NamePattern.parse(SERVER_NAME_PATTERN))
    engine = DownloadEngine(client, demo.event_id, tmp_path, options=options)
    summary = await engine.run(DownloadJob.for_clips(rid, hostile))
    assert [r.file for r in summary.downloaded] == ["evil_cam.exe.mp4"]
    assert visible_files(tmp_path) == ["evil_cam.exe.mp4"]


async def test_a_body_that_is_not_an_mp4_is_refused_and_nothing_is_saved(
    client: NinePicClient, demo: DemoServer, tmp_path: Path
) -> None:
    rid, clips = await finished_clips(client, demo)
    photo = demo.catalog.photos(demo.event_id)[0]
    jpeg_url = f"{demo.base_url}/imgs/{demo.event_id}/large/{photo.image_id}.jpg"
    wrong = [clips[0], moved(clips[0], url=jpeg_url, source_video="not-a-clip.mp4")]
    summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_clips(rid, wrong))
    assert len(summary.downloaded) == 1
    (failed,) = summary.failed
    assert failed.key == f"clip:{rid}:2" and failed.reason is FailureReason.NOT_FOUND
    assert visible_files(tmp_path) == [
        summary.downloaded[0].file
    ]  # no not-a-clip.mp4, no part left
    assert f"clip:{rid}:2" not in done_in_journal(tmp_path)
    assert (await engine_failed(client, demo, tmp_path)) == [f"clip:{rid}:2"]


async def engine_failed(client: NinePicClient, demo: DemoServer, folder: Path) -> list[str]:
    """The failed list as the folder's journal keeps it (what survives a restart)."""
    return [r.key for r in await make_engine(client, demo, folder).failed_items()]


async def test_a_clip_link_carrying_the_key_is_never_fetched(
    client: NinePicClient, demo: DemoServer, tmp_path: Path
) -> None:
    rid, clips = await finished_clips(client, demo)
    leaky = [moved(clips[0], url=f"{clips[0].url}?key={demo.api_key}")]
    demo.stats.reset()
    summary = await make_engine(client, demo, tmp_path).run(DownloadJob.for_clips(rid, leaky))
    (failed,) = summary.failed
    assert failed.reason is FailureReason.NO_LINK and demo.api_key not in failed.detail
    assert not summary.downloaded


def test_a_clip_job_needs_its_request_id() -> None:
    with pytest.raises(RefusedInput):
        DownloadJob.for_clips(" ", [])
    job = DownloadJob.for_clips(str(uuid.uuid4()), [])
    assert job.image_ids is None and job.name_term == "clip"
