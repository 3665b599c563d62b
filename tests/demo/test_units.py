"""Small pieces on their own: pagination, Range parsing, selfie matching, fault dice."""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from app.demo.catalog import DemoCatalog
from app.demo.config import FaultKnobs
from app.demo.faces import SelfieRejected, match_runner, probe_selfie
from app.demo.faults import FaultInjector
from app.demo.files import parse_range
from app.demo.images import UNKNOWN_GREY, render_selfie
from app.demo.paging import paginate


@given(total=st.integers(0, 1000), page_size=st.integers(1, 100), page=st.integers(1, 60))
def test_paginate(total: int, page_size: int, page: int) -> None:
    result = paginate(total, page, page_size)
    info = result.info
    assert info["page_size"] == page_size and info["total"] == total
    if total == 0:
        assert info["currentPage"] == info["totalPages"] == 0
        assert info["hasNextPage"] is info["hasPreviousPage"] is False
        assert result.start == result.stop == 0
        return
    pages = info["totalPages"]
    assert isinstance(pages, int) and (pages - 1) * page_size < total <= pages * page_size
    assert info["currentPage"] == page
    assert info["hasNextPage"] is (page < pages)
    assert info["hasPreviousPage"] is (page > 1)
    expected = range(total)[(page - 1) * page_size : page * page_size]
    assert range(result.start, result.stop) == expected or result.start == result.stop == total


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-9", (0, 9)),
        ("bytes=5-", (5, 99)),
        ("bytes=-10", (90, 99)),
        ("bytes=-1000", (0, 99)),
        ("bytes=90-500", (90, 99)),
        ("bytes=100-", False),
        ("bytes=-0", False),
        ("bytes=9-3", None),
        ("bytes=0-1,4-5", None),
        ("items=0-1", None),
        ("bytes=-", None),
    ],
)
def test_parse_range(header: str | None, expected: object) -> None:
    assert parse_range(header, 100) == expected


@pytest.fixture(scope="module")
def world() -> DemoCatalog:
    return DemoCatalog()


def test_every_runner_selfie_matches_only_that_runner(world: DemoCatalog) -> None:
    for event_id in (world.main_event_id, world.other_event_id):
        runners = world.runners(event_id)
        for runner in runners:
            probe = probe_selfie(render_selfie(runner.colour, runner.bib))
            assert match_runner(probe, runners) == runner


def test_strangers_match_nobody(world: DemoCatalog) -> None:
    runners = world.runners(world.main_event_id)
    assert match_runner(probe_selfie(render_selfie(UNKNOWN_GREY, "?")), runners) is None
    rng = random.Random(3)
    noise = Image.frombytes("RGB", (300, 300), rng.randbytes(300 * 300 * 3))
    out = io.BytesIO()
    noise.save(out, "PNG")
    assert match_runner(probe_selfie(out.getvalue()), runners) is None
    a_photo = io.BytesIO()
    stripes = Image.new("RGB", (200, 200), (255, 0, 0))
    stripes.paste((0, 0, 255), (0, 0, 100, 200))
    stripes.save(a_photo, "JPEG")
    assert match_runner(probe_selfie(a_photo.getvalue()), runners) is None


@pytest.mark.parametrize("data", [b"", b"plain text", b"\xff\xd8\xff\xe0broken"])
def test_non_images_are_rejected(data: bytes) -> None:
    with pytest.raises(SelfieRejected):
        probe_selfie(data)


def test_fault_dice() -> None:
    quiet = FaultInjector(FaultKnobs(), seed=1)
    assert all(quiet.api_fault() is None for _ in range(100))
    assert quiet.truncation_point(1000) is None
    loud = FaultInjector(FaultKnobs(throttle=1.0, fault_rate=1.0, truncate_rate=1.0), seed=1)
    fault = loud.api_fault()
    assert fault is not None and fault.status == 429 and fault.before_handler
    cut = loud.truncation_point(1000)
    assert cut is not None and 0 < cut < 1000
    loud.update(throttle=0.0)
    statuses = {f.status for _ in range(60) if (f := loud.api_fault()) is not None}
    assert statuses == {500, 502, 503}
    with pytest.raises(TypeError):
        loud.update(nonsense=1)
