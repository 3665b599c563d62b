"""Face Search (POST and GET by request_id), the sample selfies, and video clipping."""

from __future__ import annotations

import io
import uuid
from typing import Any

import httpx
import pytest
from PIL import Image

from app.demo.samples import (
    sample_selfie_path,
    selfie_bytes,
    shipped_selfies_dir,
    unknown_selfie_path,
)
from app.demo.server import DemoServer
from tests.demo.conftest import FakeClock
from tests.demo.spec_examples import (
    EMPTY_PAGINATION,
    FACE_SEARCH,
    VIDEO_POLL,
    VIDEO_START,
    assert_shape,
)


def post_selfie(
    client: httpx.Client,
    ev: str,
    data: bytes | None,
    *,
    request_id: str | None = None,
    params: dict[str, Any] | None = None,
    name: str = "me.jpg",
    mime: str = "image/jpeg",
) -> httpx.Response:
    files = {"selfie": (name, data, mime)} if data is not None else None
    form = {"request_id": request_id} if request_id is not None else None
    if files is None and form is None:
        form = {"note": "nothing"}
    return client.post(f"{ev}/faces", files=files, data=form, params=params)


def ids(body: dict[str, Any]) -> list[str]:
    return [i["image_id"] for i in body["data"]["images"]]


def test_sample_selfie_finds_its_runner(client: httpx.Client, server: DemoServer, ev: str) -> None:
    bib = server.sample_bibs[1]
    truth = [p.image_id for p in server.catalog.photos_for_bib(server.event_id, bib)]
    response = post_selfie(client, ev, sample_selfie_path(bib).read_bytes())
    assert response.status_code == 200
    body = response.json()
    assert_shape(body, FACE_SEARCH)
    data = body["data"]
    assert uuid.UUID(data["request_id"])
    assert data["confidence_percentage"] == 80.0
    assert ids(body) == truth[:32]
    assert data["pagination"]["total"] == len(truth)
    again = client.get(f"{ev}/faces/{data['request_id']}")
    assert again.json()["data"] == data


def test_one_search_many_pages(client: httpx.Client, server: DemoServer, ev: str) -> None:
    bib = server.sample_bibs[0]
    truth = [p.image_id for p in server.catalog.photos_for_bib(server.event_id, bib)]
    matches = server.stats.face_matches
    first = post_selfie(client, ev, selfie_bytes(bib), params={"page_size": 10}).json()
    rid = first["data"]["request_id"]
    assert first["data"]["pagination"]["totalPages"] == 4
    pages = [first]
    for page in (2, 3, 4):
        got = client.get(f"{ev}/faces/{rid}", params={"page": page, "page_size": 10})
        assert got.status_code == 200
        assert_shape(got.json(), FACE_SEARCH)
        pages.append(got.json())
    assert [i for p in pages for i in ids(p)] == truth
    assert pages[-1]["data"]["pagination"]["hasNextPage"] is False
    assert server.stats.face_matches == matches + 1


def test_client_chosen_request_id_is_kept_and_reused(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    rid = str(uuid.uuid4())
    first = post_selfie(client, ev, selfie_bytes("A17"), request_id=rid)
    assert first.status_code == 200 and first.json()["data"]["request_id"] == rid
    matches = server.stats.face_matches
    # Same id, a different picture: the stored result comes back, nothing is matched again.
    retry = post_selfie(client, ev, unknown_selfie_path().read_bytes(), request_id=rid)
    assert retry.json()["data"] == first.json()["data"]
    assert server.stats.face_matches == matches
    # Same id, no file at all: still the stored result.
    bare = post_selfie(client, ev, None, request_id=rid.upper())
    assert bare.status_code == 200 and bare.json()["data"] == first.json()["data"]


def test_ready_request_ids_work_straight_away(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    assert len(server.sample_request_ids) >= 3
    for rid in server.sample_request_ids:
        body = client.get(f"{ev}/faces/{rid}").json()
        assert body["data"]["request_id"] == rid
        assert body["data"]["pagination"]["total"] > 0


def test_unknown_face_is_an_honest_empty_result(client: httpx.Client, ev: str) -> None:
    response = post_selfie(client, ev, unknown_selfie_path().read_bytes())
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["images"] == [] and data["pagination"] == EMPTY_PAGINATION
    assert uuid.UUID(data["request_id"])
    stored = client.get(f"{ev}/faces/{data['request_id']}")
    assert stored.status_code == 200 and stored.json()["data"] == data


def test_png_selfie_is_accepted(client: httpx.Client, server: DemoServer, ev: str) -> None:
    bib = server.sample_bibs[3]
    png = io.BytesIO()
    Image.open(io.BytesIO(selfie_bytes(bib))).save(png, "PNG")
    response = post_selfie(client, ev, png.getvalue(), name="me.png", mime="image/png")
    assert response.status_code == 200
    assert response.json()["data"]["pagination"]["total"] == len(
        server.catalog.photos_for_bib(server.event_id, bib)
    )


@pytest.mark.parametrize(
    ("data", "request_id", "status", "message"),
    [
        (b"", None, 400, None),
        (b"this is not a picture", None, 400, None),
        (None, None, 422, "body.selfie: Field required"),
        (None, str(uuid.UUID(int=7)), 422, "body.selfie: Field required"),
        (b"\xff\xd8\xff", "not-a-uuid", 400, None),
    ],
)
def test_face_search_request_errors(
    client: httpx.Client,
    ev: str,
    data: bytes | None,
    request_id: str | None,
    status: int,
    message: str | None,
) -> None:
    response = post_selfie(client, ev, data, request_id=request_id)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["responseType"] == "error" and body["data"] is None
    if message is not None:
        assert body["message"] == message


def test_other_image_formats_are_400(client: httpx.Client, ev: str) -> None:
    gif = io.BytesIO()
    Image.new("RGB", (40, 40), (255, 0, 0)).save(gif, "GIF")
    response = post_selfie(client, ev, gif.getvalue(), name="me.gif", mime="image/gif")
    assert response.status_code == 400


def test_oversized_selfie_is_413(client: httpx.Client, ev: str) -> None:
    response = post_selfie(client, ev, b"\xff" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert response.json()["data"] is None


def test_face_search_paging_is_validated(client: httpx.Client, ev: str) -> None:
    response = post_selfie(client, ev, selfie_bytes("A17"), params={"page_size": 101})
    assert response.status_code == 422
    bad_get = client.get(f"{ev}/faces/{uuid.uuid4()}", params={"page": 0})
    assert bad_get.status_code == 422


def test_unknown_or_malformed_request_id_is_404(client: httpx.Client, ev: str) -> None:
    assert client.get(f"{ev}/faces/{uuid.uuid4()}").status_code == 404
    assert client.get(f"{ev}/faces/not-a-uuid").status_code == 404


def test_selfie_search_switched_off_is_403(
    client: httpx.Client, server: DemoServer, org: str
) -> None:
    base = f"{org}/event/{server.catalog.selfie_off_event_id}"
    assert post_selfie(client, base, selfie_bytes("A17")).status_code == 403
    rid = server.sample_request_ids[0]
    assert client.get(f"{base}/faces/{rid}").status_code == 403


def test_request_id_is_bound_to_its_event(
    client: httpx.Client, server: DemoServer, org: str
) -> None:
    empty = f"{org}/event/{server.catalog.empty_event_id}"
    rid = server.sample_request_ids[0]
    assert client.get(f"{empty}/faces/{rid}").status_code == 404
    assert post_selfie(client, empty, None, request_id=rid).status_code == 400


def test_shipped_samples_are_small_and_recognised(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    files = sorted(shipped_selfies_dir().glob("*.jpg"))
    assert 2 <= len(files) <= 6
    for path in files:
        assert path.stat().st_size < 50_000
        body = post_selfie(client, ev, path.read_bytes(), name=path.name).json()
        bib = path.stem
        if bib == "unknown":
            assert body["data"]["pagination"]["total"] == 0
        else:
            assert path == sample_selfie_path(bib)
            truth = server.catalog.photos_for_bib(server.event_id, bib)
            assert body["data"]["pagination"]["total"] == len(truth) > 0


def test_generated_sample_for_any_runner(client: httpx.Client, server: DemoServer, ev: str) -> None:
    runner = server.catalog.runners(server.event_id)[-1]
    path = sample_selfie_path(runner.bib.lower())
    assert path.is_file()
    body = post_selfie(client, ev, path.read_bytes()).json()
    truth = server.catalog.photos_for_bib(server.event_id, runner.bib)
    assert body["data"]["pagination"]["total"] == len(truth)
    with pytest.raises(ValueError, match="no runner"):
        sample_selfie_path("no-such-bib")


# --- video clipping -----------------------------------------------------------------------


def test_video_job_from_a_face_search(
    client: httpx.Client, server: DemoServer, ev: str, clock: FakeClock
) -> None:
    rid = str(uuid.uuid4())
    assert post_selfie(client, ev, selfie_bytes("A17"), request_id=rid).status_code == 200
    start = client.post(f"{ev}/video-clipping/search-by-selfie", data={"request_id": rid})
    assert start.status_code == 200
    assert_shape(start.json(), VIDEO_START)
    assert start.json()["data"] == {"request_id": rid, "status": "queued"}
    poll = client.get(f"{ev}/video-clipping/{rid}").json()
    assert poll["data"]["status"] == "queued" and poll["data"]["clips"] == []
    clock.now += 1.0
    assert client.get(f"{ev}/video-clipping/{rid}").json()["data"]["status"] == "processing"
    clock.now += 5.0
    done = client.get(f"{ev}/video-clipping/{rid}").json()
    assert_shape(done, VIDEO_POLL)
    assert done["data"]["status"] == "completed"
    assert 1 <= len(done["data"]["clips"]) <= 3
    clip = httpx.get(done["data"]["clips"][0]["url"])
    assert clip.status_code == 200 and clip.headers["content-type"] == "video/mp4"
    again = client.post(f"{ev}/video-clipping/search-by-selfie", data={"request_id": rid})
    assert again.json()["data"]["status"] == "completed"


def test_video_job_from_a_selfie_file(
    client: httpx.Client, server: DemoServer, ev: str, clock: FakeClock
) -> None:
    files = {"selfie": ("me.jpg", unknown_selfie_path().read_bytes(), "image/jpeg")}
    start = client.post(f"{ev}/video-clipping/search-by-selfie", files=files)
    assert start.status_code == 200
    rid = start.json()["data"]["request_id"]
    clock.now += 10
    done = client.get(f"{ev}/video-clipping/{rid}").json()["data"]
    assert done == {"request_id": rid, "status": "completed", "clips": []}


def test_video_errors(client: httpx.Client, server: DemoServer, ev: str, org: str) -> None:
    url = f"{ev}/video-clipping/search-by-selfie"
    assert client.post(url, data={"x": "1"}).status_code == 422
    assert client.post(url, data={"request_id": str(uuid.uuid4())}).status_code == 404
    assert client.post(url, data={"request_id": "nope"}).status_code == 400
    assert client.get(f"{ev}/video-clipping/{uuid.uuid4()}").status_code == 404
    off = f"{org}/event/{server.catalog.selfie_off_event_id}/video-clipping/search-by-selfie"
    assert client.post(off, data={"request_id": server.sample_request_ids[0]}).status_code == 403
