"""Generated JPEGs: valid, sized like the real thing, deterministic, cheap to make."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from app.demo.catalog import DemoCatalog, Photo
from app.demo.images import ImageFactory, pad_jpeg


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


def test_pictures_show_the_runner_colour(world: DemoCatalog) -> None:
    photo = next(p for p in world.photos(456) if len(p.bibs) == 1)
    img = decode(factory(world).thumbnail(photo)).convert("RGB")
    corner = img.getpixel((3, 3))
    assert isinstance(corner, tuple)
    assert max(abs(a - b) for a, b in zip(corner, photo.colours[0], strict=False)) < 20


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
