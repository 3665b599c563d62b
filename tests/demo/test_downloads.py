"""Download Original Photos: all four methods, paging, echo, failures and 400/404/422."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.demo.server import DemoServer
from tests.demo.spec_examples import DOWNLOAD, EMPTY_PAGINATION, assert_shape


def download(client: httpx.Client, ev: str, body: Any, **params: Any) -> httpx.Response:
    return client.post(f"{ev}/original-photos", json=body, params=params)


def ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert_shape(body, DOWNLOAD)
    data: dict[str, Any] = body["data"]
    assert data["total_images"] == len(data["presigned_urls"]) + len(data["failed_urls"])
    assert data["successful_count"] == len(data["presigned_urls"])
    assert data["failed_count"] == len(data["failed_urls"])
    return data


def url_ids(data: dict[str, Any]) -> list[str]:
    return [u["filename"].removesuffix(".jpg") for u in data["presigned_urls"]]


def test_by_bib_pages_and_reports_missing_originals(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    bib = server.sample_bibs[1]
    truth = server.catalog.photos_for_bib(server.event_id, bib)
    missing = {p.image_id for p in truth if p.original_missing}
    assert missing, "the typical sample runner has a photo whose original is missing"
    data = ok(download(client, ev, {"method": "bib", "identifier": bib}))
    assert data["identifier"] == bib
    assert data["pagination"]["page_size"] == 30
    assert data["pagination"]["total"] == len(truth)
    assert {f["image_id"] for f in data["failed_urls"]} == missing
    for failed in data["failed_urls"]:
        assert failed["error"] == "Failed to generate URL"
        assert failed["path"] == f"imgs/456/large/{failed['image_id']}.jpg"
    assert url_ids(data) == [p.image_id for p in truth if not p.original_missing]
    for item in data["presigned_urls"]:
        assert item["url"].startswith(f"{server.base_url}/storage/456/{item['filename']}?")
        assert "expires=" in item["url"] and "sig=" in item["url"]


def test_by_bib_walks_pages_of_at_most_60(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    bib = server.sample_bibs[0]
    truth = [p.image_id for p in server.catalog.photos_for_bib(server.event_id, bib)]
    seen: list[str] = []
    for page in (1, 2, 3):
        data = ok(
            download(client, ev, {"method": "bib", "identifier": bib}, page=page, page_size=16)
        )
        seen += url_ids(data) + [f["image_id"] for f in data["failed_urls"]]
        assert data["pagination"]["currentPage"] == page
    assert sorted(seen) == sorted(truth)
    assert data["pagination"]["hasNextPage"] is False
    big = ok(download(client, ev, {"method": "bib", "identifier": bib}, page_size=60))
    assert big["total_images"] == len(truth)
    over = download(client, ev, {"method": "bib", "identifier": bib}, page_size=61)
    assert over.status_code == 422
    assert over.json()["message"] == "query.page_size: Input should be less than or equal to 60"


def test_by_bib_is_case_insensitive_and_echoes_as_sent(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    data = ok(download(client, ev, {"method": "bib", "identifier": "a17"}))
    assert data["identifier"] == "a17"
    assert data["pagination"]["total"] == len(server.catalog.photos_for_bib(server.event_id, "A17"))


def test_bib_without_photos_is_an_empty_200(client: httpx.Client, ev: str) -> None:
    data = ok(download(client, ev, {"method": "bib", "identifier": "99999"}))
    assert data["presigned_urls"] == [] and data["failed_urls"] == []
    assert data["pagination"] == {**EMPTY_PAGINATION, "page_size": 30}
    assert data["identifier"] == "99999"


def test_by_selfie_request_id(client: httpx.Client, server: DemoServer, ev: str) -> None:
    rid = server.sample_request_ids[0]
    search = client.get(f"{ev}/faces/{rid}").json()["data"]
    data = ok(download(client, ev, {"method": "selfie", "identifier": rid}, page_size=60))
    assert data["identifier"] == rid
    assert data["pagination"]["total"] == search["pagination"]["total"]
    missing = download(
        client, ev, {"method": "selfie", "identifier": "ddc661a7-8861-4793-9437-af42a82d12f8"}
    )
    assert missing.status_code == 404 and missing.json()["data"] is None
    assert download(client, ev, {"method": "selfie", "identifier": "nope"}).status_code == 404


def test_by_image_id(client: httpx.Client, server: DemoServer, ev: str) -> None:
    photo = next(p for p in server.catalog.photos(server.event_id) if not p.original_missing)
    data = ok(download(client, ev, {"method": "image_id", "identifier": photo.image_id}))
    assert url_ids(data) == [photo.image_id]
    assert data["identifier"] == photo.image_id
    assert data["pagination"]["total"] == 1
    unknown = download(client, ev, {"method": "image_id", "identifier": "b5513429-nope"})
    assert unknown.status_code == 400 and unknown.json()["data"] is None
    other = server.catalog.photos(server.catalog.selfie_off_event_id)[0]
    assert (
        download(client, ev, {"method": "image_id", "identifier": other.image_id}).status_code
        == 400
    )


def test_by_image_id_with_missing_original(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    image_id = server.catalog.missing_originals(server.event_id)[0]
    data = ok(download(client, ev, {"method": "image_id", "identifier": image_id}))
    assert data["presigned_urls"] == []
    assert data["failed_urls"] == [
        {
            "image_id": image_id,
            "error": "Failed to generate URL",
            "path": f"imgs/456/large/{image_id}.jpg",
        }
    ]


def test_by_image_ids_partly_invalid_deduplicated_and_paged(
    client: httpx.Client, server: DemoServer, ev: str
) -> None:
    good = [p.image_id for p in server.catalog.photos(server.event_id) if not p.original_missing][
        :5
    ]
    asked = [good[0], "bogus-1", good[1], good[0], good[2], "bogus-2", good[3], good[4]]
    data = ok(download(client, ev, {"method": "image_ids", "identifier": asked}))
    assert data["identifier"] is None
    assert url_ids(data) == good
    assert data["failed_urls"] == [
        {"image_id": "bogus-1", "error": "Image not found", "path": None},
        {"image_id": "bogus-2", "error": "Image not found", "path": None},
    ]
    assert data["pagination"]["total"] == 7  # the repeated id counts once
    page2 = ok(
        download(client, ev, {"method": "image_ids", "identifier": asked}, page=2, page_size=3)
    )
    # deduplicated order: good0 bogus-1 good1 | good2 bogus-2 good3 | good4
    assert url_ids(page2) == [good[2], good[3]]
    assert [f["image_id"] for f in page2["failed_urls"]] == ["bogus-2"]
    assert page2["total_images"] == 3
    assert page2["pagination"] == {
        "total": 7,
        "currentPage": 2,
        "totalPages": 3,
        "hasNextPage": True,
        "hasPreviousPage": True,
        "page_size": 3,
    }


def test_by_image_ids_all_invalid_is_400(client: httpx.Client, ev: str) -> None:
    response = download(client, ev, {"method": "image_ids", "identifier": ["x", "y"]})
    assert response.status_code == 400 and response.json()["data"] is None


def test_page_beyond_the_last_download(client: httpx.Client, server: DemoServer, ev: str) -> None:
    bib = server.sample_bibs[2]
    data = ok(download(client, ev, {"method": "bib", "identifier": bib}, page=5))
    assert data["presigned_urls"] == [] and data["failed_urls"] == []
    assert data["pagination"]["total"] == 3 and data["pagination"]["currentPage"] == 5


def test_downloads_are_not_gated_by_search_flags(
    client: httpx.Client, server: DemoServer, org: str
) -> None:
    archived = next(e for e in server.catalog.events_of(server.org_id) if not e.bib_search)
    url = f"{org}/event/{archived.event_id}/original-photos"
    response = client.post(url, json={"method": "bib", "identifier": "1234"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"method": "zip", "identifier": "1"},
            "body.method: Input should be 'bib', 'selfie', 'image_id' or 'image_ids'",
        ),
        ({"method": "bib"}, "body.identifier: Field required"),
        ({}, "body.method: Field required; body.identifier: Field required"),
        (
            {"method": "bib", "identifier": ["1", "2"]},
            "body.identifier: Input should be a valid string",
        ),
        ({"method": "bib", "identifier": 1234}, "body.identifier: Input should be a valid string"),
        (
            {"method": "image_ids", "identifier": "abc"},
            "body.identifier: Input should be a valid list",
        ),
        (
            {"method": "image_ids", "identifier": []},
            "body.identifier: List should have at least 1 item after validation, not 0",
        ),
        (
            {"method": "image_ids", "identifier": ["a", 5]},
            "body.identifier.1: Input should be a valid string",
        ),
        (
            {"method": "image_ids", "identifier": [f"id-{i}" for i in range(501)]},
            "body.identifier: List should have at most 500 items after validation, not 501",
        ),
        (
            ["bib", "1234"],
            "body: Input should be a valid dictionary or object to extract fields from",
        ),
    ],
)
def test_schema_errors_are_422(client: httpx.Client, ev: str, body: Any, message: str) -> None:
    response = download(client, ev, body)
    assert response.status_code == 422
    assert response.json() == {"responseType": "error", "message": message, "data": None}


def test_unparseable_body_is_422(client: httpx.Client, ev: str) -> None:
    response = client.post(
        f"{ev}/original-photos", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["message"] == "body: JSON decode error"
    assert client.post(f"{ev}/original-photos").status_code == 422
