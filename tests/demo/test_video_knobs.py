"""The stand-in's clip jobs: MP4-shaped clip files, a job that fails, video switched off."""

from __future__ import annotations

import struct
import uuid
from collections.abc import Iterator

import httpx
import pytest

from app.demo.clips import clip_duration_s
from app.demo.samples import selfie_bytes
from app.demo.server import DemoConfig, DemoServer
from tests.demo.conftest import FakeClock
from tests.demo.test_selfie import post_selfie


def _top_level_boxes(data: bytes) -> list[bytes]:
    kinds, at = [], 0
    while at < len(data):
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        assert size >= 8
        kinds.append(kind)
        at += size
    assert at == len(data)  # the boxes end exactly where the file does
    return kinds


def _new_search(client: httpx.Client, ev: str, bib: str = "A17") -> str:
    rid = str(uuid.uuid4())
    assert post_selfie(client, ev, selfie_bytes(bib), request_id=rid).status_code == 200
    return rid


def test_clip_files_are_mp4_with_the_listed_duration(
    client: httpx.Client, server: DemoServer, ev: str, clock: FakeClock
) -> None:
    rid = _new_search(client, ev)
    client.post(f"{ev}/video-clipping/search-by-selfie", data={"request_id": rid})
    clock.now += 10
    clips = client.get(f"{ev}/video-clipping/{rid}").json()["data"]["clips"]
    assert clips
    for clip in clips:
        body = httpx.get(clip["url"]).content
        assert body[4:8] == b"ftyp"
        assert _top_level_boxes(body) == [b"ftyp", b"moov", b"free", b"mdat"]
        assert clip_duration_s(body) == pytest.approx(clip["duration_s"])
    assert httpx.get(clips[0]["url"]).content == httpx.get(clips[0]["url"]).content


def test_a_failing_job_goes_queued_processing_failed(
    client: httpx.Client, server: DemoServer, ev: str, clock: FakeClock
) -> None:
    server.set_faults(video_fail_rate=1.0)
    rid = _new_search(client, ev)
    start = client.post(f"{ev}/video-clipping/search-by-selfie", data={"request_id": rid})
    seen = [start.json()["data"]["status"]]
    for _ in range(2):
        clock.now += 0.6
        seen.append(client.get(f"{ev}/video-clipping/{rid}").json()["data"]["status"])
    clock.now += 10
    last = client.get(f"{ev}/video-clipping/{rid}").json()["data"]
    assert seen == ["queued", "processing", "processing"]
    assert last == {"request_id": rid, "status": "failed", "clips": []}


@pytest.fixture(scope="module")
def no_video() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig(video_clipping=False)) as running:
        yield running


def test_no_video_switches_clipping_off_for_every_event(no_video: DemoServer) -> None:
    ev = f"{no_video.base_url}/api/v1/ext/{no_video.org_id}/event/{no_video.event_id}"
    headers = {"X-API-Key": no_video.api_key}
    details = httpx.get(f"{ev}/details", headers=headers).json()["data"]
    assert details["selfie_search"] is True
    assert details["video_search"] is False and details["video_selfie_search"] is False
    rid = no_video.sample_request_ids[0]
    start = httpx.post(
        f"{ev}/video-clipping/search-by-selfie", data={"request_id": rid}, headers=headers
    )
    assert start.status_code == 403
    assert httpx.get(f"{ev}/video-clipping/{rid}", headers=headers).status_code == 403
