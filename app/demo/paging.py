"""PaginationInfo exactly as the API spells it (mixed camelCase / snake_case)."""

from __future__ import annotations

from dataclasses import dataclass

Pagination = dict[str, int | bool]


def zeroed(page_size: int) -> Pagination:
    """The block for an empty result: no page exists at all, so page numbers are 0."""
    return {
        "total": 0,
        "currentPage": 0,
        "totalPages": 0,
        "hasNextPage": False,
        "hasPreviousPage": False,
        "page_size": page_size,
    }


@dataclass(frozen=True)
class Page:
    start: int
    stop: int
    info: Pagination


def paginate(total: int, page: int, page_size: int) -> Page:
    """Slice bounds and PaginationInfo for 1-based ``page``; a page past the end is empty
    but reports the real total, and ``hasPreviousPage`` stays true."""
    if total == 0:
        return Page(0, 0, zeroed(page_size))
    pages = -(-total // page_size)
    start = min((page - 1) * page_size, total)
    stop = min(start + page_size, total)
    return Page(
        start,
        stop,
        {
            "total": total,
            "currentPage": page,
            "totalPages": pages,
            "hasNextPage": page < pages,
            "hasPreviousPage": page > 1,
            "page_size": page_size,
        },
    )
