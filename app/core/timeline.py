"""Find by time: the timeline's hour buckets, time windows, and times typed as ISO 8601.

The service buckets photos by UTC day and hour (spec 10.8) and takes windows in Unix
seconds (10.9), but it never says the event's time zone (open question 27). So every
time a person reads or types is in the computer's own zone: the functions here take a
`tz` (None: the computer's local zone), and the front ends say which rule they took.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from app.core.page_limits import MAX_PAGE_SIZE_IMAGES
from app.core.validation import InputProblem, RefusedInput

TYPE_CHECKING = False
if TYPE_CHECKING:  # the window imports the clock rules; the client (and asyncio) load later
    from app.core.client import NinePicClient
    from app.core.models import ImageItem, ImagePage, PaginationInfo, Timeline
    from app.core.retry import RetryListener

MAX_WINDOW_PAGE = MAX_PAGE_SIZE_IMAGES
"""The largest page of a time window (Timeline images)."""

log = logging.getLogger(__name__)

HOUR_S = 3600
DEFAULT_MARGIN_S = 5 * 60
"""A window opens ± 5 minutes around the time the runner gives."""
MAX_MARGIN_S = 2 * HOUR_S
"""Widening stops at ± 2 hours: beyond that, browse the whole gallery instead."""


@dataclass(frozen=True)
class HourSlot:
    """One hour bucket of the timeline: photos captured in [start, start + 1 h)."""

    start: int
    count: int

    @property
    def end(self) -> int:
        return self.start + HOUR_S

    def local_start(self, tz: tzinfo | None = None) -> datetime:
        return local_time(self.start, tz)


def hour_slots(timeline: Timeline) -> list[HourSlot]:
    """The buckets as slots in time order; a day whose date cannot be read is skipped
    (logged), repeated buckets are added up, empty ones left out."""
    counts: dict[int, int] = {}
    for day in timeline.days:
        try:
            midnight = datetime.combine(date.fromisoformat(day.date), datetime.min.time(), UTC)
        except ValueError:
            log.warning("timeline day %r skipped: not a YYYY-MM-DD date", day.date)
            continue
        for hour in day.hours:
            start = int(midnight.timestamp()) + hour.hour * HOUR_S
            counts[start] = counts.get(start, 0) + hour.count
    return [HourSlot(start, n) for start, n in sorted(counts.items()) if n > 0]


@dataclass(frozen=True)
class TimeWindow:
    """A half-open window [start, end) in Unix seconds, as the service takes it."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise RefusedInput(InputProblem.EMPTY_TIME_WINDOW)

    @classmethod
    def around(cls, moment: int, margin_s: int = DEFAULT_MARGIN_S) -> TimeWindow:
        """`moment` ± `margin_s`: "I crossed the finish at 10:42"."""
        margin = max(1, margin_s)
        return cls(moment - margin, moment + margin)

    @property
    def margin_s(self) -> int:
        return (self.end - self.start) // 2

    @property
    def middle(self) -> int:
        return self.start + self.margin_s

    @property
    def can_widen(self) -> bool:
        return self.margin_s < MAX_MARGIN_S

    def widened(self) -> TimeWindow:
        """Twice as wide around the same middle (at most ± `MAX_MARGIN_S`)."""
        return TimeWindow.around(self.middle, min(MAX_MARGIN_S, self.margin_s * 2))


def local_time(moment: int, tz: tzinfo | None = None) -> datetime:
    """A Unix time as an aware datetime in `tz` (None: the computer's zone)."""
    return datetime.fromtimestamp(moment, tz or UTC).astimezone(tz)


def parse_time(text: str, tz: tzinfo | None = None) -> int:
    """An ISO 8601 time (`2026-04-19T10:42`, `…+02:00`, `…Z`) as Unix seconds; one
    without an offset is read in `tz` (None: the computer's zone)."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise RefusedInput(InputProblem.BAD_TIME, value=text) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz) if tz is not None else when.astimezone()
    return int(when.timestamp())


def iter_window(
    client: NinePicClient,
    event_id: int,
    window: TimeWindow,
    page_size: int = MAX_WINDOW_PAGE,
    *,
    on_retry: RetryListener | None = None,
) -> AsyncIterator[ImageItem]:
    """Every photo of the window, page after page, in capture order."""
    from app.core.paging import walk_pages

    async def fetch(page: int) -> tuple[list[ImageItem], PaginationInfo | None]:
        result = await window_page(client, event_id, window, page, page_size, on_retry=on_retry)
        return result.images, result.pagination

    return walk_pages(fetch)


async def window_page(
    client: NinePicClient,
    event_id: int,
    window: TimeWindow,
    page: int,
    page_size: int,
    *,
    on_retry: RetryListener | None = None,
) -> ImagePage:
    return await client.timeline_images(
        event_id, window.start, window.end, page, page_size, on_retry=on_retry
    )


async def page_at(
    client: NinePicClient,
    event_id: int,
    slots: list[HourSlot],
    moment: int,
    page_size: int,
    *,
    on_retry: RetryListener | None = None,
) -> int:
    """The All Photos page that holds the first photo taken at or after `moment`.

    All Photos lists timed photos oldest first (spec 10.4), so the photos before
    `moment` are the full hour buckets before it plus, in its own hour, the ones a
    window from the hour's start to `moment` finds: one small call, not a walk.
    """
    hour = moment - moment % HOUR_S
    before = sum(s.count for s in slots if s.end <= hour)
    if moment > hour and any(s.start == hour for s in slots):
        result = await client.timeline_images(event_id, hour, moment, 1, 1, on_retry=on_retry)
        pagination = result.pagination
        before += 0 if pagination is None or pagination.is_empty else pagination.total
    return before // max(1, page_size) + 1


def window_label(window: TimeWindow, tz: tzinfo | None = None) -> str:
    """`1037-1047`: the window in local clock time, for file names (`{bib}`)."""
    start, end = local_time(window.start, tz), local_time(window.end, tz)
    return f"{start:%H%M}-{end:%H%M}"
