"""The routes a selfie is sent to: face search (start, results) and video clipping (start, poll).

Both take the same multipart form (a selfie, or the request_id of a stored search) and
share one stored match per request_id, so the expensive matching runs once.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from app.demo import decisions as d
from app.demo.api_checks import ApiError, authorise, ok, require
from app.demo.api_photos import image_page
from app.demo.faces import SelfieRejected, match_runner, probe_selfie
from app.demo.searches import FaceSearch
from app.demo.state import DemoState
from app.demo.validation import RequestInvalid, canonical_uuid, page_params
from app.demo.world import Event


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
