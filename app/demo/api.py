"""The ``/api/v1/ext/...`` route table, and the wrapper every route runs in.

Checks run in one fixed order (documented in README.md): key present (401) -> key known and
host allowed (403) -> path ids are integers (422) -> org is the key's (403) -> event exists
(404) and is the org's (403) -> feature flag (403) -> query/body schema (422) -> endpoint
rules (400/404). Injected faults (latency, 429, 502/503) come before all of them, as a
gateway's would; an injected 500 replaces the answer after the work is done.

The wrapper here injects the faults and dresses every failure in the error envelope; the
shared checks are in `api_checks.py`; the handlers are grouped by what they serve
(`api_events`, `api_photos`, `api_selfies`, `api_downloads`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.demo import decisions as d
from app.demo.api_checks import ApiError, error_response
from app.demo.api_downloads import original_photos
from app.demo.api_events import details, list_events, ping
from app.demo.api_photos import all_images, bib_search, timeline_days, timeline_images
from app.demo.api_selfies import face_results, face_search, video_poll, video_start
from app.demo.state import DemoState
from app.demo.validation import RequestInvalid

PREFIX = "/api/v1/ext"

log = logging.getLogger(__name__)


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
