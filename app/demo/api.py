"""The ``/api/v1/ext/...`` routes: envelopes, access checks, pagination and every endpoint.

Checks run in one fixed order (documented in README.md): key present (401) -> key known and
host allowed (403) -> path ids are integers (422) -> org is the key's (403) -> event exists
(404) and is the org's (403) -> feature flag (403) -> query/body schema (422) -> endpoint
rules (400/404). Injected faults (latency, 429, 502/503) come before all of them, as a
gateway's would; an injected 500 replaces the answer after the work is done.

Why ~550 lines in one module: one handler per documented endpoint, each a few lines on
top of the shared checks above; keeping them together keeps that one order of checks
visible and the same for every route (data, searches and pictures live elsewhere).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.demo import decisions as d
from app.demo.catalog import Event, Org, Photo
from app.demo.faces import SelfieRejected, match_runner, probe_selfie
from app.demo.paging import paginate
from app.demo.searches import FaceSearch
from app.demo.signing import object_key
from app.demo.state import DemoState
from app.demo.validation import (
    RequestInvalid,
    canonical_uuid,
    download_request,
    page_params,
    path_ints,
    required_ints,
)

PREFIX = "/api/v1/ext"

log = logging.getLogger(__name__)

JSON = dict[str, Any]


class ApiError(Exception):
    """An error answer: status, human message, optional extra headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def envelope(message: str, data: JSON) -> JSON:
    return {"responseType": "success", "message": message, "data": data}


def error_response(
    status: int, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"responseType": "error", "message": message, "data": None}
    return JSONResponse(body, status_code=status, headers=headers)


def ok(message: str, data: JSON) -> JSONResponse:
    return JSONResponse(envelope(message, data))


@dataclass(frozen=True)
class Access:
    org: Org
    event: Event | None

    @property
    def ev(self) -> Event:
        assert self.event is not None
        return self.event


def _host_name(request: Request) -> str:
    host = request.headers.get("host", "")
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def authorise(state: DemoState, request: Request, *, with_event: bool) -> Access:
    """Key, host, org and event checks shared by every route."""
    key = request.headers.get("x-api-key")
    if key is None or (not key.strip() and d.EMPTY_KEY_STATUS == 401):
        raise ApiError(401, "Missing API key: send it in the X-API-Key header")
    org = state.catalog.org_for_key(key)
    if org is None:
        raise ApiError(403, "Invalid or inactive API key")
    if _host_name(request) not in state.allowed_hosts:
        raise ApiError(403, "Host is not allowed for this API key")
    names = ("org_id", "event_id") if with_event else ("org_id",)
    ids = path_ints(request.path_params, names)
    if ids[0] != org.org_id:
        raise ApiError(403, f"Organisation {ids[0]} does not belong to this API key")
    if not with_event:
        return Access(org, None)
    event = state.catalog.event(ids[1])
    if event is None:
        raise ApiError(d.UNKNOWN_EVENT_STATUS, f"Event configuration not found for event {ids[1]}")
    if event.org_id != org.org_id:
        raise ApiError(
            d.FOREIGN_EVENT_STATUS, f"Event {ids[1]} does not belong to organisation {org.org_id}"
        )
    return Access(org, event)


def require(enabled: bool, feature: str) -> None:
    if not enabled:
        raise ApiError(403, f"{feature} is disabled for this event")


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


Handler = Callable[[DemoState, Request], Awaitable[Response]]


def _api_endpoint(
    state: DemoState, name: str, handler: Handler
) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler with counting, injected faults and error-envelope mapping."""

    async def endpoint(request: Request) -> Response:
        state.stats.record_api(name)
        knobs = state.faults.knobs
        if knobs.latency_ms > 0:
            await asyncio.sleep(knobs.latency_ms / 1000)
        fault = state.faults.api_fault()
        response: Response
        try:
            if fault is not None and fault.before_handler:
                headers = {}
                if fault.status == 429 and d.SEND_RETRY_AFTER:
                    headers["Retry-After"] = str(knobs.retry_after_s)
                raise ApiError(fault.status, fault.message, headers)
            response = await handler(state, request)
        except ApiError as exc:
            response = error_response(exc.status, exc.message, exc.headers)
        except RequestInvalid as exc:
            response = error_response(422, exc.message)
        except HTTPException as exc:  # e.g. a malformed multipart body
            response = error_response(exc.status_code, str(exc.detail))
        except Exception:  # a bug here must still answer in the envelope
            log.exception("demo API route %s failed", name)
            response = error_response(500, "Internal server error")
        if fault is not None and not fault.before_handler:
            response = error_response(fault.status, fault.message)
        state.stats.record_api_status(name, response.status_code)
        return response

    return endpoint


# --- endpoints ----------------------------------------------------------------------------------


async def ping(state: DemoState, request: Request) -> Response:
    access = authorise(state, request, with_event=True)
    return ok("pong", {"status": "ok", "org_id": access.org.org_id, "event_id": access.ev.event_id})


def _event_item(state: DemoState, request: Request, event: Event) -> JSON:
    cover = (
        f"{state.public_base(request)}/imgs/{event.event_id}/cover.jpg" if event.has_cover else None
    )
    return {
        "event_id": event.event_id,
        "event_name": event.name,
        "event_slug": event.slug,
        "event_date": event.date,
        "status": event.status,
        "cover_image": cover,
    }


async def list_events(state: DemoState, request: Request) -> Response:
    access = authorise(state, request, with_event=False)
    params = page_params(request.query_params, "events")
    events = state.catalog.events_of(access.org.org_id)
    page = paginate(len(events), params.page, params.page_size)
    items = [_event_item(state, request, e) for e in events[page.start : page.stop]]
    message = "Records for events" if events else "No events found"
    return ok(message, {"events": items, "pagination": page.info})


async def details(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    return ok(
        "Event details",
        {
            "event_id": event.event_id,
            "event_name": event.name,
            "event_slug": event.slug,
            "event_date": event.date,
            "status": event.status,
            "event_enabled": event.event_enabled,
            "bib_search": event.bib_search,
            "selfie_search": event.selfie_search,
            "name_search": event.name_search,
            "video_search": state.video_clipping and event.video_search,
            "video_selfie_search": state.video_on(event),
            "timeline_search": event.timeline_search,
        },
    )


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


def _face_response(state: DemoState, request: Request, search: FaceSearch) -> Response:
    photos = [p for i in search.image_ids if (p := state.catalog.photo(i)) is not None]
    images, pagination = image_page(state, request, photos, "faces")
    message = "Records for face search" if photos else "No matching photos found for this selfie"
    return ok(
        message,
        {
            "request_id": search.request_id,
            "confidence_percentage": search.confidence_percentage,
            "images": images,
            "pagination": pagination,
        },
    )


@asynccontextmanager
async def _limited_form(request: Request) -> AsyncIterator[FormData]:
    """The multipart form (closed afterwards), refusing bodies over MAX_SELFIE_BYTES with 413."""
    limit = f"Upload larger than {d.MAX_SELFIE_BYTES // (1024 * 1024)} MB"
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > d.MAX_SELFIE_BYTES:
        raise ApiError(413, limit)
    if len(await request.body()) > d.MAX_SELFIE_BYTES:
        raise ApiError(413, limit)
    form = await request.form(max_part_size=d.MAX_SELFIE_BYTES)
    try:
        yield form
    finally:
        await form.close()


def _form_request_id(form: FormData) -> str | None:
    raw = form.get(d.REQUEST_ID_FIELD)
    if raw is None or raw == "":
        return None
    rid = canonical_uuid(raw) if isinstance(raw, str) else None
    if rid is None:
        raise ApiError(d.MALFORMED_REQUEST_ID_STATUS, "request_id must be a UUID")
    return rid


async def _selfie_bytes(form: FormData) -> bytes:
    selfie = form.get(d.SELFIE_FIELD)
    if selfie is None:
        raise RequestInvalid([(f"body.{d.SELFIE_FIELD}", "Field required")])
    if not isinstance(selfie, UploadFile):
        raise RequestInvalid([(f"body.{d.SELFIE_FIELD}", "Input should be a valid file")])
    data = await selfie.read()
    if not data:
        raise ApiError(400, "Uploaded selfie file is empty")
    return data


async def _match(state: DemoState, event: Event, data: bytes, request_id: str | None) -> FaceSearch:
    """Run the (expensive) match once and store it; concurrent duplicates share one result."""
    try:
        probe = await run_in_threadpool(probe_selfie, data)
    except SelfieRejected as exc:
        raise ApiError(400, str(exc)) from exc
    runner = match_runner(probe, state.catalog.runners(event.event_id))
    state.stats.record_face_match()
    photos = state.catalog.photos_for_bib(event.event_id, runner.bib) if runner else ()
    search = FaceSearch(
        request_id or str(uuid.uuid4()),
        event.event_id,
        runner.bib if runner else None,
        tuple(p.image_id for p in photos),
        event.confidence_percentage,
    )
    return state.searches.put_face(search)


def _stored(state: DemoState, event: Event, request_id: str) -> FaceSearch | None:
    search = state.searches.face(request_id)
    if search is not None and search.event_id != event.event_id:
        raise ApiError(400, "request_id belongs to another event")
    return search


async def face_search(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    require(event.selfie_search, "Selfie search")
    page_params(request.query_params, "faces")
    async with _limited_form(request) as form:
        request_id = _form_request_id(form)
        stored = _stored(state, event, request_id) if request_id else None
        if stored is None:
            data = await _selfie_bytes(form)
            stored = await _match(state, event, data, request_id)
    return _face_response(state, request, stored)


async def face_results(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    require(event.selfie_search, "Selfie search")
    page_params(request.query_params, "faces")
    request_id = canonical_uuid(request.path_params["request_id"])
    search = state.searches.face(request_id) if request_id else None
    if search is None or search.event_id != event.event_id:
        raise ApiError(d.UNKNOWN_REQUEST_ID_GET_STATUS, "request_id not found")
    return _face_response(state, request, search)


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


def _video_flags(state: DemoState, event: Event) -> None:
    require(state.video_on(event), "Video clipping search")


async def video_start(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    _video_flags(state, event)
    async with _limited_form(request) as form:
        request_id = _form_request_id(form)
        search = _stored(state, event, request_id) if request_id else None
        if search is None:
            if request_id is not None and form.get(d.SELFIE_FIELD) is None:
                raise ApiError(404, "request_id not found; send a selfie or a face search id")
            search = await _match(state, event, await _selfie_bytes(form), request_id)
    job = state.searches.start_video(search, fails=state.faults.video_fails())
    status = job.status(state.searches.clock())
    return ok("Video clipping job queued", {"request_id": job.request_id, "status": status})


async def video_poll(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    _video_flags(state, event)
    request_id = canonical_uuid(request.path_params["request_id"])
    job = state.searches.video(request_id) if request_id else None
    if job is None or job.event_id != event.event_id:
        raise ApiError(404, "request_id not found")
    status = job.status(state.searches.clock())
    base = state.public_base(request)
    clips = (
        [
            {
                "url": f"{base}/clips/{event.event_id}/{job.request_id}/{c.index}.mp4",
                "duration_s": c.duration_s,
                "source_video": c.source_video,
            }
            for c in job.clips()
        ]
        if status == "completed"
        else []
    )
    return ok(
        f"Video clipping job {status}",
        {"request_id": job.request_id, "status": status, "clips": clips},
    )


def _download_items(
    state: DemoState, event: Event, method: str, identifier: str | list[str]
) -> list[tuple[str, Photo | None]]:
    """The (image_id, photo-or-None) list a download request names, before paging."""
    catalog = state.catalog
    if method == "bib":
        assert isinstance(identifier, str)
        return [(p.image_id, p) for p in catalog.photos_for_bib(event.event_id, identifier)]
    if method == "selfie":
        assert isinstance(identifier, str)
        request_id = canonical_uuid(identifier)
        search = state.searches.face(request_id) if request_id else None
        if search is None or search.event_id != event.event_id:
            raise ApiError(
                d.DOWNLOAD_UNKNOWN_SELFIE_STATUS,
                f"No selfie search found for request_id {identifier}",
            )
        return [(i, catalog.photo(i)) for i in search.image_ids]

    def lookup(image_id: str) -> Photo | None:
        photo = catalog.photo(image_id)
        return photo if photo is not None and photo.event_id == event.event_id else None

    if method == "image_id":
        assert isinstance(identifier, str)
        photo = lookup(identifier)
        if photo is None:
            raise ApiError(400, f"Image {identifier} not found for this event")
        return [(identifier, photo)]
    ids = list(identifier)
    if d.COLLAPSE_DUPLICATE_IDS:
        ids = list(dict.fromkeys(ids))
    items = [(i, lookup(i)) for i in ids]
    if all(photo is None for _, photo in items):
        raise ApiError(400, "None of the requested image_ids exist for this event")
    return items


async def original_photos(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    params = page_params(request.query_params, "original_photos")
    body = download_request(await request.body())
    if d.DOWNLOAD_GATED_BY_SEARCH_FLAGS:
        if body.method == "bib":
            require(event.bib_search, "BIB search")
        if body.method == "selfie":
            require(event.selfie_search, "Selfie search")
    items = _download_items(state, event, body.method, body.identifier)
    if body.method == "image_ids" and not d.DOWNLOAD_PAGES_ID_LISTS:
        page = paginate(len(items), 1, max(len(items), 1))
    else:
        page = paginate(len(items), params.page, params.page_size)
    ttl = state.faults.knobs.url_ttl_s
    storage = state.storage_base(request)
    presigned: list[JSON] = []
    failed: list[JSON] = []
    for image_id, photo in items[page.start : page.stop]:
        if photo is None:
            failed.append({"image_id": image_id, "error": d.UNKNOWN_ID_ERROR, "path": None})
        elif photo.original_missing:
            failed.append(
                {"image_id": image_id, "error": d.MISSING_ORIGINAL_ERROR, "path": photo.object_path}
            )
        else:
            url = state.signer.presign(storage, object_key(photo.event_id, photo.image_id), ttl)
            presigned.append({"url": url, "filename": f"{photo.image_id}.jpg"})
    echo = None if body.method == "image_ids" else body.identifier
    data: JSON = {
        "presigned_urls": presigned,
        "failed_urls": failed,
        "total_images": len(presigned) + len(failed),
        "successful_count": len(presigned),
        "failed_count": len(failed),
        "identifier": echo,
        "pagination": page.info,
    }
    empty = f"No images found for {body.method} identifier {echo}"
    if d.DOWNLOAD_DATA_MESSAGE:
        data["message"] = None if items else empty
    message = "Presigned URLs generated" if items else empty
    return ok(message, data)


def api_routes(state: DemoState) -> list[Route]:
    """Routes in the spec's order; names double as DemoStats keys."""
    event = PREFIX + "/{org_id}/event/{event_id}"
    table: list[tuple[str, str, Handler, list[str]]] = [
        ("ping", event + "/ping", ping, ["GET"]),
        ("events", PREFIX + "/{org_id}/events", list_events, ["GET"]),
        ("details", event + "/details", details, ["GET"]),
        ("images", event + "/images", all_images, ["GET"]),
        ("bibs", event + "/bibs/{bib}", bib_search, ["GET"]),
        ("faces_post", event + "/faces", face_search, ["POST"]),
        ("faces_get", event + "/faces/{request_id}", face_results, ["GET"]),
        ("timeline_days", event + "/timeline/days", timeline_days, ["GET"]),
        ("timeline_images", event + "/timeline/images", timeline_images, ["GET"]),
        ("video_post", event + "/video-clipping/search-by-selfie", video_start, ["POST"]),
        ("video_get", event + "/video-clipping/{request_id}", video_poll, ["GET"]),
        ("original_photos", event + "/original-photos", original_photos, ["POST"]),
    ]
    return [
        Route(path, _api_endpoint(state, name, handler), methods=methods, name=name)
        for name, path, handler, methods in table
    ]
