"""The JPEG marker walk: whole files end at their real EOI; any cut is incomplete."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.downloads.jpeg import JpegEndFinder
from tests.jpeg_bytes import framed_jpeg, real_jpeg, with_inner_thumbnail

SAMPLES = {
    "baseline": real_jpeg(120, 80),
    "progressive": real_jpeg(120, 80, progressive=True),
    "optimized": real_jpeg(90, 120, optimize=True),
    "exif thumbnail": with_inner_thumbnail(real_jpeg(120, 80), real_jpeg(32, 24)),
    "framed": framed_jpeg(5000),
}


def walk(data: bytes, step: int) -> JpegEndFinder:
    finder = JpegEndFinder()
    for start in range(0, len(data), step):
        finder.feed(memoryview(data)[start : start + step])
    return finder


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("step", [1, 2, 3, 7, 64, 4096, 1 << 20])
def test_a_whole_jpeg_ends_at_its_last_byte(name: str, step: int) -> None:
    data = SAMPLES[name]
    finder = walk(data, step)
    assert finder.complete and finder.end == len(data)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(SAMPLES)),
    cut=st.floats(0, 1, exclude_max=True),
    step=st.integers(1, 5000),
)
def test_any_cut_is_incomplete(name: str, cut: float, step: int) -> None:
    data = SAMPLES[name]
    assert not walk(data[: int(cut * len(data))], step).complete


def test_a_cut_right_after_the_inner_thumbnail_is_incomplete() -> None:
    data = SAMPLES["exif thumbnail"]
    inner_end = data.index(b"\xff\xd9") + 2
    assert inner_end < len(data) // 2
    assert not walk(data[:inner_end], 4096).complete


def test_bytes_after_the_end_of_image_are_allowed() -> None:
    data = SAMPLES["baseline"] + b"trailing camera data"
    finder = walk(data, 100)
    assert finder.complete and finder.end == len(SAMPLES["baseline"])


@pytest.mark.parametrize("data", [b"<html>", b"\xff\xd8\xff\xe1\x00\x01", b"\xff\xd8\xff\xd8"])
def test_what_cannot_be_a_jpeg_is_broken(data: bytes) -> None:
    finder = walk(data, 3)
    assert finder.broken and not finder.complete
