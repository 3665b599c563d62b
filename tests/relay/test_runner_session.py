"""A runner's whole session through the relay with no key on the client, and the key
never showing in anything the relay says or logs."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from app.cli import main
from app.core.client import NinePicClient
from app.core.errors import AccessDenied, NotFound
from app.core.models import DownloadOriginalPhotosRequest
from app.demo.samples import selfie_bytes
from app.demo.server import DemoServer
from app.relay.server import RelayServer

pytestmark = pytest.mark.anyio


async def test_search_selfie_and_originals_through_the_relay_without_a_key(
    relay: RelayServer, upstream: DemoServer
) -> None:
    event = upstream.event_id
    bib = upstream.sample_bibs[0]
    async with NinePicClient(relay.base_url, org_id=upstream.org_id, api_key=None) as client:
        assert client.secrets == ()
        assert (await client.ping(event)).status == "ok"
        listed = [e.event_id async for e in client.iter_events()]
        assert sorted(listed) == sorted(relay.config.events)
        assert (await client.event_details(event)).event_id == event
        found = [p async for p in client.iter_bib_search(event, bib)]
        assert {p.image_id for p in found} == {
            p.image_id for p in upstream.catalog.photos_for_bib(event, bib)
        }
        selfie = await client.face_search(event, selfie_bytes(bib))
        assert selfie.images
        stored = await client.face_results(event, selfie.request_id)
        assert {i.image_id for i in stored.images} == {i.image_id for i in selfie.images}
        links = await client.original_photos(
            event, DownloadOriginalPhotosRequest(method="selfie", identifier=selfie.request_id)
        )
        assert links.presigned_urls
        by_ids = await client.original_photos(
            event,
            DownloadOriginalPhotosRequest(method="image_ids", identifier=[found[0].image_id]),
        )
        # Presigned links pass through untouched: bytes come from the photo host, not the relay.
        url = by_ids.presigned_urls[0].url
        assert url.startswith(upstream.storage_base_url + "/")
        assert not url.startswith(relay.base_url)
        photo = await client.media.get(url)
        assert photo.content == upstream.original_bytes(found[0].image_id)
        with pytest.raises(NotFound):
            await client.face_results(event, "00000000-0000-4000-8000-000000000000")
        with pytest.raises(AccessDenied):
            await client.ping(upstream.catalog.draft_event_id)


def test_headless_download_through_the_relay_without_a_key(
    relay: RelayServer, upstream: DemoServer, tmp_path: Path
) -> None:
    event = upstream.event_id
    bib = min(upstream.sample_bibs, key=lambda b: len(upstream.catalog.photos_for_bib(event, b)))
    out = tmp_path / "photos"
    code = main(
        [
            "--api-url",
            relay.base_url,
            "--org",
            str(upstream.org_id),
            "--event",
            str(upstream.event_id),
            "download",
            "--bib",
            bib,
            "--out",
            str(out),
        ]
    )
    expected = upstream.catalog.photos_for_bib(upstream.event_id, bib)
    missing = [p for p in expected if p.original_missing]  # the stand-in's "no link" photos
    assert code == (1 if missing else 0)
    saved = {p.read_bytes() for p in out.glob("*.jpg")}
    assert len(saved) == len(expected) - len(missing) > 0
    for photo in expected:
        if not photo.original_missing:
            assert upstream.original_bytes(photo.image_id) in saved


def _exchanges(relay: RelayServer, upstream: DemoServer) -> list[httpx.Response]:
    """Successes, refusals, upstream errors and 404s: everything a client can make it say."""
    org, event = upstream.org_id, upstream.event_id
    base = f"/api/v1/ext/{org}/event/{event}"
    with httpx.Client(base_url=relay.base_url, timeout=20) as http:
        answers = [
            http.get("/healthz"),
            http.get(f"/api/v1/ext/{org}/events"),
            http.get(f"{base}/ping", headers={"X-API-Key": "a-client-key"}),
            http.get(f"{base}/details"),
            http.get(f"{base}/bibs/{upstream.sample_bibs[0]}"),
            http.get(f"{base}/faces/not-a-uuid"),
            http.get(f"{base}/images"),
            http.get(f"/api/v1/ext/{org}/event/{upstream.catalog.draft_event_id}/ping"),
            http.get(f"/api/v1/ext/{upstream.other_org_id}/event/{event}/ping"),
            http.post(f"{base}/original-photos", json={"method": "bogus", "identifier": "x"}),
            http.post(f"{base}/original-photos", json={"method": "bib", "identifier": "1488"}),
            http.post(f"{base}/faces", files={"selfie": ("s.jpg", b"not a photo", "image/jpeg")}),
            http.get("/nowhere"),
        ]
        upstream.set_faults(throttle=1.0, retry_after_s=3)
        answers.append(http.get(f"{base}/details"))
        upstream.set_faults(throttle=0.0, fault_rate=1.0)
        answers.append(http.get(f"{base}/details"))
    return answers


def test_no_answer_header_or_log_line_holds_the_key(
    relay: RelayServer, upstream: DemoServer, marker: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    answers = _exchanges(relay, upstream)
    statuses = {a.status_code for a in answers}
    assert {200, 403, 404, 422, 429, 415}.issubset(statuses), statuses
    assert any(s >= 500 for s in statuses)
    for answer in answers:
        assert marker not in answer.text
        assert all(marker not in f"{k}: {v}" for k, v in answer.headers.multi_items())
        assert "server" not in answer.headers
        if answer.status_code >= 400 and answer.request.url.path != "/healthz":
            body = answer.json()
            assert body["responseType"] == "error" and body["data"] is None
            assert body["message"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/details -> 429" in logged  # the relay did log these calls
    assert marker not in logged
    assert marker not in repr(relay) and marker not in str(relay.startup_info())
