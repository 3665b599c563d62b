"""The connection check behind "Test connection": which of the access checks fails.

The API checks four things on every call (key, host, organisation, event; spec 3.4)
and answers each failure with the same 403. To say which one, the check asks in
steps: List Events needs key, host and organisation; Ping then adds the event. A 403
on Ping after List Events worked can only be the event. A 403 on List Events is the
key, the host or the organisation: the status cannot tell them apart, so the server's
message is read as a hint only (spec 13.4: wording may change), and without a
recognisable hint the answer is "key refused", whose advice covers all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from app.core.client import NinePicClient
from app.core.errors import (
    AccessDenied,
    HostNotAllowed,
    KeyRefused,
    NinePicError,
    ServiceUnreachable,
    WrongEvent,
    WrongOrganisation,
)
from app.core.models import EventListItem
from app.core.urls import require_secure_url

MAX_EVENTS = 500
"""Enough for any organiser's picker; the walk stops there."""


class HostUnreachable(ServiceUnreachable):
    """Cannot reach the API host; says which one, since a typo in the URL is the usual cause."""

    code = "host_unreachable"

    def __init__(self, host: str, detail: str = "") -> None:
        self.host = host
        super().__init__(detail)


@dataclass(frozen=True)
class ConnectionOk:
    """Key, host and organisation passed: the organisation's events, the event checked,
    and why that event failed (`WrongEvent`, `NotFound`…), so a picker can still offer
    the events that do work."""

    events: tuple[EventListItem, ...]
    event_id: int | None
    event_error: NinePicError | None = None

    @property
    def passed(self) -> bool:
        return self.event_error is None


def host_of(api_url: str) -> str:
    return urlsplit(api_url).hostname or api_url


def precheck(api_url: str) -> str:
    """The check made before any call: https (raises `InsecureUrl`). An empty key is
    not refused here: an event relay needs none, and only the service's 401 says one
    is missing (`AuthMissing`)."""
    return require_secure_url(api_url.strip().rstrip("/"))


async def check_connection(client: NinePicClient, event_id: int | None) -> ConnectionOk:
    """List the organisation's events, then Ping `event_id` (or the first event).

    Raises the typed error when key, host or organisation fail; an event that fails
    comes back in `event_error`.
    """
    host = host_of(client.base_url)
    try:
        events = await _events(client)
    except AccessDenied as denied:
        raise _explain_org_refusal(denied, client.org_id, host) from denied
    except ServiceUnreachable as exc:
        raise HostUnreachable(host, exc.detail) from exc
    target = event_id if event_id is not None else (events[0].event_id if events else None)
    if target is None:
        return ConnectionOk(events, None)
    try:
        await client.ping(target)
    except AccessDenied as denied:
        return ConnectionOk(events, target, WrongEvent(target, denied.detail))
    except ServiceUnreachable as exc:
        raise HostUnreachable(host, exc.detail) from exc
    except NinePicError as error:  # 404: the event has no configuration; 429, 5xx
        return ConnectionOk(events, target, error)
    return ConnectionOk(events, target)


async def _events(client: NinePicClient) -> tuple[EventListItem, ...]:
    found: list[EventListItem] = []
    async for item in client.iter_events():
        found.append(item)
        if len(found) >= MAX_EVENTS:
            break
    return tuple(found)


def _explain_org_refusal(denied: AccessDenied, org_id: int, host: str) -> AccessDenied:
    hint = denied.detail.casefold()
    if "host" in hint:
        return HostNotAllowed(host, denied.detail)
    if "organisation" in hint or "organization" in hint:
        return WrongOrganisation(org_id, denied.detail)
    return KeyRefused(denied.detail)
