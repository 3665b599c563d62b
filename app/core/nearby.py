"""Photos taken close in time to a search's found photos ("you may be in these too").

A runner whose BIB was covered by an arm or a jacket is missed by the BIB search, yet
the camera that caught them a minute earlier is still the same camera. The wire
`ImageItem` carries no capture time, but the Photo Timeline filters by it (hour buckets,
and photos in a half-open window `[from, to)`), so the time of a found photo is located
by bisection: a span known to hold it is split, one side is asked for, and the photo is
in that side if it was listed there, or else in the other. Spans of several hours are
split at an hour boundary, balancing the bucket counts, and the side with fewer photos
is asked for (fewer pages); within an hour the split is at the middle. Once a photo sits
in a span of at most `resolution_s` seconds, the window `± margin_s` around that span is
asked for, and its photos that the search did not find are the candidates.

A found photo without a capture time is in no timeline answer: the bisection can still
push it down the side never asked for, so a window counts only when one of the found
photos it was built around really is in it.

Bounded: at most `max_located` found photos are located (spread over the result), each
page asked for counts against `max_requests`, at most `max_photos` are returned. The
result says how much of that work was done (`located`, `requests`, `complete`).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.core.timeline import MAX_WINDOW_PAGE

TYPE_CHECKING = False
if TYPE_CHECKING:  # the window imports this module; the client loads with a request
    from app.core.client import NinePicClient
    from app.core.models import ImageItem, Timeline

HOUR_S = 3600
WINDOW_RESERVE = 2
"""Requests kept back from locating, so the window around the last located photo can
still be asked for when the budget runs low."""


@dataclass(frozen=True)
class NearbyLimits:
    margin_s: int = 120
    """Photos within this many seconds of a located photo are always included."""
    resolution_s: int = 60
    """A found photo counts as located once it is known to this many seconds."""
    max_located: int = 8
    max_requests: int = 60
    max_photos: int = 48


@dataclass(frozen=True)
class NearbyPhotos:
    """What the look-up found, and how much work it took."""

    photos: tuple[ImageItem, ...]
    located: int
    """Found photos placed in time (and confirmed by their window)."""
    tried: int
    """Found photos it set out to locate (at most `max_located`)."""
    requests: int
    """Timeline calls made, the days call included."""
    complete: bool
    """False when the request budget ran out before the work was done."""


@dataclass(frozen=True)
class _Span:
    """`[start, end)` known to hold `targets`; `buckets` (hour start, count) while it is
    made of whole timeline hours, empty once it is inside one hour."""

    start: int
    end: int
    targets: frozenset[str]
    buckets: tuple[tuple[int, int], ...] = ()

    @property
    def count(self) -> int | None:
        return sum(n for _h, n in self.buckets) if self.buckets else None


class _OutOfRequests(Exception):
    pass


class _Timeline:
    """Timeline pages of one event, counted against a budget."""

    def __init__(self, client: NinePicClient, event_id: int, budget: int) -> None:
        self._client = client
        self._event_id = event_id
        self.budget = budget
        self.used = 0

    @property
    def remaining(self) -> int:
        return self.budget - self.used

    def _spend(self) -> None:
        if self.used >= self.budget:
            raise _OutOfRequests
        self.used += 1

    async def days(self) -> Timeline:
        self._spend()
        return await self._client.timeline_days(self._event_id)

    async def photos(
        self, start: int, end: int, *, until: frozenset[str] | None = None
    ) -> list[ImageItem]:
        """Every photo in `[start, end)`, page after page; or fewer, once every id of
        `until` has been listed (what is asked is then answered)."""
        items: list[ImageItem] = []
        wanted = set(until) if until is not None else None
        page = 1
        while True:
            self._spend()
            result = await self._client.timeline_images(
                self._event_id, start, end, page, MAX_WINDOW_PAGE
            )
            items.extend(result.images)
            if wanted is not None:
                wanted.difference_update(item.image_id for item in result.images)
                if not wanted:
                    return items
            pagination = result.pagination
            if not result.images or pagination.is_empty or not pagination.has_next_page:
                return items
            if page >= pagination.total_pages:
                return items
            page += 1


def spread(ids: Sequence[str], count: int) -> list[str]:
    """`count` ids picked evenly over `ids` (first and last included), in order."""
    if count <= 0 or not ids:
        return []
    if len(ids) <= count:
        return list(dict.fromkeys(ids))
    if count == 1:
        return [ids[0]]
    step = (len(ids) - 1) / (count - 1)
    return list(dict.fromkeys(ids[round(i * step)] for i in range(count)))


def hour_buckets(timeline: Timeline) -> list[tuple[int, int]]:
    """(Unix start of the UTC hour, photo count) of every non-empty hour, oldest first."""
    buckets: list[tuple[int, int]] = []
    for day in timeline.days:
        try:
            midnight = datetime.combine(date.fromisoformat(day.date), datetime.min.time(), UTC)
        except ValueError:
            continue  # a date we cannot read places nothing
        for hour in day.hours:
            if hour.count > 0:
                buckets.append((int(midnight.timestamp()) + hour.hour * HOUR_S, hour.count))
    return sorted(set(buckets))


def _split(span: _Span) -> tuple[_Span, _Span]:
    if len(span.buckets) > 1:
        counts = [n for _h, n in span.buckets]
        total, running, best, cut = sum(counts), 0, None, 1
        for m in range(1, len(counts)):
            running += counts[m - 1]
            gap = abs(total - 2 * running)
            if best is None or gap < best:
                best, cut = gap, m
        left, right = span.buckets[:cut], span.buckets[cut:]
        return (
            _Span(span.start, left[-1][0] + HOUR_S, span.targets, left),
            _Span(right[0][0], span.end, span.targets, right),
        )
    middle = (span.start + span.end) // 2
    return _Span(span.start, middle, span.targets), _Span(middle, span.end, span.targets)


class NearbyFinder:
    """Locates found photos in time and gathers the photos taken around them; one
    finder per look-up (it counts its requests)."""

    def __init__(
        self, client: NinePicClient, event_id: int, limits: NearbyLimits | None = None
    ) -> None:
        self.limits = limits or NearbyLimits()
        self._timeline = _Timeline(client, event_id, self.limits.max_requests)
        self._cut_short = False

    async def find(self, found_ids: Sequence[str]) -> NearbyPhotos:
        """Photos near `found_ids` (every id the search found) that are not among them."""
        limits = self.limits
        found = frozenset(found_ids)
        targets = frozenset(spread(list(dict.fromkeys(found_ids)), limits.max_located))
        photos: dict[str, ImageItem] = {}
        located: set[str] = set()
        complete = True
        try:
            buckets = hour_buckets(await self._timeline.days()) if targets else []
            if buckets:
                root = _Span(buckets[0][0], buckets[-1][0] + HOUR_S, targets, tuple(buckets))
                async with aclosing(self._windows(root)) as windows:
                    async for start, end, near in windows:
                        items = await self._timeline.photos(start, end)
                        ids = {item.image_id for item in items}
                        if not ids & near:
                            continue  # built around photos that have no capture time
                        located |= ids & near
                        for item in items:
                            if item.image_id not in found and len(photos) < limits.max_photos:
                                photos.setdefault(item.image_id, item)
                        if len(photos) >= limits.max_photos:
                            break
        except _OutOfRequests:
            complete = False
        return NearbyPhotos(
            photos=tuple(photos.values()),
            located=len(located),
            tried=len(targets),
            requests=self._timeline.used,
            complete=complete and not self._cut_short,
        )

    async def _windows(self, root: _Span) -> AsyncGenerator[tuple[int, int, frozenset[str]]]:
        """Windows `± margin` around the located spans, oldest first, overlapping ones
        merged, each with the found photos it was built around."""
        margin = self.limits.margin_s
        pending: tuple[int, int, frozenset[str]] | None = None
        async for leaf in self._leaves(root):
            start, end = leaf.start - margin, leaf.end + margin
            if pending is not None and start <= pending[1]:
                pending = (pending[0], max(end, pending[1]), pending[2] | leaf.targets)
                continue
            if pending is not None:
                yield pending
            pending = (start, end, leaf.targets)
        if pending is not None:
            yield pending

    async def _leaves(self, root: _Span) -> AsyncIterator[_Span]:
        """Spans of at most `resolution_s` holding found photos, oldest first (depth
        first, so a budget that runs out still leaves the earlier photos complete)."""
        stack = [root]
        while stack:
            span = stack.pop()
            if span.end - span.start <= self.limits.resolution_s:
                yield span
                continue
            if self._timeline.remaining <= WINDOW_RESERVE:
                self._cut_short = True
                return
            left, right = _split(span)
            left_count, right_count = left.count, right.count
            ask_right = (
                left_count is not None and right_count is not None and right_count < left_count
            )
            asked = right if ask_right else left
            listed = {
                item.image_id
                for item in await self._timeline.photos(asked.start, asked.end, until=span.targets)
            }
            inside = span.targets & listed
            halves = [(asked, inside), (left if ask_right else right, span.targets - inside)]
            halves.sort(key=lambda half: half[0].start, reverse=True)  # left pops first
            for half, held in halves:
                if held:
                    stack.append(_Span(half.start, half.end, held, half.buckets))
