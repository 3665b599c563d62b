"""Example bodies copied from the API reference (current and older shapes)."""

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
IMAGE_MISSPELLED = {
    "img_url": IMAGE["img_url"],
    "height": 4860,
    "widht": 3240,
    "image_id": IMAGE["image_id"],
    "thumbanail_url": IMAGE["thumbnail_url"],
    "orginal_url": None,
}
PAGINATION = {
    "total": 1280,
    "currentPage": 1,
    "totalPages": 40,
    "hasNextPage": True,
    "hasPreviousPage": False,
    "page_size": 32,
}
EMPTY_PAGINATION = {
    "total": 0,
    "currentPage": 0,
    "totalPages": 0,
    "hasNextPage": False,
    "hasPreviousPage": False,
    "page_size": 32,
}


def envelope(data: Any, message: str = "ok") -> dict[str, Any]:
    return {"responseType": "success", "message": message, "data": data}


PING = envelope({"status": "ok", "org_id": 903, "event_id": 456}, "pong")
PING_FLAT = {"status": "ok", "org_id": 903, "event_id": 456}

LIST_EVENTS = envelope(
    {
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
    "Records for events",
)
LIST_EVENTS_EMPTY = envelope({"events": [], "pagination": {**EMPTY_PAGINATION, "page_size": 10}})

EVENT_DETAILS = envelope(
    {
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
    "Event details",
)
EVENT_DETAILS_FLAT_INTERMEDIATE = {
    k: v for k, v in EVENT_DETAILS["data"].items() if k != "timeline_search"
}
"""The flat body of the Models overview page: no envelope, no timeline flag."""
EVENT_DETAILS_FLAT_OLDEST = {
    k: v
    for k, v in EVENT_DETAILS_FLAT_INTERMEDIATE.items()
    if k not in ("video_search", "video_selfie_search")
}

ALL_PHOTOS = envelope({"images": [IMAGE], "pagination": PAGINATION}, "Records for all images")
ALL_PHOTOS_EMPTY = envelope({"images": [], "pagination": EMPTY_PAGINATION}, "No images found")
BIB_SEARCH = envelope(
    {
        "images": [IMAGE],
        "pagination": {
            "total": 8,
            "currentPage": 1,
            "totalPages": 1,
            "hasNextPage": False,
            "hasPreviousPage": False,
            "page_size": 32,
        },
    },
    "Records for bib number 1234",
)
BIB_SEARCH_OLD_KEYS = envelope({"images": [IMAGE_MISSPELLED], "pagination": PAGINATION})

FACE_SEARCH = envelope(
    {
        "request_id": "ddc661a7-8861-4793-9437-af42a82d12f8",
        "confidence_percentage": None,
        "images": [],
        "pagination": EMPTY_PAGINATION,
    }
)

TIMELINE_DAYS = envelope(
    {
        "days": [
            {
                "date": "2024-01-01",
                "total": 125,
                "hours": [{"hour": 10, "count": 98}, {"hour": 11, "count": 27}],
            },
            {"date": "2024-01-02", "total": 42, "hours": [{"hour": 9, "count": 42}]},
        ]
    },
    "Timeline buckets",
)
TIMELINE_EMPTY = {"responseType": "success", "message": "No timeline data", "data": {"days": []}}

DOWNLOAD = envelope(
    {
        "presigned_urls": [
            {"url": "https://...", "filename": "a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg"}
        ],
        "failed_urls": [],
        "total_images": 1,
        "successful_count": 1,
        "failed_count": 0,
        "identifier": "1234",
        "pagination": {
            "total": 47,
            "currentPage": 1,
            "totalPages": 2,
            "hasNextPage": True,
            "hasPreviousPage": False,
            "page_size": 30,
        },
    }
)
DOWNLOAD_FLAT_OLD = {
    "presigned_urls": [{"url": "https://...", "filename": "a1b2c3.jpg"}],
    "failed_urls": [],
    "total_images": 1,
    "successful_count": 1,
    "failed_count": 0,
    "identifier": "123",
    "message": None,
    "pagination": {
        "total": 47,
        "currentPage": 1,
        "totalPages": 2,
        "hasNextPage": True,
        "hasPreviousPage": False,
        "page_size": 30,
    },
}
FAILED_URL = {
    "image_id": "a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244",
    "error": "Failed to generate URL",
    "path": "imgs/456/large/a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg",
}
ERROR_BODY = {
    "responseType": "error",
    "message": "BIB number 1234 not found for this event",
    "data": None,
}
