"""The relay's Starlette app: the runner app's routes for the configured events, nothing else.

Each call goes through the same checks in one order: the client's rate limit (429), the
access code (401 / 403), the organisation and event of the path (403), the upload limit and
the body's size, time and type (429, 413, 408, 415, 400, 422); then one upstream call with
only the query parameters that endpoint takes. No client header is ever forwarded. Unknown
paths and methods are 404 in the standard error envelope; `/healthz` answers without
spending the organiser's quota.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.relay.config import RelayConfig
from app.relay.events import EventList, page_params
from app.relay.intake import Refused, check_access_code, read_json, read_selfie_form
from app.relay.limiter import ClientLimiter
from app.relay.upstream import Answer, Upstream, UpstreamUnavailable

log = logging.getLogger(__name__)

PREFIX = "/api/v1/ext"
EVENT = PREFIX + "/{org_id:int}/event/{event_id:int}"
PAGE = ("page", "page_size")


class Body(Enum):
    NONE = "none"
    SELFIE = "selfie"
    JSON = "json"


@dataclass(frozen=True)
class Endpoint:
    """One exposed endpoint: method, path under the event, body kind, query it forwards."""

    method: str
    tail: str
    body: Body = Body.NONE
    query: tuple[str, ...] = ()


ENDPOINTS = (
    Endpoint("GET", "/ping"),
    Endpoint("GET", "/details"),
    Endpoint("GET", "/bibs/{bib}", query=PAGE),
    Endpoint("POST", "/faces", Body.SELFIE, PAGE),
    Endpoint("GET", "/faces/{request_id}", query=PAGE),
    Endpoint("GET", "/timeline/days"),
    Endpoint("GET", "/timeline/images", query=(*PAGE, "from", "to")),
    Endpoint("POST", "/video-clipping/search-by-selfie", Body.SELFIE),
    Endpoint("GET", "/video-clipping/{request_id}"),
    Endpoint("POST", "/original-photos", Body.JSON, PAGE),
)
"""What the runner app needs. All Photos, other organisations and anything else: 404."""


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    body = {"responseType": "error", "message": message, "data": None}
    return JSONResponse(body, status_code=status, headers=headers)


def relay_answer(answer: Answer) -> Response:
    """Upstream's answer for the client: success bodies as they came (key already taken
    out), errors always in the standard envelope, 429's Retry-After kept."""
    if 200 <= answer.status < 300:
        return Response(answer.body, answer.status, media_type=answer.content_type)
    if answer.status == 401:  # upstream says no key: the relay's fault, not the runner's
        return error_response(502, "The relay could not sign in to the photo service.")
    if answer.status < 400:
        return error_response(502, f"The photo service answered {answer.status} unexpectedly.")
    body = answer.json()
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str) or not message:
        message = f"The photo service answered {answer.status}."
    headers = {"Retry-After": answer.retry_after} if answer.retry_after else None
    return error_response(answer.status, message[:500], headers)


class Relay:
    """The routes' shared state: config, upstream client, limiter and the event list."""

    def __init__(self, config: RelayConfig, upstream: Upstream, limiter: ClientLimiter) -> None:
        self.config = config
        self.upstream = upstream
        self.limiter = limiter
        self.events = EventList(upstream, config.org, config.events)

    def routes(self) -> list[Route]:
        routes = [
            Route("/healthz", self.health, methods=["GET"]),
            Route(PREFIX + "/{org_id:int}/events", self._guarded(self._list_events, None)),
        ]
        for spec in ENDPOINTS:
            routes.append(
                Route(EVENT + spec.tail, self._guarded(self._forward, spec), methods=[spec.method])
            )
        return routes

    async def health(self, request: Request) -> Response:
        """Liveness for a load balancer: the relay runs and its counters answer."""
        ok = await self.limiter.check_storage()
        return JSONResponse({"status": "ok" if ok else "degraded"}, status_code=200 if ok else 503)

    def _guarded(
        self,
        handler: Callable[[Request, Endpoint | None], Awaitable[Response]],
        spec: Endpoint | None,
    ) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            started = time.monotonic()
            try:
                await self._admit(request, uploads=spec is not None and spec.body is Body.SELFIE)
                response = await handler(request, spec)
            except Refused as refused:
                response = error_response(refused.status, refused.message, refused.headers)
            except UpstreamUnavailable as down:
                response = error_response(down.status, f"The relay got no answer: {down.reason}.")
            log.info(
                "%s %s -> %d in %.0f ms",
                request.method,
                request.url.path,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )
            return response

        return endpoint

    async def _admit(self, request: Request, *, uploads: bool) -> None:
        client = request.client.host if request.client else "unknown"
        for name in ("requests", "uploads") if uploads else ("requests",):
            wait = await self.limiter.hit(name, client)
            if wait is not None:
                raise Refused(
                    429,
                    f"Too many requests from this address; try again in {wait:.0f} s.",
                    headers={"Retry-After": f"{wait:.0f}"},
                )
            if name == "requests":
                check_access_code(request, self.config.access_code)
        if request.path_params["org_id"] != self.config.org:
            raise Refused(403, "This relay does not serve that organisation.")
        event_id = request.path_params.get("event_id")
        if event_id is not None and event_id not in self.config.events:
            raise Refused(403, f"This relay does not serve event {event_id}.")

    async def _list_events(self, request: Request, spec: Endpoint | None) -> Response:
        page, page_size = page_params(dict(request.query_params))
        items = await self.events.items()
        if isinstance(items, Answer):
            return relay_answer(items)
        return JSONResponse(EventList.page(items, page, page_size))

    async def _forward(self, request: Request, spec: Endpoint | None) -> Response:
        assert spec is not None
        limits = self.config.limits
        tail = spec.tail.format(
            **{k: quote(str(v), safe="") for k, v in request.path_params.items()}
        )
        path = f"{PREFIX}/{self.config.org}/event/{request.path_params['event_id']}{tail}"
        params = {k: request.query_params[k] for k in spec.query if k in request.query_params}
        kwargs: dict[str, Any] = {"params": params or None}
        if spec.body is Body.SELFIE:
            form = await read_selfie_form(
                request, max_bytes=limits.max_upload_bytes, timeout_s=limits.body_timeout_s
            )
            kwargs.update(files=form.files(), data=form.data())
        elif spec.body is Body.JSON:
            kwargs["json_body"] = await read_json(
                request, max_bytes=limits.max_json_bytes, timeout_s=limits.body_timeout_s
            )
        return relay_answer(await self.upstream.send(spec.method, path, **kwargs))


def build_app(config: RelayConfig, upstream: Upstream, limiter: ClientLimiter) -> Starlette:
    """The ASGI app; closing it (lifespan shutdown) closes the upstream connections."""
    relay = Relay(config, upstream, limiter)

    async def not_here(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return error_response(404, "Not found.")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await upstream.aclose()

    app = Starlette(
        routes=relay.routes(),
        exception_handlers={HTTPException: not_here},
        lifespan=lifespan,
    )
    app.state.relay = relay
    return app
