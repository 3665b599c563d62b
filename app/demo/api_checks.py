"""What every ``/api/v1/ext/...`` route shares: its answer envelopes and the access checks.

Each handler calls `authorise` (key, host, org, event) and then `require` (the event's
feature flag) before anything of its own, so the order `api.py` documents is the same
for every route.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from app.demo import decisions as d
from app.demo.state import DemoState
from app.demo.validation import path_ints
from app.demo.world import Event, Org

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
