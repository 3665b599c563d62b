"""The photo listing routes: all photos, a BIB's photos, the timeline's days and windows.

Also the ImageItem page every photo list answers with (face searches use it too).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from app.demo import decisions as d
from app.demo.api_checks import JSON, ApiError, authorise, ok, require
from app.demo.paging import paginate
from app.demo.state import DemoState
from app.demo.validation import RequestInvalid, page_params, required_ints
from app.demo.world import Photo


def image_item(base: str, photo: Photo) -> JSON:
    """ImageItem, keys in the documented order; sizes are the original's."""
    return {
        "img_url": f"{base}/imgs/{photo.event_id}/large/{photo.image_id}.jpg",
        "height": photo.height,
        "width": photo.width,
        "image_id": photo.image_id,
        "thumbnail_url": f"{base}/imgs/{photo.event_id}/small/{photo.image_id}.jpg",
        "original_url": None,
    }


def image_page(
    state: DemoState, request: Request, photos: Sequence[Photo], endpoint: str
) -> tuple[list[JSON], JSON]:
    params = page_params(request.query_params, endpoint)
    page = paginate(len(photos), params.page, params.page_size)
    base = state.public_base(request)
    return [image_item(base, p) for p in photos[page.start : page.stop]], dict(page.info)


async def all_images(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    photos = state.catalog.photos(event.event_id)
    images, pagination = image_page(state, request, photos, "images")
    message = "Records for all images" if photos else "No images found"
    return ok(message, {"images": images, "pagination": pagination})


async def bib_search(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    require(event.bib_search, "BIB search")
    bib: str = request.path_params["bib"]
    photos = state.catalog.photos_for_bib(event.event_id, bib)
    images, pagination = image_page(state, request, photos, "bibs")
    if not photos and d.UNKNOWN_BIB_STATUS != 200:
        raise ApiError(d.UNKNOWN_BIB_STATUS, f"BIB number {bib} not found for this event")
    message = f"Records for bib number {bib}" if photos else f"No images found for bib number {bib}"
    return ok(message, {"images": images, "pagination": pagination})


def _timed(photos: Sequence[Photo]) -> list[Photo]:
    return [p for p in photos if p.captured_at is not None]


async def timeline_days(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    require(event.timeline_search, "Photo timeline")
    buckets: OrderedDict[str, OrderedDict[int, int]] = OrderedDict()
    for photo in sorted(
        _timed(state.catalog.photos(event.event_id)), key=lambda p: p.captured_at or 0
    ):
        when = datetime.fromtimestamp(photo.captured_at or 0, UTC)
        hours = buckets.setdefault(when.strftime("%Y-%m-%d"), OrderedDict())
        hours[when.hour] = hours.get(when.hour, 0) + 1
    days = [
        {
            "date": day,
            "total": sum(hours.values()),
            "hours": [{"hour": h, "count": n} for h, n in hours.items()],
        }
        for day, hours in buckets.items()
    ]
    return ok("Timeline buckets" if days else "No timeline data", {"days": days})


async def timeline_images(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    require(event.timeline_search, "Photo timeline")
    errors: list[tuple[str, str]] = []
    start, end = required_ints(
        request.query_params, (d.TIMELINE_FROM_PARAM, d.TIMELINE_TO_PARAM), errors
    )
    page_params(request.query_params, "timeline_images", errors)
    if errors:
        raise RequestInvalid(errors)
    photos = [
        p
        for p in _timed(state.catalog.photos(event.event_id))
        if start <= (p.captured_at or 0) < end
    ]
    images, pagination = image_page(state, request, photos, "timeline_images")
    message = "Records for timeline images" if photos else "No images found"
    return ok(message, {"images": images, "pagination": pagination})
