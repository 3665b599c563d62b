"""Generated JPEGs: thumbnails, large previews, originals, event covers and selfies.

Pictures are drawn with Pillow on demand and cached, so starting the stand-in costs nothing
and a user sees a race photo (the scene comes from ``scenes.py``) with a caption naming the
frame and its capture time. Originals are real, decodable JPEGs whose camera-like 2-6 MB
come from the picture itself: grain at full resolution, encoded at the best quality that
fits the catalogued size; a few application segments make up the last bytes exactly.
"""

from __future__ import annotations

import functools
import io
import random
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from PIL import Image, ImageChops, ImageDraw, ImageFont

from app.core.lru import ByteLRU
from app.demo.scenes import draw_scene
from app.demo.scenes import font as _font
from app.demo.world import RGB, Event, Photo

THUMBNAIL_EDGE: Final = 400
LARGE_EDGE: Final = 1600
COVER_SIZE: Final = (1200, 630)
SELFIE_SIZE: Final = (480, 600)
ORIGINAL_QUALITIES: Final[tuple[tuple[int, float], ...]] = (
    (100, 1.38), (99, 1.25), (98, 1.063), (97, 0.956), (96, 0.861), (95, 0.78), (94, 0.715),
    (93, 0.663), (92, 0.613), (90, 0.553), (88, 0.497), (85, 0.43), (80, 0.356), (70, 0.282),
)  # fmt: skip
"""(JPEG quality, most bytes per pixel it gave on 20 grainy demo scenes at 4:2:0), best
first; a file above its target steps down the list, so a wrong guess costs time, not size."""
GRAIN_STRENGTH: Final = 0.45
PREVIEW_QUALITY: Final = 82
SKIN: Final[RGB] = (236, 188, 150)
UNKNOWN_GREY: Final[RGB] = (128, 128, 128)

_PAD_MARKER: Final = b"\xff\xef"  # APP15: ignored by every decoder
_PAD_ID: Final = b"9PIC-PAD\x00"
_MAX_SEGMENT: Final = 0xFFFF  # the length field counts itself (2 bytes) and the payload
_FILLER_POOL_BYTES: Final = 8 * 1024 * 1024


def _text_colour(bg: RGB) -> RGB:
    luminance = 0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2]
    return (20, 20, 20) if luminance > 140 else (245, 245, 245)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _fit_font(
    text: str, box_w: float, box_h: float
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    reference = _font(100).getlength(text) or 1.0
    size = int(min(box_h * 0.62, box_w * 0.88 * 100 / reference))
    return _font(max(size, 6))


def _caption(photo: Photo) -> str:
    if photo.captured_at is None:
        when = "no capture time"
    else:
        when = datetime.fromtimestamp(photo.captured_at, UTC).strftime("%d %b %H:%M UTC")
    scene = {"race": "", "expo": " · bib pickup", "scenery": " · course"}[photo.scene]
    return f"#{photo.seq} · {when}{scene}"


def render_photo(
    photo: Photo, event_name: str, size: tuple[int, int], watermark: bool
) -> Image.Image:
    """Draw one photo: its race scene (``scenes.py``), a caption strip, and on previews the
    "9PIC DEMO" watermark blended over the picture."""
    w, h = size
    img = draw_scene(photo, event_name, size)
    draw = ImageDraw.Draw(img)
    strip = max(round(h * 0.05), 10)
    body_h = h - strip
    if watermark:  # blended through a mask as small as the text (a full-frame one is slow)
        mark = "9PIC DEMO"
        mark_font = _fit_font(mark, w * 0.5, h * 0.14)
        left, top, right, bottom = (int(v) for v in mark_font.getbbox(mark, anchor="mm"))
        mask = Image.new("L", (right - left + 1, bottom - top + 1), 0)
        ImageDraw.Draw(mask).text((-left, -top), mark, font=mark_font, fill=88, anchor="mm")
        for fx, fy in ((0.3, 0.28), (0.7, 0.62)):
            img.paste((255, 255, 255), (round(w * fx) + left, round(body_h * fy) + top), mask)
    draw.rectangle((0, body_h, w, h), fill=(24, 24, 28))
    caption = f"{_caption(photo)} · {event_name}"
    caption_width = _font(100).getlength(caption) or 1.0
    caption_size = int(min(strip * 0.55, (w - strip) * 100 / caption_width))
    draw.text(
        (strip * 0.4, body_h + strip / 2),
        caption,
        font=_font(caption_size),
        fill=(240, 240, 240),
        anchor="lm",
    )
    return img


def _encode(
    img: Image.Image, quality: int, exif: Image.Exif | None = None, subsampling: int = -1
) -> bytes:
    out = io.BytesIO()
    if exif is None:
        img.save(out, "JPEG", quality=quality, subsampling=subsampling)
    else:
        img.save(out, "JPEG", quality=quality, exif=exif, subsampling=subsampling)
    return out.getvalue()


def _exif(photo: Photo) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "9Pic Demo"  # Make
    exif[0x0110] = "Stand-in Camera"  # Model
    exif[0x010E] = "BIB " + ", ".join(photo.bibs) if photo.bibs else "course"  # ImageDescription
    if photo.captured_at is not None:
        stamp = datetime.fromtimestamp(photo.captured_at, UTC).strftime("%Y:%m:%d %H:%M:%S")
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = stamp  # DateTimeOriginal
        sub[0x9011] = "+00:00"  # OffsetTimeOriginal
    return exif


def pad_jpeg(data: bytes, target_size: int, filler: bytes) -> bytes:
    """Grow a JPEG to exactly ``target_size`` bytes with APP15 segments after its headers.

    The picture is untouched: decoders skip unknown application segments. ``filler`` must hold
    at least ``target_size - len(data)`` bytes.
    """
    need = target_size - len(data)
    if need <= 0:
        return data
    # Insert after SOI and the leading APPn segments (JFIF, Exif), before the tables.
    pos = 2
    while data[pos] == 0xFF and 0xE0 <= data[pos + 1] <= 0xEF:
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    overhead = 4 + len(_PAD_ID)
    if need < overhead:  # too little for a segment: 0xFF fill bytes before the next marker
        return data[:pos] + b"\xff" * need + data[pos:]
    segments: list[bytes] = []
    taken = 0
    while need > 0:
        seg_total = min(need, _MAX_SEGMENT + 2)
        rest = need - seg_total
        if 0 < rest < overhead:
            seg_total -= overhead - rest
        payload = seg_total - overhead
        body = filler[taken : taken + payload]
        taken += payload
        length = (2 + len(_PAD_ID) + payload).to_bytes(2, "big")
        segments.append(_PAD_MARKER + length + _PAD_ID + body)
        need -= seg_total
    return data[:pos] + b"".join(segments) + data[pos:]


def render_selfie(colour: RGB, label: str) -> bytes:
    """A face-like drawing on a background of ``colour``; the stand-in's face matcher reads
    the background colour, so any file showing this picture finds that runner."""
    w, h = SELFIE_SIZE
    img = Image.new("RGB", SELFIE_SIZE, colour)
    draw = ImageDraw.Draw(img)
    shirt = _mix(colour, (0, 0, 0), 0.35)
    draw.ellipse((w * 0.16, h * 0.7, w * 0.84, h * 1.15), fill=shirt)
    draw.rectangle((0, h - 46, w, h), fill=colour)
    draw.ellipse((w * 0.3, h * 0.2, w * 0.7, h * 0.68), fill=SKIN)
    for ex in (0.42, 0.58):
        draw.ellipse((w * ex - 9, h * 0.38 - 9, w * ex + 9, h * 0.38 + 9), fill=(40, 30, 30))
    draw.arc((w * 0.4, h * 0.44, w * 0.6, h * 0.58), 20, 160, fill=(150, 50, 50), width=5)
    draw.text((w / 2, 72), label, font=_font(30), fill=_text_colour(colour), anchor="mm")
    return _encode(img, 88)


def render_cover(event: Event, colours: tuple[RGB, ...]) -> bytes:
    """An event cover: stripes of some runner colours and the event name."""
    w, h = COVER_SIZE
    img = Image.new("RGB", COVER_SIZE, (30, 34, 44))
    draw = ImageDraw.Draw(img)
    shown = colours[:8] or ((90, 110, 140),)
    stripe = w / len(shown)
    for i, colour in enumerate(shown):
        draw.rectangle((i * stripe, h * 0.62, (i + 1) * stripe, h), fill=colour)
    draw.text(
        (w / 2, h * 0.3),
        event.name,
        font=_fit_font(event.name, w * 0.9, h * 0.3),
        fill=(255, 255, 255),
        anchor="mm",
    )
    draw.text((w / 2, h * 0.5), event.date[:10], font=_font(36), fill=(200, 200, 210), anchor="mm")
    return _encode(img, PREVIEW_QUALITY)


@dataclass(frozen=True)
class _Caches:
    previews: ByteLRU
    originals: ByteLRU
    stripes: tuple[threading.Lock, ...]


_shared_caches: dict[tuple[int, int], _Caches] = {}
_shared_lock = threading.Lock()


def _caches(preview_bytes: int, original_bytes: int) -> _Caches:
    """One set of caches per budget for the whole process: a picture depends only on the
    seed, the event name and the photo (all in the key), so every stand-in in the process
    (tests start many) reuses what another one drew."""
    with _shared_lock:
        found = _shared_caches.get((preview_bytes, original_bytes))
        if found is None:
            stripes = tuple(threading.Lock() for _ in range(64))
            found = _Caches(ByteLRU(preview_bytes), ByteLRU(original_bytes), stripes)
            _shared_caches[(preview_bytes, original_bytes)] = found
        return found


class ImageFactory:
    """Makes and caches every picture the stand-in serves; safe to call from many threads.

    Each key is made at most once at a time (striped locks), so concurrent requests for the
    same original wait for one rendering instead of racing to draw it twice.
    """

    def __init__(
        self,
        seed: int,
        event_names: dict[int, str],
        *,
        preview_cache_bytes: int = 96 * 1024 * 1024,
        original_cache_bytes: int = 192 * 1024 * 1024,
    ) -> None:
        self._seed = seed
        self._event_names = event_names
        caches = _caches(preview_cache_bytes, original_cache_bytes)
        self._previews = caches.previews
        self._originals = caches.originals
        self._stripes = caches.stripes
        self._filler: bytes | None = None
        self._filler_lock = threading.Lock()

    def _key(self, kind: str, photo: Photo) -> Hashable:
        return (kind, self._seed, self._event_names.get(photo.event_id, ""), photo)

    def _cached(self, cache: ByteLRU, key: Hashable, make: Callable[[], bytes]) -> bytes:
        value = cache.get(key)
        if value is not None:
            return value
        with self._stripes[hash(key) % len(self._stripes)]:
            value = cache.get(key)
            if value is None:
                value = make()
                cache.put(key, value)
            return value

    def _filler_pool(self) -> bytes:
        with self._filler_lock:
            if self._filler is None:
                self._filler = random.Random(self._seed ^ 0x9F1C).randbytes(_FILLER_POOL_BYTES)
            return self._filler

    def _preview(self, photo: Photo, edge: int, exif: Image.Exif | None = None) -> bytes:
        scale = edge / max(photo.width, photo.height)
        size = (round(photo.width * scale), round(photo.height * scale))
        name = self._event_names.get(photo.event_id, "")
        return _encode(render_photo(photo, name, size, watermark=True), PREVIEW_QUALITY, exif)

    def thumbnail(self, photo: Photo) -> bytes:
        """~400 px long edge, watermarked (what ``thumbnail_url`` serves)."""
        return self._cached(
            self._previews, self._key("small", photo), lambda: self._preview(photo, THUMBNAIL_EDGE)
        )

    def large(self, photo: Photo) -> bytes:
        """~1600 px long edge, watermarked (what ``img_url`` serves), keeping the camera's
        EXIF as exported previews do (so the capture time travels with it when known)."""
        return self._cached(
            self._previews,
            self._key("large", photo),
            lambda: self._preview(photo, LARGE_EDGE, _exif(photo)),
        )

    def cover(self, event: Event, colours: tuple[RGB, ...]) -> bytes:
        return self._cached(
            self._previews,
            ("cover", self._seed, event, colours),
            lambda: render_cover(event, colours),
        )

    def original(self, photo: Photo) -> bytes:
        """The unwatermarked original at ``photo.width x photo.height``, exactly
        ``photo.original_size`` bytes; the same bytes every time for a given seed."""
        return self._cached(
            self._originals, self._key("original", photo), lambda: self.make_original(photo)
        )

    def make_original(self, photo: Photo) -> bytes:
        """Render an original without touching the cache (used by exports and timing tests).

        The scene and its grain are drawn at half the size and doubled pixel for pixel: a
        quarter of the drawing work, and the encoder still meets real detail everywhere."""
        name = self._event_names.get(photo.event_id, "")
        half = (photo.width // 2, photo.height // 2)
        drawn = add_grain(render_photo(photo, name, half, watermark=False))
        img = drawn.resize((photo.width, photo.height), Image.Resampling.NEAREST)
        data = encode_original(img, photo.original_size, _exif(photo))
        pool = self._filler_pool()
        need = max(photo.original_size - len(data), 0)
        start = int(photo.image_id.replace("-", ""), 16) % (len(pool) - need + 1)
        return pad_jpeg(data, photo.original_size, pool[start : start + need])


@functools.cache
def _grain(size: tuple[int, int]) -> Image.Image:
    """Sensor-like grain centred on 128, mostly luminance and a little colour; one fixed
    pattern per picture size (made once), so adding it is a single pass."""
    w, h = size
    rng = random.Random(0x6A1 + w)
    luma = Image.frombytes("L", size, rng.randbytes(w * h))
    colour = Image.frombytes("RGB", size, rng.randbytes(w * h * 3))
    mixed = Image.blend(Image.merge("RGB", (luma, luma, luma)), colour, 0.3)
    return mixed.point([round(128 + (v - 128) * GRAIN_STRENGTH) for v in range(256)] * 3)


_grain_lock = threading.Lock()


def add_grain(img: Image.Image) -> Image.Image:
    """The picture with grain on every pixel: real detail a JPEG has to encode."""
    with _grain_lock:
        grain = _grain(img.size)
    return ImageChops.add(img, grain, 1.0, -128)


def encode_original(img: Image.Image, target: int, exif: Image.Exif) -> bytes:
    """The best JPEG quality whose file stays within ``target`` bytes: start from the
    measured bytes per pixel, step down if this picture came out bigger."""
    pixels = img.width * img.height
    fits = [q for q, per_pixel in ORIGINAL_QUALITIES if per_pixel * pixels <= target]
    qualities = [q for q, _ in ORIGINAL_QUALITIES]
    start = qualities.index(fits[0]) if fits else len(qualities) - 1
    for quality in qualities[start:]:
        data = _encode(img, quality, exif, subsampling=2)
        if len(data) <= target:
            return data
    return data
