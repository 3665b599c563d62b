"""The event routes: ping, the organisation's event list and one event's details."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from app.demo.api_checks import JSON, authorise, ok
from app.demo.paging import paginate
from app.demo.state import DemoState
from app.demo.validation import page_params
from app.demo.world import Event


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
