"""The JPEG marker walk, quick and exact: whole files end at their real EOI, any cut is
incomplete; a file with bytes after its EOI is whole to the exact walk (the writer's
second look), and a body that is no JPEG is broken."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.downloads.jpeg import JpegEndFinder
from app.core.downloads.writer import PartFile, file_digest
from tests.jpeg_bytes import framed_jpeg, real_jpeg, with_inner_thumbnail

SAMPLES = {
    "baseline": real_jpeg(120, 80),
    "progressive": real_jpeg(120, 80, progressive=True),
    "optimized": real_jpeg(90, 120, optimize=True),
    "exif thumbnail": with_inner_thumbnail(real_jpeg(120, 80), real_jpeg(32, 24)),
    "framed": framed_jpeg(5000),
}


WALKS = {"quick": False, "exact": True}


def walk(data: bytes, step: int, *, scan: bool = False) -> JpegEndFinder:
    finder = JpegEndFinder(scan=scan)
    for start in range(0, len(data), step):
        finder.feed(memoryview(data)[start : start + step])
    return finder


@pytest.mark.parametrize("scan", WALKS.values(), ids=WALKS)
@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("step", [1, 2, 3, 7, 64, 4096, 1 << 20])
def test_a_whole_jpeg_ends_at_its_last_byte(name: str, step: int, scan: bool) -> None:
    data = SAMPLES[name]
    finder = walk(data, step, scan=scan)
    assert finder.complete and finder.end == len(data)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(SAMPLES)),
    cut=st.floats(0, 1, exclude_max=True),
    step=st.integers(1, 5000),
    scan=st.booleans(),
)
def test_any_cut_is_incomplete(name: str, cut: float, step: int, scan: bool) -> None:
    data = SAMPLES[name]
    assert not walk(data[: int(cut * len(data))], step, scan=scan).complete


@pytest.mark.parametrize("name", ["progressive", "optimized"])
@pytest.mark.parametrize("scan", WALKS.values(), ids=WALKS)
def test_a_cut_at_any_byte_of_a_many_scan_file_is_incomplete(name: str, scan: bool) -> None:
    """Every cut, not a sample of them: the tables between a progressive file's scans
    hold no FF D9 the quick walk could take for the end."""
    data = SAMPLES[name]
    assert not any(walk(data[:cut], 1 << 20, scan=scan).complete for cut in range(len(data)))


@pytest.mark.parametrize("scan", WALKS.values(), ids=WALKS)
def test_a_cut_right_after_the_inner_thumbnail_is_incomplete(scan: bool) -> None:
    data = SAMPLES["exif thumbnail"]
    inner_end = data.index(b"\xff\xd9") + 2
    assert inner_end < len(data) // 2
    assert not walk(data[:inner_end], 4096, scan=scan).complete


def test_bytes_after_the_end_of_image_are_for_the_exact_walk() -> None:
    data = SAMPLES["baseline"] + b"trailing camera data"
    exact = walk(data, 100, scan=True)
    assert exact.complete and exact.end == len(SAMPLES["baseline"])
    assert not walk(data, 100).complete  # the quick walk cannot tell: a second look


def test_the_writer_takes_a_second_look_before_calling_a_photo_cut_short(tmp_path) -> None:
    trailing = SAMPLES["exif thumbnail"] + b"\0" * 300  # an encoder's padding
    part = PartFile.open(tmp_path, "a.jpg", resume=False)
    part.write(trailing)
    part.finish()
    part.place("a.jpg")
    assert file_digest(tmp_path / "a.jpg")[2] is True
    cut = PartFile.open(tmp_path, "b.jpg", resume=False)
    cut.write(SAMPLES["progressive"][:-1])
    with pytest.raises(ValueError, match="stops before its end of image"):
        cut.finish()
    cut.close(delete=True)
    (tmp_path / "c.jpg").write_bytes(SAMPLES["baseline"][:-5])
    assert file_digest(tmp_path / "c.jpg")[2] is False


@pytest.mark.parametrize("scan", WALKS.values(), ids=WALKS)
@pytest.mark.parametrize("data", [b"<html>", b"\xff\xd8\xff\xe1\x00\x01", b"\xff\xd8\xff\xd8"])
def test_what_cannot_be_a_jpeg_is_broken(data: bytes, scan: bool) -> None:
    finder = walk(data, 3, scan=scan)
    assert finder.broken and not finder.complete
