"""List Events through the relay: only the configured events, paged by the relay itself.

The organisation's whole list is read from upstream (100 a page) at most once a minute and
filtered; the runner's page is cut from that. A runner never learns of other events.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from typing import Any

from app.relay.intake import Refused
from app.relay.upstream import Answer, Upstream

UPSTREAM_PAGE_SIZE = 100
MAX_UPSTREAM_PAGES = 50
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100
CACHE_S = 60.0


def _payload(body: Any) -> dict[str, Any] | None:
    """`data` of the standard envelope, or the object itself (the older flat shape)."""
    if not isinstance(body, dict):
        return None
    data = body.get("data") if "responseType" in body else body
    return data if isinstance(data, dict) else None


def page_block(total: int, page: int, page_size: int) -> dict[str, Any]:
    """PaginationInfo with the API's mixed names; the zeroed block when there is nothing."""
    pages = math.ceil(total / page_size) if total else 0
    current = page if pages else 0
    return {
        "total": total,
        "currentPage": current,
        "totalPages": pages,
        "hasNextPage": 0 < current < pages,
        "hasPreviousPage": current > 1,
        "page_size": page_size,
    }


def page_params(query: dict[str, str]) -> tuple[int, int]:
    """`page` and `page_size` as List Events takes them (422 like the API when wrong)."""
    values = []
    for name, default, top in (("page", 1, None), ("page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)):
        text = query.get(name, str(default))
        if not text.isdigit() or int(text) < 1 or (top is not None and int(text) > top):
            limit = f"1 to {top}" if top else "1 or more"
            raise Refused(422, f"query.{name}: must be a whole number, {limit}")
        values.append(int(text))
    return values[0], values[1]


class EventList:
    """The configured events as upstream lists them, cached for `CACHE_S` seconds."""

    def __init__(
        self,
        upstream: Upstream,
        org_id: int,
        events: tuple[int, ...],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._upstream = upstream
        self._org_id = org_id
        self._wanted = set(events)
        self._clock = clock
        self._lock = asyncio.Lock()
        self._items: list[dict[str, Any]] | None = None
        self._fetched_at = 0.0

    async def items(self) -> list[dict[str, Any]] | Answer:
        """The configured events' list entries, or upstream's error answer to pass on."""
        async with self._lock:  # one walk at a time: a burst of runners costs one walk
            if self._items is not None and self._clock() - self._fetched_at < CACHE_S:
                return self._items
            found = await self._walk()
            if isinstance(found, Answer):
                return found
            self._items, self._fetched_at = found, self._clock()
            return found

    async def _walk(self) -> list[dict[str, Any]] | Answer:
        kept: list[dict[str, Any]] = []
        for page in range(1, MAX_UPSTREAM_PAGES + 1):
            answer = await self._upstream.send(
                "GET",
                f"/api/v1/ext/{self._org_id}/events",
                params={"page": str(page), "page_size": str(UPSTREAM_PAGE_SIZE)},
            )
            if answer.status != 200:
                return answer
            data = _payload(answer.json())
            events = data.get("events") if data else None
            if not isinstance(events, list):
                raise Refused(502, "The photo service sent an event list this relay cannot read.")
            kept += [e for e in events if isinstance(e, dict) and e.get("event_id") in self._wanted]
            pagination = data.get("pagination") if data else None
            more = isinstance(pagination, dict) and pagination.get("hasNextPage") is True
            if not events or not more:
                break
        return kept

    @staticmethod
    def page(items: list[dict[str, Any]], page: int, page_size: int) -> dict[str, Any]:
        """The standard envelope for one page of `items`."""
        start = (page - 1) * page_size
        chosen = items[start : start + page_size]
        return {
            "responseType": "success",
            "message": "Records for events" if chosen else "No events found",
            "data": {"events": chosen, "pagination": page_block(len(items), page, page_size)},
        }
