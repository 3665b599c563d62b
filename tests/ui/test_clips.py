"""The Video clips dock on a real window and the real stand-in: offered after a selfie
search, the job's states as polled, play, download as .mp4, failures, switched off."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt, QUrl

from app.core.downloads import FailureReason, ItemResult, ItemStatus
from app.core.video_jobs import ClipJobState, PollSchedule
from app.demo.clips import clip_bytes
from app.demo.samples import sample_selfie_path, selfie_bytes
from app.demo.server import DemoConfig, DemoServer
from app.ui.clips_dock import ClipsDock, clips_dock_of
from app.ui.messages import Action, error_message
from app.ui.models.failed_model import FailedModel
from app.ui.search import SearchMode
from tests.ui.conftest import Harness, WindowFactory, until


class JobTime:
    """The stand-in's job clock and the dock's follow clock: each sleep moves both on."""

    def __init__(self, demo: DemoServer, dock: ClipsDock, *, frozen: bool = False) -> None:
        self.now = 10_000.0
        self.frozen = frozen
        self._job_now = self.now
        self.seen: list[ClipJobState] = []
        demo.searches.clock = lambda: self._job_now
        dock.session.sleep = self.sleep
        dock.session.clock = lambda: self.now
        dock.session.changed.connect(self._note)
        self._session = dock.session

    def _note(self) -> None:
        update = self._session.update
        if update is not None and (not self.seen or self.seen[-1] is not update.state):
            self.seen.append(update.state)

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        if not self.frozen:
            self._job_now = self.now
        await asyncio.sleep(0)


@pytest.fixture
def video_demo(demo: DemoServer) -> Iterator[DemoServer]:
    """The shared stand-in; its job clock goes back to the real one afterwards."""
    original = demo.searches.clock
    yield demo
    demo.searches.clock = original


def fresh_search(demo: DemoServer, bib: str | None = None) -> str:
    """A new selfie search of a sample runner (its clip job starts under this test's knobs)."""
    rid = str(uuid.uuid4())
    answer = httpx.post(
        f"{demo.base_url}/api/v1/ext/{demo.org_id}/event/{demo.event_id}/faces",
        headers={"X-API-Key": demo.api_key},
        files={"selfie": ("me.jpg", selfie_bytes(bib or demo.sample_bibs[0]), "image/jpeg")},
        data={"request_id": rid},
    )
    assert answer.status_code == 200
    return rid


def dock_of(h: Harness) -> ClipsDock:
    dock = clips_dock_of(h.window)
    assert dock is not None
    return dock


def test_find_my_clips_shows_the_states_then_lists_plays_and_downloads_them(
    video_demo: DemoServer, make_window: WindowFactory, qtbot, tmp_path: Path
) -> None:
    h = make_window(video_demo, downloads=tmp_path)
    dock = dock_of(h)
    panel = dock.panel
    assert not dock.dock.isVisible()  # no selfie search yet
    rid = fresh_search(video_demo)
    h.type_search(rid, SearchMode.SELFIE)
    assert dock.dock.isVisible() and panel.find_button.isVisible()
    assert not panel.download_button.isVisible() and not panel.play_buttons

    time = JobTime(video_demo, dock)
    dock.session.schedule = PollSchedule(first_s=0.6, growth=1.5)
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    h.drain()
    assert time.seen == [ClipJobState.QUEUED, ClipJobState.PROCESSING, ClipJobState.DONE]
    job = video_demo.searches.video(rid)
    assert job is not None
    clips = job.clips()
    assert len(panel.play_buttons) == len(clips)
    count = len(clips)
    assert panel.status.text() == f"{count} video clip{'s' if count > 1 else ''} of you:"
    lengths = [w.text() for w in panel.findChildren(type(panel.status), "clipLength")]
    assert sorted(lengths) == sorted(f"0:{round(c.duration_s):02d}" for c in clips)
    assert not panel.find_button.isVisible() and panel.download_button.isVisible()

    opened: list[QUrl] = []
    dock.open_url = lambda url: opened.append(url) or True
    qtbot.mouseClick(panel.play_buttons[0], Qt.MouseButton.LeftButton)
    assert [u.toString() for u in opened] == [dock.session.clips[0].url]
    assert not dock.play("http://example.com/clip.mp4")  # only https or this computer
    assert not dock.play("file:///etc/passwd") and len(opened) == 1
    assert not dock.play(f"{dock.session.clips[0].url}?k={video_demo.api_key}")
    assert len(opened) == 1

    qtbot.mouseClick(panel.download_button, Qt.MouseButton.LeftButton)
    h.drain()
    summary = h.downloads.last_summary
    assert summary is not None and len(summary.downloaded) == len(clips) and not summary.failed
    saved = sorted(p for p in tmp_path.rglob("*.mp4"))
    assert len(saved) == len(clips)
    expected = {clip_bytes(c.duration_s, f"{rid}/{c.index}") for c in clips}
    assert {p.read_bytes() for p in saved} == expected
    assert h.downloads.items.rowCount() == len(clips)  # in the download panel like photos


def test_a_failed_job_says_so_and_offers_check_again(
    video_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    video_demo.set_faults(video_fail_rate=1.0)
    h = make_window(video_demo)
    dock = dock_of(h)
    h.type_search(fresh_search(video_demo), SearchMode.SELFIE)
    time = JobTime(video_demo, dock)
    qtbot.mouseClick(dock.panel.find_button, Qt.MouseButton.LeftButton)
    h.drain()
    assert time.seen[-1] is ClipJobState.FAILED
    assert dock.panel.status.text() == "The service could not make your video clips."
    assert dock.panel.check_again_button.isVisible() and not dock.panel.play_buttons


def test_the_time_limit_stops_polling_and_check_again_finds_the_clips(
    video_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    h = make_window(video_demo)
    dock = dock_of(h)
    h.type_search(fresh_search(video_demo), SearchMode.SELFIE)
    time = JobTime(video_demo, dock, frozen=True)
    dock.session.schedule = PollSchedule(first_s=60.0, growth=2.0, max_s=120.0, limit_s=300.0)
    before = video_demo.stats.api_calls.get("video_get", 0)
    qtbot.mouseClick(dock.panel.find_button, Qt.MouseButton.LeftButton)
    h.drain()
    assert time.seen == [ClipJobState.QUEUED, ClipJobState.TIMED_OUT]
    assert video_demo.stats.api_calls.get("video_get", 0) - before == 3  # 60 s, 120 s, 120 s
    assert dock.panel.status.text() == "Your video clips are not ready after 5 minutes."
    assert dock.panel.check_again_button.isVisible()

    time.frozen = False  # the service catches up
    qtbot.mouseClick(dock.panel.check_again_button, Qt.MouseButton.LeftButton)
    h.drain()
    assert time.seen[-1] is ClipJobState.DONE and dock.panel.play_buttons


def test_a_selfie_photo_search_offers_clips_and_a_bib_search_does_not(
    video_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(video_demo)
    dock = dock_of(h)
    h.window.search_bar.use_photo(str(sample_selfie_path(video_demo.sample_bibs[0])))
    h.drain()
    assert h.controller.search.mode is SearchMode.SELFIE
    assert dock.session.search == h.controller.search
    assert dock.dock.isVisible() and dock.panel.find_button.isVisible()
    h.type_search(video_demo.sample_bibs[0])
    assert not dock.dock.isVisible() and dock.session.search is None
    h.type_search(str(uuid.uuid4()), SearchMode.SELFIE)  # a search id the service lacks
    assert h.controller.view is None and not dock.dock.isVisible()


@pytest.fixture(scope="module")
def no_video() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig(video_clipping=False)) as server:
        yield server


def test_switched_off_video_is_not_offered_and_says_why_in_one_line(
    no_video: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(no_video)
    dock = dock_of(h)
    h.type_search(no_video.sample_request_ids[0], SearchMode.SELFIE)
    assert h.controller.view.total > 0  # the selfie search itself works
    panel = dock.panel
    assert dock.dock.isVisible()
    assert panel.status.text().startswith("Video clips are switched off for this event")
    assert not panel.find_button.isVisible() and not panel.check_again_button.isVisible()
    dock.session.find()  # not even from code
    h.drain()
    assert "video_post" not in no_video.stats.api_calls


def test_a_failed_clip_is_named_as_a_clip_in_the_failed_list() -> None:
    rid = str(uuid.uuid4())
    failed = FailedModel()
    failed.set_results(
        [
            ItemResult(f"clip:{rid}:1", None, ItemStatus.FAILED, reason=FailureReason.NOT_FOUND),
            ItemResult(
                f"clip:{rid}:2",
                None,
                ItemStatus.FAILED,
                reason=FailureReason.CORRUPT,
                server_name="finish-line-cam.mp4",
            ),
        ]
    )
    titles = [failed.data(failed.index(row, 0)) for row in range(2)]
    assert titles == ["Video clip 1", "Video clip finish-line-cam.mp4"]
    assert failed.retry_ids() == []  # "Retry failed" is for photos; clips: find them again


def test_closing_the_window_while_a_job_is_followed_ends_the_follow(
    video_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    h = make_window(video_demo)
    dock = dock_of(h)
    h.type_search(fresh_search(video_demo), SearchMode.SELFIE)
    JobTime(video_demo, dock, frozen=True)  # the job stays queued
    dock.session.sleep = asyncio.sleep  # real waits, 2 s and growing
    qtbot.mouseClick(dock.panel.find_button, Qt.MouseButton.LeftButton)
    h.run(until(lambda: dock.session.update is not None))
    assert dock.session.working
    polls = video_demo.stats.api_calls.get("video_get", 0)
    h.close()  # the window's shutdown cancels the follow instead of waiting it out
    assert not dock.session.working and h.window.runner.closed
    assert video_demo.stats.api_calls.get("video_get", 0) == polls


def test_a_service_error_while_finding_says_so_and_check_again_recovers(
    video_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    h = make_window(video_demo)
    dock = dock_of(h)
    h.type_search(fresh_search(video_demo), SearchMode.SELFIE)
    time = JobTime(video_demo, dock)
    video_demo.set_faults(fault_rate=1.0)  # every API call answers 5xx, retries too
    qtbot.mouseClick(dock.panel.find_button, Qt.MouseButton.LeftButton)
    h.drain()
    assert dock.session.error is not None and dock.session.update is None
    assert (
        dock.panel.status.text() == error_message(dock.session.error, Action.SEARCH_SELFIE_ID).text
    )
    assert dock.panel.check_again_button.isVisible() and not dock.panel.find_button.isVisible()

    video_demo.set_faults(fault_rate=0.0)
    qtbot.mouseClick(dock.panel.check_again_button, Qt.MouseButton.LeftButton)
    h.drain()
    assert dock.session.error is None and time.seen[-1] is ClipJobState.DONE
    assert dock.panel.play_buttons


def test_a_dock_made_after_the_event_opened_and_a_selfie_result_showed_offers_clips(
    video_demo: DemoServer, make_window: WindowFactory
) -> None:
    """The app attaches its docks after the first paint: by then the event may be open
    and a selfie result on screen, which the dock picks up rather than waiting."""
    h = make_window(video_demo)
    rid = fresh_search(video_demo)
    h.type_search(rid, SearchMode.SELFIE)
    assert h.controller.search.mode is SearchMode.SELFIE
    late = ClipsDock(h.window, h.controller, None, h.client, h.window.runner)
    assert late.session.details == h.controller.details
    assert late.session.search == h.controller.search
    assert late.dock.isVisible() and late.panel.find_button.isVisible()
    h.close()
