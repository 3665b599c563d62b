"""Walking a paginated endpoint to its end, bounded against servers that never stop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TypeVar

from app.core.models import PaginationInfo

ItemT = TypeVar("ItemT")

MAX_WALK_PAGES = 2000
"""Absolute cap on pages one walk asks for."""

PageFetch = Callable[[int], Awaitable[tuple[list[ItemT], PaginationInfo | None]]]
"""Fetch page n (1-based): its items and its pagination block."""


async def walk_pages(fetch: PageFetch[ItemT]) -> AsyncIterator[ItemT]:
    """Yield items page after page; stop on hasNextPage false, an empty page or the 0/0
    block, and never past the first page's `totalPages` + 1 (a server whose page count
    keeps growing cannot keep us walking)."""
    page, last_allowed = 1, MAX_WALK_PAGES
    while True:
        items, pagination = await fetch(page)
        for item in items:
            yield item
        if not items or pagination is None or pagination.is_empty:
            return
        if page == 1:
            last_allowed = min(MAX_WALK_PAGES, pagination.total_pages + 1)
        if not pagination.has_next_page or page >= min(pagination.total_pages, last_allowed):
            return
        page += 1
