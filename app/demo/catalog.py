"""The demo world: organisations, events, runners and photos, derived from one seed.

Everything here is plain data computed once at construction (a few milliseconds); the
pictures themselves are drawn lazily by ``images.py``. Tests read the catalog to know the
truth (which photos show a BIB, which originals are missing) instead of hard-coding it.
The seeded construction stays in this one module (`main_cast` included: the cheap facts
the on-demand demo needs before the world is built, drawn from the same stream), so the
order in which the random stream is drawn reads in one file; the fixed part (ids, keys,
the palette, the record types, the table of events) is in ``world.py``.
"""

from __future__ import annotations

import random
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from app.demo.decisions import normalise_bib
from app.demo.world import (
    DEMO_API_KEY,
    DRAFT_EVENT_ID,
    EMPTY_EVENT_ID,
    MAIN_EVENT_ID,
    MAIN_ORG_ID,
    ORIGINAL_LANDSCAPE,
    ORIGINAL_PORTRAIT,
    ORIGINAL_SIZE_RANGE,
    OTHER_EVENT_ID,
    OTHER_ORG_API_KEY,
    OTHER_ORG_ID,
    PALETTE,
    RGB,
    SELFIE_OFF_EVENT_ID,
    Event,
    Org,
    Photo,
    ReadySearch,
    Runner,
    Scene,
    demo_events,
)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _epoch(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp())


@dataclass(frozen=True)
class _PhotoPlan:
    """How to lay out one event's photos."""

    start: str
    hours: float
    group2: float = 0.0
    group3: float = 0.0
    scenery: int = 0
    expo: int = 0
    expo_start: str = ""
    untimed: int = 0
    missing: int = 0
    """Originals absent from storage, all in photos of ``failure_bib`` alone, so that runner
    shows what a failure looks like and every other runner's download just works."""


@dataclass(frozen=True)
class MainCast:
    """The main event's runners and how many photos each gets: the first draws of the
    seed's stream, so the sample BIBs are known without building the world."""

    runners: tuple[Runner, ...]
    counts: dict[str, int]
    big_bib: str
    page2_bib: str
    small_bib: str
    typical: str
    """The runner whose photos include the one without an original (the failure case)."""

    @property
    def sample_bibs(self) -> tuple[str, ...]:
        return (self.big_bib, self.typical, self.small_bib, "A17")


def main_cast(rng: random.Random, event_photos: int = 0) -> MainCast:
    """Draw the main event's cast from `rng` (a fresh `random.Random(seed)`)."""
    numeric = [str(n) for n in rng.sample(range(1001, 4999), 46)]
    bibs = [*numeric, "A17", "K42"]
    rng.shuffle(bibs)
    colours = list(PALETTE[:48])
    rng.shuffle(colours)
    runners = tuple(Runner(b, c) for b, c in zip(bibs, colours, strict=True))
    counts: dict[str, int] = {}
    for runner in runners:
        big = rng.random() < 0.1
        counts[runner.bib] = rng.randint(15, 30) if big else rng.randint(3, 14)
    big_bib, page2_bib, small_bib = numeric[0], numeric[1], numeric[2]
    counts[big_bib], counts[page2_bib], counts[small_bib] = 40, 33, 3
    typical = next(b for b in numeric[3:] if 8 <= counts[b] <= 20)
    # Guarantee at least 400 photos whatever the seed, without leaving 3..40.
    spare = [b for b in numeric[3:] if b != typical]
    while sum(counts.values()) < 520:
        bib = rng.choice(spare)
        if counts[bib] < 30:
            counts[bib] += 1
    # A large event: ~1.22 appearances make a photo (groups of two and three).
    while sum(counts.values()) < event_photos * 5 // 4:
        counts[rng.choice(spare)] += 1
    return MainCast(runners, counts, big_bib, page2_bib, small_bib, typical)


class DemoCatalog:
    """The whole demo world for one seed; immutable after construction, but for the
    event flags that `DemoServer.set_event_flags` switches (tests)."""

    def __init__(
        self, seed: int = 2026, api_key: str | None = None, *, event_photos: int = 0
    ) -> None:
        """`api_key` replaces the main organisation's demo key (a marker key in tests);
        `event_photos` makes the main event large (benchmarks)."""
        self.seed = seed
        self._event_photos = event_photos
        self.main_org_id = MAIN_ORG_ID
        self.main_event_id = MAIN_EVENT_ID
        self.selfie_off_event_id = SELFIE_OFF_EVENT_ID
        self.empty_event_id = EMPTY_EVENT_ID
        self.draft_event_id = DRAFT_EVENT_ID
        self.other_org_id = OTHER_ORG_ID
        self.other_event_id = OTHER_EVENT_ID
        self.api_key = api_key or DEMO_API_KEY
        self.other_api_key = OTHER_ORG_API_KEY
        self.orgs: dict[int, Org] = {
            MAIN_ORG_ID: Org(MAIN_ORG_ID, "Demo Race Photos", self.api_key),
            OTHER_ORG_ID: Org(OTHER_ORG_ID, "Other Timing Co", OTHER_ORG_API_KEY),
        }
        self.events: dict[int, Event] = {e.event_id: e for e in demo_events()}
        self._runners: dict[int, tuple[Runner, ...]] = {}
        self._photos: dict[int, tuple[Photo, ...]] = {}
        self._by_id: dict[str, Photo] = {}
        self._by_bib: dict[tuple[int, str], tuple[Photo, ...]] = {}
        rng = random.Random(seed)
        self._build_main(rng)
        riverside = _PhotoPlan(start="2026-03-08T08:05:00", hours=1.5, untimed=1)
        lakeside = _PhotoPlan(start="2026-05-10T09:00:00", hours=1.0)
        self._build_small(rng, SELFIE_OFF_EVENT_ID, 12, range(5001, 5999), PALETTE[:12], riverside)
        self._build_small(rng, OTHER_EVENT_ID, 3, range(101, 999), PALETTE[48:51], lakeside)
        for event_id in self.events:
            self._runners.setdefault(event_id, ())
            self._photos.setdefault(event_id, ())
        self.ready_searches: tuple[ReadySearch, ...] = tuple(
            ReadySearch(_uuid(rng), MAIN_EVENT_ID, bib)
            for bib in (self.sample_bibs[0], self.sample_bibs[1], self.sample_bibs[3])
        )

    # --- construction --------------------------------------------------------------------

    def _build_main(self, rng: random.Random) -> None:
        cast = main_cast(rng, self._event_photos)
        runners, counts = cast.runners, cast.counts
        page2_bib, small_bib, typical = cast.page2_bib, cast.small_bib, cast.typical
        self.sample_bibs: list[str] = list(cast.sample_bibs)
        plan = _PhotoPlan(
            start="2026-04-19T06:35:00",
            hours=4.5,
            group2=0.14,
            group3=0.04,
            scenery=8,
            expo=10,
            expo_start="2026-04-18T14:00:00",
            untimed=6,
            missing=1,
        )
        self._add_event(rng, MAIN_EVENT_ID, runners, counts, plan, failure_bib=typical)
        self.failure_bib: str = typical
        """The one runner whose photos include one without an original (the failure case)."""
        self.hidden_bib: str = small_bib
        """The runner with extra photos where their BIB is covered (`photos_hiding_bib`)."""
        keep = {*self.sample_bibs, page2_bib}
        neighbours = [r for r in runners if r.bib not in keep and counts[r.bib] < 30]
        self._plant_hidden_bib_shots(random.Random(self.seed * 31 + 15), small_bib, neighbours)

    def _plant_hidden_bib_shots(
        self, rng: random.Random, bib: str, neighbours: Sequence[Runner]
    ) -> None:
        """Add ``hidden_bibs.hidden_bib_shots`` of runner ``bib`` to the main event."""
        from app.demo.hidden_bibs import hidden_bib_shots  # it builds on this module's types

        event_photos = self._photos[MAIN_EVENT_ID]
        runner = self.runner(MAIN_EVENT_ID, bib)
        assert runner is not None
        planted = hidden_bib_shots(rng, event_photos, runner, neighbours)
        ordered = sorted([*event_photos, *planted], key=_gallery_key)
        renumbered = [replace(p, seq=i) for i, p in enumerate(ordered, start=1)]
        self._index(MAIN_EVENT_ID, self._runners[MAIN_EVENT_ID], renumbered)

    def _build_small(
        self,
        rng: random.Random,
        event_id: int,
        n_runners: int,
        bib_range: range,
        palette: Sequence[RGB],
        plan: _PhotoPlan,
    ) -> None:
        bibs = [str(n) for n in rng.sample(bib_range, n_runners)]
        runners = tuple(Runner(b, c) for b, c in zip(bibs, palette, strict=True))
        counts = {b: rng.randint(3, 4) for b in bibs}
        self._add_event(rng, event_id, runners, counts, plan, failure_bib=None)

    def _add_event(
        self,
        rng: random.Random,
        event_id: int,
        runners: tuple[Runner, ...],
        counts: dict[str, int],
        plan: _PhotoPlan,
        failure_bib: str | None,
    ) -> None:
        colour_of = {r.bib: r.colour for r in runners}
        groups = _group_appearances(rng, counts, plan.group2, plan.group3)
        groups.extend([] for _ in range(plan.scenery))
        rng.shuffle(groups)
        start = _epoch(plan.start)
        span = int(plan.hours * 3600)
        times = sorted(start + rng.randrange(span) for _ in groups)
        scenes: list[Scene] = ["race" if g else "scenery" for g in groups]
        singles = [i for i, g in enumerate(groups) if len(g) == 1]
        for i in rng.sample(singles, plan.expo):
            scenes[i] = "expo"
        expo_start = _epoch(plan.expo_start) if plan.expo else 0
        expo_times = iter(sorted(expo_start + rng.randrange(3 * 3600) for _ in range(plan.expo)))
        order = sorted(range(len(groups)), key=lambda i: (scenes[i] != "expo", i))
        raw: list[tuple[int, list[str], Scene]] = []
        race_times = iter(times[plan.expo :])
        for i in order:
            when = next(expo_times) if scenes[i] == "expo" else next(race_times)
            raw.append((when, groups[i], scenes[i]))
        raw.sort(key=lambda item: item[0])
        untimed = set(rng.sample(range(len(raw)), plan.untimed))
        missing: set[int] = set()
        if failure_bib is not None:
            alone = [i for i, item in enumerate(raw) if item[1] == [failure_bib]]
            missing.update(rng.sample(alone, plan.missing))
        photos: list[Photo] = []
        for seq, (when, group, scene) in enumerate(raw, start=1):
            width, height = ORIGINAL_LANDSCAPE if rng.random() < 0.7 else ORIGINAL_PORTRAIT
            photos.append(
                Photo(
                    image_id=_uuid(rng),
                    event_id=event_id,
                    seq=seq,
                    bibs=tuple(group),
                    colours=tuple(colour_of[b] for b in group),
                    captured_at=None if seq - 1 in untimed else when,
                    width=width,
                    height=height,
                    original_size=rng.randint(*ORIGINAL_SIZE_RANGE),
                    original_missing=seq - 1 in missing,
                    scene=scene,
                )
            )
        photos.sort(key=_gallery_key)
        self._index(event_id, runners, photos)

    def _index(self, event_id: int, runners: tuple[Runner, ...], photos: list[Photo]) -> None:
        """Store an event's runners and gallery-ordered photos, by id and by BIB."""
        self._runners[event_id] = runners
        self._photos[event_id] = tuple(photos)
        for photo in photos:
            self._by_id[photo.image_id] = photo
        for runner in runners:
            key = normalise_bib(runner.bib)
            self._by_bib[(event_id, key)] = tuple(p for p in photos if runner.bib in p.bibs)

    # --- queries ----------------------------------------------------------------------------

    @property
    def sample_request_ids(self) -> list[str]:
        return [s.request_id for s in self.ready_searches]

    def org_for_key(self, key: str) -> Org | None:
        return next((o for o in self.orgs.values() if o.api_key == key), None)

    def event(self, event_id: int) -> Event | None:
        return self.events.get(event_id)

    def events_of(self, org_id: int) -> list[Event]:
        """The organisation's events in List Events order (newest date first)."""
        mine = [e for e in self.events.values() if e.org_id == org_id]
        mine.sort(key=lambda e: e.event_id)
        mine.sort(key=lambda e: e.date, reverse=True)
        return mine

    def photos(self, event_id: int) -> tuple[Photo, ...]:
        """All photos of the event in gallery order: capture time, untimed photos last."""
        return self._photos.get(event_id, ())

    def photo(self, image_id: str) -> Photo | None:
        return self._by_id.get(image_id)

    def all_photos(self) -> list[Photo]:
        return [p for photos in self._photos.values() for p in photos]

    def runners(self, event_id: int) -> tuple[Runner, ...]:
        return self._runners.get(event_id, ())

    def runner(self, event_id: int, bib: str) -> Runner | None:
        wanted = normalise_bib(bib)
        return next((r for r in self.runners(event_id) if normalise_bib(r.bib) == wanted), None)

    def photos_for_bib(self, event_id: int, bib: str) -> tuple[Photo, ...]:
        """Photos where ``bib`` was recognised, matched case-insensitively, gallery order."""
        return self._by_bib.get((event_id, normalise_bib(bib)), ())

    def photos_hiding_bib(self, event_id: int, bib: str) -> tuple[Photo, ...]:
        """Photos that show runner ``bib`` with the bib covered (a BIB search misses them)."""
        wanted = normalise_bib(bib)
        return tuple(
            p for p in self.photos(event_id) if wanted in map(normalise_bib, p.hidden_bibs)
        )

    def missing_originals(self, event_id: int | None = None) -> list[str]:
        return [
            p.image_id
            for p in self.all_photos()
            if p.original_missing and (event_id is None or p.event_id == event_id)
        ]

    def ready_search(self, request_id: str) -> ReadySearch | None:
        return next((s for s in self.ready_searches if s.request_id == request_id), None)


def _gallery_key(photo: Photo) -> tuple[bool, int, int]:
    return (photo.captured_at is None, photo.captured_at or 0, photo.seq)


def _group_appearances(
    rng: random.Random, counts: dict[str, int], group2: float, group3: float
) -> list[list[str]]:
    """Turn per-runner photo counts into photos of 1-3 distinct runners each."""
    pending = deque(bib for bib, n in counts.items() for _ in range(n))
    rng.shuffle(pending)
    groups: list[list[str]] = []
    while pending:
        group = [pending.popleft()]
        roll = rng.random()
        want = 3 if roll < group3 else 2 if roll < group3 + group2 else 1
        j = 0
        while len(group) < want and j < len(pending):
            if pending[j] in group:
                j += 1
            else:
                group.append(pending[j])
                del pending[j]
        groups.append(group)
    return groups
