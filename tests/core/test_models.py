"""Every example body of the API reference parses into the right model."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from app.core.answers import parse_response
from app.core.models import (
    DownloadMethod,
    DownloadOriginalPhotosRequest,
    DownloadOriginalPhotosResponse,
    EventDetails,
    EventPage,
    FaceSearchResult,
    FailedUrlItem,
    ImageItem,
    ImagePage,
    PaginationInfo,
    Ping,
    Timeline,
)
from tests import spec_examples as ex


def parse(body: Any, model: type[BaseModel]) -> Any:
    return parse_response(200, json.dumps(body).encode(), model)


def test_ping_enveloped_and_flat() -> None:
    for body in (ex.PING, ex.PING_FLAT):
        ping = parse(body, Ping)
        assert (ping.status, ping.org_id, ping.event_id) == ("ok", 903, 456)


def test_list_events() -> None:
    page = parse(ex.LIST_EVENTS, EventPage)
    assert [e.event_id for e in page.events] == [456, 789]
    assert page.events[1].cover_image is None
    assert page.events[1].status == "draft"
    assert page.pagination.total_pages == 3
    assert page.pagination.has_next_page


def test_list_events_empty_block() -> None:
    page = parse(ex.LIST_EVENTS_EMPTY, EventPage)
    assert page.events == []
    assert page.pagination.is_empty
    assert page.pagination.page_size == 10


def test_event_details_current() -> None:
    details = parse(ex.EVENT_DETAILS, EventDetails)
    assert details.bib_search and details.selfie_search and details.timeline_search
    assert details.video_clipping
    assert not details.name_search


@pytest.mark.parametrize("body", [ex.EVENT_DETAILS_FLAT_INTERMEDIATE, ex.EVENT_DETAILS_FLAT_OLDEST])
def test_event_details_older_flat_shapes_read_missing_flags_as_false(
    body: dict[str, Any],
) -> None:
    details = parse(body, EventDetails)
    assert details.event_id == 456
    assert details.bib_search
    assert details.timeline_search is False
    if "video_search" not in body:
        assert details.video_search is False and details.video_selfie_search is False


def test_all_photos_and_bib_search() -> None:
    page = parse(ex.ALL_PHOTOS, ImagePage)
    image = page.images[0]
    assert image.width == 3240 and image.height == 4860
    assert image.thumbnail_url.endswith("/small/a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg")
    assert image.original_url is None
    assert page.pagination.current_page == 1 and page.pagination.total == 1280
    bib = parse(ex.BIB_SEARCH, ImagePage)
    assert bib.pagination.total == 8 and not bib.pagination.has_next_page


def test_empty_photos_use_zeroed_block() -> None:
    page = parse(ex.ALL_PHOTOS_EMPTY, ImagePage)
    assert page.images == [] and page.pagination.is_empty


def test_misspelled_image_keys_are_aliases() -> None:
    page = parse(ex.BIB_SEARCH_OLD_KEYS, ImagePage)
    assert page.images[0] == ImageItem.model_validate(ex.IMAGE)
    assert page.images[0].width == 3240


def test_face_search() -> None:
    result = parse(ex.FACE_SEARCH, FaceSearchResult)
    assert result.request_id == "ddc661a7-8861-4793-9437-af42a82d12f8"
    assert result.confidence_percentage is None
    assert result.pagination.is_empty
    with_conf = {**ex.FACE_SEARCH["data"], "confidence_percentage": 82.5}
    assert parse(ex.envelope(with_conf), FaceSearchResult).confidence_percentage == 82.5


def test_timeline_days() -> None:
    timeline = parse(ex.TIMELINE_DAYS, Timeline)
    assert [d.date for d in timeline.days] == ["2024-01-01", "2024-01-02"]
    assert sum(h.count for h in timeline.days[0].hours) == timeline.days[0].total
    assert parse(ex.TIMELINE_EMPTY, Timeline).days == []


def test_download_enveloped_and_flat() -> None:
    new = parse(ex.DOWNLOAD, DownloadOriginalPhotosResponse)
    assert new.presigned_urls[0].filename == "a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg"
    assert new.identifier == "1234" and new.pagination is not None
    assert new.pagination.has_next_page
    old = parse(ex.DOWNLOAD_FLAT_OLD, DownloadOriginalPhotosResponse)
    assert old.presigned_urls[0].filename == "a1b2c3.jpg"
    assert old.identifier == "123" and old.message is None
    assert old.pagination is not None and old.pagination.total == 47


def test_download_identifier_null_for_image_ids() -> None:
    body = ex.envelope({**ex.DOWNLOAD["data"], "identifier": None})
    assert parse(body, DownloadOriginalPhotosResponse).identifier is None


def test_failed_url_item() -> None:
    item = FailedUrlItem.model_validate(ex.FAILED_URL)
    assert item.error == "Failed to generate URL"
    assert item.path is not None and item.path.startswith("imgs/456/large/")
    assert FailedUrlItem.model_validate({**ex.FAILED_URL, "path": None}).path is None


def test_unknown_fields_are_tolerated() -> None:
    body = ex.envelope({**ex.PING_FLAT, "region": "ap-south-1", "new_flag": True})
    assert parse(body, Ping).event_id == 456
    assert PaginationInfo.model_validate({**ex.PAGINATION, "cursor": "x"}).total == 1280


def test_wire_models_are_frozen() -> None:
    ping = parse(ex.PING, Ping)
    with pytest.raises(ValidationError):
        ping.status = "changed"  # type: ignore[misc]


# -------------------------------------------------------------- request model


@pytest.mark.parametrize(
    ("method", "identifier"),
    [
        ("bib", "1234"),
        ("selfie", "ddc661a7-8861-4793-9437-af42a82d12f8"),
        ("image_id", "a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244"),
        ("image_ids", ["a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244", "f6cb3c08-2c7a"]),
    ],
)
def test_download_request_accepts_documented_bodies(method: str, identifier: Any) -> None:
    request = DownloadOriginalPhotosRequest.model_validate(
        {"method": method, "identifier": identifier}
    )
    assert request.model_dump(mode="json") == {"method": method, "identifier": identifier}


@pytest.mark.parametrize(
    ("method", "identifier"),
    [
        ("image_ids", []),
        ("image_ids", "a4402318"),
        ("image_ids", ["ok", ""]),
        ("bib", ["1234"]),
        ("bib", ""),
        ("selfie", "   "),
        ("image_id", ["a", "b"]),
        ("name", "Jane"),
    ],
)
def test_download_request_refuses_malformed_bodies(method: str, identifier: Any) -> None:
    with pytest.raises(ValidationError):
        DownloadOriginalPhotosRequest.model_validate({"method": method, "identifier": identifier})


def test_download_request_constructors() -> None:
    assert DownloadOriginalPhotosRequest.for_bib("A17").method is DownloadMethod.BIB
    assert DownloadOriginalPhotosRequest.for_images(["x"]).identifier == ["x"]
    with pytest.raises(ValidationError):
        DownloadOriginalPhotosRequest.for_images([])
