"""The seeded demo world has everything the client's paging and failure paths need."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from app.demo.catalog import DemoCatalog
from app.demo.world import PALETTE


@pytest.fixture(scope="module")
def world() -> DemoCatalog:
    return DemoCatalog()


def test_main_event_size_and_runner_counts(world: DemoCatalog) -> None:
    photos = world.photos(world.main_event_id)
    assert len(photos) >= 400
    runners = world.runners(world.main_event_id)
    assert len(runners) >= 40
    counts = Counter(bib for p in photos for bib in p.bibs)
    assert set(counts) == {r.bib for r in runners}
    assert all(3 <= n <= 40 for n in counts.values())
    assert max(counts.values()) > 32 and min(counts.values()) == 3
    assert 33 in counts.values(), "a runner whose second page holds one photo"
    assert sum(1 for p in photos if len(p.bibs) >= 2) >= 20
    assert any(len(p.bibs) == 3 for p in photos)
    assert any(not p.bibs for p in photos), "course shots with nobody in them"
    assert len(set(p.image_id for p in photos)) == len(photos)


def test_bibs_colours_and_samples(world: DemoCatalog) -> None:
    runners = world.runners(world.main_event_id)
    bibs = [r.bib for r in runners]
    assert sum(b.isdigit() for b in bibs) >= len(bibs) - 2
    assert {"A17", "K42"} <= set(bibs)
    assert len({r.colour for r in runners}) == len(runners)
    big, typical, small, alnum = world.sample_bibs
    assert len(world.photos_for_bib(world.main_event_id, big)) == 40
    assert len(world.photos_for_bib(world.main_event_id, small)) == 3
    assert alnum == "A17"
    assert world.photos_for_bib(world.main_event_id, "a17") == world.photos_for_bib(
        world.main_event_id, "A17"
    )
    assert any(p.original_missing for p in world.photos_for_bib(world.main_event_id, typical))


def test_palette_is_well_separated() -> None:
    closest = min(math.dist(a, b) for a, b in itertools.combinations(PALETTE, 2))
    assert closest > 60
    greys = [(v, v, v) for v in range(256)]
    assert min(math.dist(c, g) for c in PALETTE for g in greys) > 40


def test_times_missing_originals_and_sizes(world: DemoCatalog) -> None:
    photos = world.photos(world.main_event_id)
    untimed = [p for p in photos if p.captured_at is None]
    assert len(untimed) >= 5
    times = [p.captured_at for p in photos if p.captured_at is not None]
    race_day = [t for t in times if t >= times[-1] - 6 * 3600]
    assert max(race_day) - min(race_day) > 3 * 3600
    assert all(2_000_000 <= p.original_size <= 6_000_000 for p in photos)
    assert {(p.width, p.height) for p in photos} == {(2400, 1600), (1600, 2400)}
    assert all(p.object_path == f"imgs/456/large/{p.image_id}.jpg" for p in photos)


def assert_one_failure_place(world: DemoCatalog) -> None:
    """The deliberate failure lives in one photo of the failure BIB alone, nowhere else."""
    [missing] = world.missing_originals()
    photo = world.photo(missing)
    assert photo is not None and photo.bibs == (world.failure_bib,) and not photo.hidden_bibs
    assert world.failure_bib == world.sample_bibs[1]


def test_the_failure_sits_in_one_documented_bib(world: DemoCatalog) -> None:
    assert_one_failure_place(world)
    event = world.main_event_id
    for bib in world.sample_bibs:
        photos = world.photos_for_bib(event, bib)
        failing = [p for p in photos if p.original_missing]
        assert len(failing) == (1 if bib == world.failure_bib else 0), bib
    for ready in world.ready_searches:
        fails = any(p.original_missing for p in world.photos_for_bib(event, ready.bib))
        assert fails == (ready.bib == world.failure_bib)


def test_a_runner_with_a_hidden_bib_is_beside_their_visible_photos(world: DemoCatalog) -> None:
    event, bib = world.main_event_id, world.hidden_bib
    assert bib == world.sample_bibs[2]
    visible = world.photos_for_bib(event, bib)
    hidden = world.photos_hiding_bib(event, bib)
    assert len(visible) == 3 and len(hidden) == 3
    assert not set(visible) & set(hidden), "a BIB search misses them"
    assert any(p.bibs == () for p in hidden), "one is tagged with no BIB"
    assert any(p.bibs and bib not in p.bibs for p in hidden), "one with a neighbour's BIB"
    times = [p.captured_at for p in visible if p.captured_at is not None]
    for photo in hidden:
        assert photo.captured_at is not None and not photo.original_missing
        assert min(abs(photo.captured_at - t) for t in times) <= 120
        assert photo.hidden_bibs == (bib,) and photo in world.photos(event)
    seqs = [p.seq for p in world.photos(event)]
    assert sorted(seqs) == list(range(1, len(seqs) + 1)), "frame numbers stay unique"


def test_the_readme_quick_start_just_works(world: DemoCatalog) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    event = world.main_event_id
    [first_bib] = re.findall(r"download --bib (\w+)", readme)[:1]
    offered = re.search(r"Try BIB (.*?), the selfie\s+search id `([0-9a-f-]+)`", readme, re.S)
    assert offered is not None
    bibs = re.findall(r"`(\w+)`", offered.group(1))
    ready = world.ready_search(offered.group(2))
    assert ready is not None and ready.bib == first_bib
    for bib in {first_bib, *bibs, ready.bib}:
        photos = world.photos_for_bib(event, bib)
        assert photos and not any(p.original_missing for p in photos), bib
    flowing = " ".join(readme.split())
    assert re.search(f"BIB `{world.failure_bib}`[^.]* shows what a failure looks like", flowing)


def test_other_events(world: DemoCatalog) -> None:
    off = world.events[world.selfie_off_event_id]
    assert not off.selfie_search and off.bib_search
    assert 30 <= len(world.photos(off.event_id)) <= 50
    assert world.photos(world.empty_event_id) == ()
    assert world.events[world.draft_event_id].status == "draft"
    other = world.events[world.other_event_id]
    assert other.org_id == world.other_org_id != world.main_org_id
    assert world.org_for_key(world.other_api_key) is not None
    assert world.org_for_key("nope") is None
    assert len(world.events_of(world.main_org_id)) > 10, "List Events has a second page"


def test_ready_searches(world: DemoCatalog) -> None:
    assert len(world.ready_searches) >= 3
    for ready in world.ready_searches:
        assert world.photos_for_bib(ready.event_id, ready.bib)
        assert world.ready_search(ready.request_id) == ready


@pytest.mark.parametrize("seed", [1, 7, 99, 31337])
def test_any_seed_keeps_the_guarantees(seed: int) -> None:
    world = DemoCatalog(seed)
    photos = world.photos(world.main_event_id)
    counts = Counter(bib for p in photos for bib in p.bibs)
    assert len(photos) >= 400
    assert all(3 <= n <= 40 for n in counts.values())
    assert_one_failure_place(world)
    assert len(world.photos_hiding_bib(world.main_event_id, world.hidden_bib)) == 3


def test_same_seed_same_world() -> None:
    a, b = DemoCatalog(5), DemoCatalog(5)
    assert a.photos(456) == b.photos(456)
    assert a.sample_request_ids == b.sample_request_ids
    assert DemoCatalog(6).photos(456) != a.photos(456)
