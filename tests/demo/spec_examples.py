"""Example bodies from the API reference (9pic-api.md), used as shape fixtures.

Where the reference shows an empty list (Face Search ``images``, Download ``failed_urls``),
the list is filled with the reference's own item example (ImageItem, FailedUrlItem) so the
items' shape is compared too. The video clipping shape is ours (the reference has none) and
is the one documented in app/demo/README.md.
"""

from __future__ import annotations

from typing import Any

IMAGE: dict[str, Any] = {
    "img_url": "https://photos.9pic.ai/imgs/456/large/a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg",
    "height": 4860,
    "width": 3240,
    "image_id": "a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244",
    "thumbnail_url": "https://photos.9pic.ai/imgs/456/small/a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg",
    "original_url": None,
}

PAGINATION: dict[str, Any] = {
    "total": 47,
    "currentPage": 1,
    "totalPages": 2,
    "hasNextPage": True,
    "hasPreviousPage": False,
    "page_size": 30,
}

EMPTY_PAGINATION: dict[str, Any] = {
    "total": 0,
    "currentPage": 0,
    "totalPages": 0,
    "hasNextPage": False,
    "hasPreviousPage": False,
    "page_size": 32,
}

ERROR: dict[str, Any] = {
    "responseType": "error",
    "message": "BIB number 1234 not found for this event",
    "data": None,
}

PING: dict[str, Any] = {
    "responseType": "success",
    "message": "pong",
    "data": {"status": "ok", "org_id": 903, "event_id": 456},
}

LIST_EVENTS: dict[str, Any] = {
    "responseType": "success",
    "message": "Records for events",
    "data": {
        "events": [
            {
                "event_id": 456,
                "event_name": "Mumbai Marathon 2026",
                "event_slug": "mumbai-marathon-2026",
                "event_date": "2026-01-19T06:00:00",
                "status": "active",
                "cover_image": "https://photos.9pic.ai/imgs/456/cover.jpg",
            },
            {
                "event_id": 789,
                "event_name": "Delhi Half Marathon",
                "event_slug": "delhi-half-marathon",
                "event_date": "2026-03-15T05:30:00",
                "status": "draft",
                "cover_image": None,
            },
        ],
        "pagination": {
            "total": 24,
            "currentPage": 1,
            "totalPages": 3,
            "hasNextPage": True,
            "hasPreviousPage": False,
            "page_size": 10,
        },
    },
}

EVENT_DETAILS: dict[str, Any] = {
    "responseType": "success",
    "message": "Event details",
    "data": {
        "event_id": 456,
        "event_name": "Mumbai Marathon 2026",
        "event_slug": "mumbai-marathon-2026",
        "event_date": "2026-01-19T06:00:00",
        "status": "active",
        "event_enabled": True,
        "bib_search": True,
        "selfie_search": True,
        "name_search": False,
        "video_search": True,
        "video_selfie_search": True,
        "timeline_search": True,
    },
}

ALL_PHOTOS: dict[str, Any] = {
    "responseType": "success",
    "message": "Records for all images",
    "data": {
        "images": [IMAGE],
        "pagination": {
            "total": 1280,
            "currentPage": 1,
            "totalPages": 40,
            "hasNextPage": True,
            "hasPreviousPage": False,
            "page_size": 32,
        },
    },
}

FACE_SEARCH: dict[str, Any] = {
    "responseType": "success",
    "message": "…",
    "data": {
        "request_id": "ddc661a7-8861-4793-9437-af42a82d12f8",
        "confidence_percentage": None,
        "images": [IMAGE],
        "pagination": EMPTY_PAGINATION,
    },
}

TIMELINE_DAYS: dict[str, Any] = {
    "responseType": "success",
    "message": "Timeline buckets",
    "data": {
        "days": [
            {
                "date": "2024-01-01",
                "total": 125,
                "hours": [{"hour": 10, "count": 98}, {"hour": 11, "count": 27}],
            },
            {"date": "2024-01-02", "total": 42, "hours": [{"hour": 9, "count": 42}]},
        ]
    },
}

FAILED_URL: dict[str, Any] = {
    "image_id": "a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244",
    "error": "Failed to generate URL",
    "path": "imgs/456/large/a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg",
}

DOWNLOAD: dict[str, Any] = {
    "responseType": "success",
    "message": "…",
    "data": {
        "presigned_urls": [
            {"url": "https://...", "filename": "a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg"}
        ],
        "failed_urls": [FAILED_URL],
        "total_images": 1,
        "successful_count": 1,
        "failed_count": 0,
        "identifier": "1234",
        "pagination": PAGINATION,
    },
}

VIDEO_START: dict[str, Any] = {
    "responseType": "success",
    "message": "Video clipping job queued",
    "data": {"request_id": "ddc661a7-8861-4793-9437-af42a82d12f8", "status": "queued"},
}

VIDEO_POLL: dict[str, Any] = {
    "responseType": "success",
    "message": "Video clipping job completed",
    "data": {
        "request_id": "ddc661a7-8861-4793-9437-af42a82d12f8",
        "status": "completed",
        "clips": [{"url": "https://...", "duration_s": 8.5, "source_video": "finish-line-cam.mp4"}],
    },
}

NULLABLE = frozenset(
    {
        "event_name",
        "event_slug",
        "event_date",
        "status",
        "cover_image",
        "height",
        "width",
        "original_url",
        "confidence_percentage",
        "identifier",
        "path",
    }
)
"""Fields the reference types as ``X | null``."""


def assert_shape(actual: Any, example: Any, where: str = "$") -> None:
    """Same keys, same JSON types, same nesting as ``example`` (list items are compared with
    the example's first item; a null example accepts anything, a nullable field accepts null)."""
    key = where.rsplit(".", 1)[-1]
    if actual is None and key in NULLABLE:
        return
    if example is None:
        return
    if isinstance(example, dict):
        assert isinstance(actual, dict), f"{where}: expected object, got {actual!r}"
        assert set(actual) == set(example), f"{where}: keys {sorted(actual)} != {sorted(example)}"
        for name, value in example.items():
            assert_shape(actual[name], value, f"{where}.{name}")
    elif isinstance(example, list):
        assert isinstance(actual, list), f"{where}: expected array, got {actual!r}"
        if example:
            for i, item in enumerate(actual):
                assert_shape(item, example[0], f"{where}[{i}]")
    elif isinstance(example, bool):
        assert isinstance(actual, bool), f"{where}: expected boolean, got {actual!r}"
    elif isinstance(example, int | float):
        assert isinstance(actual, int | float) and not isinstance(actual, bool), (
            f"{where}: expected number, got {actual!r}"
        )
    elif isinstance(example, str):
        assert isinstance(actual, str), f"{where}: expected string, got {actual!r}"
    else:  # pragma: no cover - fixtures only hold JSON values
        raise AssertionError(f"{where}: unexpected example value {example!r}")
