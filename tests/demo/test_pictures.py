"""Generated JPEGs: valid, sized like the real thing, deterministic, cheap to make."""

from __future__ import annotations

import io
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageStat

from app.demo.catalog import DemoCatalog
from app.demo.images import ImageFactory, pad_jpeg
from app.demo.world import Photo


@pytest.fixture(scope="module")
def world() -> DemoCatalog:
    return DemoCatalog()


def factory(world: DemoCatalog) -> ImageFactory:
    return ImageFactory(world.seed, {e.event_id: e.name for e in world.events.values()})


def decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def some_photos(world: DemoCatalog) -> list[Photo]:
    photos = world.photos(world.main_event_id)
    picks = [
        next(p for p in photos if len(p.bibs) == 3),
        next(p for p in photos if not p.bibs),
        next(p for p in photos if p.captured_at is None),
        next(p for p in photos if p.height > p.width),
    ]
    return [*picks, *photos[:4]]


def test_originals_are_camera_sized_jpegs(world: DemoCatalog) -> None:
    images = factory(world)
    for photo in some_photos(world):
        data = images.original(photo)
        assert len(data) == photo.original_size
        assert data[:3] == b"\xff\xd8\xff" and data[-2:] == b"\xff\xd9"
        img = decode(data)
        assert img.format == "JPEG" and img.size == (photo.width, photo.height)
        exif = img.getexif()
        assert exif[0x010F] == "9Pic Demo"
        if photo.captured_at is not None:
            assert 0x9003 in exif.get_ifd(0x8769)


def test_previews_sizes(world: DemoCatalog) -> None:
    images = factory(world)
    for photo in some_photos(world):
        small, large = decode(images.thumbnail(photo)), decode(images.large(photo))
        assert max(small.size) == 400 and max(large.size) == 1600
        assert len(images.thumbnail(photo)) < 60_000
    cover = decode(images.cover(world.events[456], ((255, 0, 0),)))
    assert cover.size == (1200, 630)


def share_near(img: Image.Image, colour: tuple[int, int, int], tolerance: int = 36) -> float:
    """How much of ``img`` is within ``tolerance`` of ``colour`` in every channel."""
    diff = ImageChops.difference(img.convert("RGB"), Image.new("RGB", img.size, colour))
    near = [band.point(lambda v: 255 if v <= tolerance else 0) for band in diff.split()]
    both = ImageChops.logical_and(near[0].convert("1"), near[1].convert("1"))
    mask = ImageChops.logical_and(both, near[2].convert("1"))
    return mask.histogram()[-1] / (img.width * img.height)


def test_pictures_show_the_runners_in_their_colours(world: DemoCatalog) -> None:
    images = factory(world)
    group = next(p for p in world.photos(456) if len(p.bibs) == 3)
    img = decode(images.thumbnail(group))
    for colour in group.colours:
        assert share_near(img, colour) > 0.004, colour
    hidden = world.photos_hiding_bib(456, world.hidden_bib)[0]
    assert share_near(decode(images.thumbnail(hidden)), hidden.hidden_colours[0]) > 0.004


def test_a_scene_is_the_same_at_every_size_and_differs_between_photos(
    world: DemoCatalog,
) -> None:
    images = factory(world)
    photos = world.photos(456)
    one, other = photos[60], next(p for p in photos[61:] if p.width == photos[60].width)
    small = decode(images.thumbnail(one)).convert("RGB")
    large = decode(images.large(one)).convert("RGB").resize(small.size)
    same = ImageStat.Stat(ImageChops.difference(small, large)).mean
    assert max(same) < 12, "the thumbnail shows the large preview's scene"
    else_ = decode(images.thumbnail(other)).convert("RGB")
    different = ImageStat.Stat(ImageChops.difference(small, else_)).mean
    assert sum(different) > 3 * sum(same) and max(different) > 15


def jpeg_segments(data: bytes) -> list[tuple[int, int]]:
    """(marker, length) of every segment before the scan."""
    segments, pos = [], 2
    while data[pos] == 0xFF and data[pos + 1] != 0xDA:
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segments.append((data[pos + 1], length))
        pos += 2 + length
    return segments


def test_originals_get_their_size_from_the_picture(world: DemoCatalog) -> None:
    images = factory(world)
    for photo in some_photos(world)[:5]:
        data = images.original(photo)
        padding = [length for marker, length in jpeg_segments(data) if marker == 0xEF]
        assert len(padding) <= 16 and sum(padding) <= 0.15 * len(data), photo.seq
        if shutil.which("file"):
            described = subprocess.run(
                ["file", "-b", "-"], input=data, capture_output=True, check=True
            ).stdout.decode()
            assert described.startswith("JPEG image data") and "ERROR" not in described
            assert f"{photo.width}x{photo.height}" in described


def test_same_seed_same_bytes(world: DemoCatalog) -> None:
    photo = world.photos(456)[10]
    a, b = factory(world), factory(world)
    assert a.original(photo) == b.make_original(photo)
    assert a.thumbnail(photo) == b.thumbnail(photo)
    assert a.original(photo) is a.original(photo), "cached"


def test_concurrent_requests_render_once(world: DemoCatalog) -> None:
    images = factory(world)
    photo = world.photos(456)[50]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: images.original(photo), range(6)))
    assert all(r is results[0] for r in results)


@settings(max_examples=40, deadline=None)
@given(extra=st.one_of(st.integers(0, 12), st.integers(65_520, 65_560), st.integers(0, 400_000)))
def test_padding_hits_the_exact_size(extra: int) -> None:
    base = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 30)).save(base, "JPEG")
    data = base.getvalue()
    target = len(data) + extra
    padded = pad_jpeg(data, target, bytes(range(256)) * 2000)
    assert len(padded) == target
    assert padded[-2:] == b"\xff\xd9"
    assert decode(padded).size == (64, 48)
