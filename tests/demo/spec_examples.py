"""Example bodies from the API reference (9pic-api.md), used as shape fixtures.

Where the reference shows an empty list (Face Search ``images``, Download ``failed_urls``),
the list is filled with the reference's own item example (ImageItem, FailedUrlItem) so the
items' shape is compared too. The video clipping shape is ours (the reference has none) and
is the one documented in app/demo/README.md.
"""

from __future__ import annotations

from typing import Any

from tests.spec_examples import (
    ALL_PHOTOS,
    EMPTY_PAGINATION,
    EVENT_DETAILS,
    FAILED_URL,
    IMAGE,
    LIST_EVENTS,
    PING,
    TIMELINE_DAYS,
    envelope,
)
from tests.spec_examples import DOWNLOAD as _DOWNLOAD
from tests.spec_examples import ERROR_BODY as ERROR
from tests.spec_examples import FACE_SEARCH as _FACE_SEARCH

__all__ = [
    "ALL_PHOTOS",
    "DOWNLOAD",
    "EMPTY_PAGINATION",
    "ERROR",
    "EVENT_DETAILS",
    "FACE_SEARCH",
    "IMAGE",
    "LIST_EVENTS",
    "PAGINATION",
    "PING",
    "TIMELINE_DAYS",
    "VIDEO_POLL",
    "VIDEO_START",
    "assert_shape",
]

PAGINATION: dict[str, Any] = _DOWNLOAD["data"]["pagination"]

FACE_SEARCH: dict[str, Any] = envelope({**_FACE_SEARCH["data"], "images": [IMAGE]}, "…")
"""The reference shows no images; its ImageItem example fills the list."""

DOWNLOAD: dict[str, Any] = envelope({**_DOWNLOAD["data"], "failed_urls": [FAILED_URL]}, "…")
"""The reference shows no failures; its FailedUrlItem example fills the list."""

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
