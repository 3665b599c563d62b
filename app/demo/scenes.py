"""Race scenes drawn with Pillow: sky and road, crowd, a finish arch or course tape, runners.

A photo's scene is laid out from a random stream seeded by its image id, in coordinates
relative to the picture, so the thumbnail, the large preview and the original show the same
scene at any size and every run draws the same pixels. The runners a photo is tagged with
wear readable bibs (some partly behind an arm); ``Photo.hidden_bibs`` runners have the bib
covered; far runners in the background have bibs too small to read. About half the race
photos are panning shots: the background is streaked, the runners sharp.
"""

from __future__ import annotations

import functools
import random
import threading
from dataclasses import dataclass
from typing import Final, Literal

from PIL import Image, ImageDraw, ImageFont

from app.demo.world import RGB, Photo

Cover = Literal["none", "corner", "full"]
Draw = ImageDraw.ImageDraw
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

SKIES: Final[tuple[tuple[RGB, RGB], ...]] = (
    ((62, 118, 196), (186, 214, 238)),  # clear morning
    ((98, 140, 186), (222, 226, 226)),  # hazy
    ((70, 96, 164), (246, 196, 150)),  # early light
    ((140, 150, 164), (210, 214, 218)),  # overcast
)
SKINS: Final[tuple[RGB, ...]] = (
    (241, 200, 166), (224, 172, 130), (198, 140, 100), (150, 100, 70), (100, 66, 46),
)  # fmt: skip
CLOTHES: Final[tuple[RGB, ...]] = (
    (40, 44, 60), (200, 60, 50), (230, 230, 235), (60, 110, 170), (240, 190, 60),
    (70, 140, 90), (150, 80, 150), (110, 110, 118), (250, 130, 60), (30, 30, 34),
)  # fmt: skip
ARCH_COLOURS: Final[tuple[RGB, ...]] = ((200, 30, 40), (20, 70, 160), (230, 120, 20))
TAPE: Final[tuple[RGB, RGB]] = ((225, 40, 40), (245, 245, 245))
ASPHALT: Final[RGB] = (92, 94, 100)
GRASS: Final[RGB] = (96, 140, 70)


_local = threading.local()


def font(size: int) -> Font:
    """Pillow's bundled scalable font, one instance per thread and size (fonts aren't shared
    across threads because FreeType faces are not safe to use concurrently)."""
    cache: dict[int, Font] | None = getattr(_local, "fonts", None)
    if cache is None:
        cache = {}
        _local.fonts = cache
    made = cache.get(size)
    if made is None:
        made = ImageFont.load_default(size=max(size, 6))
        cache[size] = made
    return made


@dataclass(frozen=True)
class _Runner:
    """One figure to draw: where, how near (0 far .. 1 front), what it wears."""

    x: float
    depth: float
    shirt: RGB
    bib: str | None
    cover: Cover
    skin: RGB
    shorts: RGB
    stride: float
    cap: RGB | None


@dataclass(frozen=True)
class _Frame:
    """The picture's size and the horizon every part is placed against."""

    w: int
    h: int
    horizon: float

    def ground_y(self, depth: float) -> float:
        """Where a figure at ``depth`` stands (front figures are cut by the lower edge)."""
        return self.horizon + (self.h - self.horizon) * (0.1 + 1.0 * depth)

    def figure_height(self, depth: float) -> float:
        return self.h * (0.18 + 0.7 * depth)


@functools.cache
def _gradient_strip(top: RGB, bottom: RGB, height: int) -> Image.Image:
    strip = Image.new("RGB", (1, 256))
    steps = [
        tuple(round(a + (b - a) * i / 255) for a, b in zip(top, bottom, strict=True))
        for i in range(256)
    ]
    strip.putdata(steps)
    return strip.resize((1, height), Image.Resampling.BILINEAR)


def _gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient: one column, widened by repeating it (cheap at any size)."""
    return _gradient_strip(top, bottom, size[1]).resize(size, Image.Resampling.NEAREST)


def draw_scene(photo: Photo, event_name: str, size: tuple[int, int]) -> Image.Image:
    """The scene of ``photo`` at ``size``, without caption or watermark."""
    rng = random.Random(photo.image_id)
    w, h = size
    frame = _Frame(w, h, h * rng.uniform(0.34, 0.44))
    if photo.scene == "expo":
        img = _hall(frame, rng, event_name)
    else:
        img = _course(frame, rng, event_name, arch=photo.scene == "scenery" or rng.random() < 0.5)
    draw = ImageDraw.Draw(img)
    runners = _cast(photo, rng)
    far = [r for r in runners if r.bib is None and r.cover == "none"]
    for runner in far:
        _figure(draw, frame, runner)
    if photo.scene == "race" and rng.random() < 0.5:
        img = _pan_blur(img, rng.uniform(0.012, 0.03))
        draw = ImageDraw.Draw(img)
    for runner in sorted((r for r in runners if r not in far), key=lambda r: r.depth):
        _figure(draw, frame, runner)
    return img


def _course(frame: _Frame, rng: random.Random, event_name: str, *, arch: bool) -> Image.Image:
    w, h, y0 = frame.w, frame.h, frame.horizon
    top, bottom = SKIES[rng.randrange(len(SKIES))]
    img = _gradient((w, h), top, bottom)
    draw = ImageDraw.Draw(img)
    for _ in range(14):  # skyline: buildings and trees behind the course
        x = rng.uniform(-0.05, 1.0) * w
        bw, bh = rng.uniform(0.04, 0.12) * w, rng.uniform(0.04, 0.2) * h
        if rng.random() < 0.35:
            draw.ellipse(
                (x, y0 - bh, x + bw, y0 + bh * 0.3), fill=(70, 110 + rng.randrange(40), 70)
            )
        else:
            shade = 120 + rng.randrange(70)
            draw.rectangle((x, y0 - bh, x + bw, y0), fill=(shade, shade - 6, shade - 14))
    draw.rectangle((0, y0, w, h), fill=GRASS)
    vx = w * rng.uniform(0.4, 0.6)
    road = [(vx - 0.07 * w, y0), (vx + 0.07 * w, y0), (1.35 * w, h), (-0.35 * w, h)]
    draw.polygon(road, fill=ASPHALT)
    for i in range(9):  # dashed centre line, longer as it comes nearer
        t0, t1 = (i / 9) ** 1.6, ((i + 0.5) / 9) ** 1.6
        ya, yb = y0 + (h - y0) * t0, y0 + (h - y0) * t1
        draw.polygon(
            [(vx - 1 - 4 * t0 * w / 400, ya), (vx + 1 + 4 * t0 * w / 400, ya),
             (vx + 1 + 4 * t1 * w / 400, yb), (vx - 1 - 4 * t1 * w / 400, yb)],
            fill=(232, 232, 226),
        )  # fmt: skip
    _crowd(draw, frame, rng, vx)
    _tape(draw, frame, vx)
    if arch:
        _arch(draw, frame, rng, vx, event_name)
    return img


def _crowd(draw: Draw, frame: _Frame, rng: random.Random, vx: float) -> None:
    """Spectators behind the tape: two rows at the far end, bigger ones at the sides."""
    w, h, y0 = frame.w, frame.h, frame.horizon
    for row in range(2):
        for _ in range(34):
            x = rng.uniform(0, 1) * w
            r = h * (0.011 + 0.004 * row) * rng.uniform(0.85, 1.15)
            base = y0 + h * (0.006 + 0.018 * row)
            if abs(x - vx) < 0.09 * w:
                continue
            body = CLOTHES[rng.randrange(len(CLOTHES))]
            draw.rectangle((x - r * 1.3, base - r * 1.2, x + r * 1.3, base + r * 2.5), fill=body)
            skin = SKINS[rng.randrange(len(SKINS))]
            draw.ellipse((x - r, base - r * 3.1, x + r, base - r * 1.1), fill=skin)
    for side in (-1, 1):
        for i in range(4):  # near spectators cut by the frame edge
            depth = 0.25 + 0.13 * i + rng.uniform(-0.03, 0.03)
            x = w * (0.5 + side * (0.47 + 0.05 * i)) + rng.uniform(-0.02, 0.02) * w
            gy = frame.ground_y(depth) - frame.figure_height(depth) * 0.3
            r = frame.figure_height(depth) * 0.06
            body = CLOTHES[rng.randrange(len(CLOTHES))]
            draw.rounded_rectangle((x - r * 2.2, gy - r * 6, x + r * 2.2, gy + r * 4), r, fill=body)
            skin = SKINS[rng.randrange(len(SKINS))]
            draw.ellipse((x - r, gy - r * 8.2, x + r, gy - r * 6), fill=skin)
            if rng.random() < 0.5:  # a raised arm, cheering
                draw.line((x + side * -r * 2, gy - r * 5.5, x + side * -r * 3.2, gy - r * 9),
                          fill=skin, width=max(int(r * 0.8), 1))  # fmt: skip


def _tape(draw: Draw, frame: _Frame, vx: float) -> None:
    """Red and white course tape along both sides of the road, at waist height."""
    w, h, y0 = frame.w, frame.h, frame.horizon
    for side in (-1, 1):
        xa, ya = vx + side * 0.09 * w, y0 - h * 0.005
        xb, yb = w * (0.5 + side * 0.62), h * 0.72
        steps = 16
        for i in range(steps):
            t0, t1 = (i / steps) ** 1.5, ((i + 1) / steps) ** 1.5
            width = max(int(h * (0.002 + 0.01 * t1)), 1)
            draw.line(
                (
                    xa + (xb - xa) * t0,
                    ya + (yb - ya) * t0,
                    xa + (xb - xa) * t1,
                    ya + (yb - ya) * t1,
                ),
                fill=TAPE[i % 2],
                width=width,
            )


def _arch(draw: Draw, frame: _Frame, rng: random.Random, vx: float, event_name: str) -> None:
    """A finish arch across the road, the event name on its banner."""
    w, h, y0 = frame.w, frame.h, frame.horizon
    colour = ARCH_COLOURS[rng.randrange(len(ARCH_COLOURS))]
    foot = y0 + (h - y0) * 0.16
    half = 0.07 * w + (0.35 * w + 0.07 * w) * 0.16 + 0.02 * w
    top = foot - h * 0.34
    pillar = 0.03 * w
    for x in (vx - half, vx + half - pillar):
        draw.rectangle((x, top, x + pillar, foot), fill=colour)
    banner = (vx - half, top, vx + half, top + h * 0.075)
    draw.rectangle(banner, fill=colour)
    label = "FINISH" if rng.random() < 0.6 or not event_name else event_name.upper()
    box_w, box_h = banner[2] - banner[0], banner[3] - banner[1]
    size = int(min(box_h * 0.7, box_w * 0.86 * 100 / (font(100).getlength(label) or 1.0)))
    draw.text(
        ((banner[0] + banner[2]) / 2, (banner[1] + banner[3]) / 2),
        label,
        font=font(max(size, 6)),
        fill=(255, 255, 255),
        anchor="mm",
    )


def _hall(frame: _Frame, rng: random.Random, event_name: str) -> Image.Image:
    """The bib pickup the day before: a hall, tables, a banner."""
    w, h, y0 = frame.w, frame.h, frame.horizon
    img = _gradient((w, h), (214, 204, 186), (240, 234, 220))
    draw = ImageDraw.Draw(img)
    floor_y = y0 + h * 0.1
    draw.rectangle((0, floor_y, w, h), fill=(150, 146, 140))
    banner = (w * 0.12, h * 0.06, w * 0.88, h * 0.2)
    draw.rectangle(banner, fill=ARCH_COLOURS[rng.randrange(len(ARCH_COLOURS))])
    label = f"BIB PICKUP · {event_name.upper()}" if event_name else "BIB PICKUP"
    size = int(min(h * 0.08, w * 0.7 * 100 / (font(100).getlength(label) or 1.0)))
    draw.text((w / 2, h * 0.13), label, font=font(max(size, 6)), fill=(255, 255, 255), anchor="mm")
    for i in range(4):  # tables with volunteers behind them
        x = w * (0.05 + 0.24 * i)
        for j in range(2):
            px, r = x + w * (0.06 + 0.08 * j), h * 0.02
            skin = SKINS[rng.randrange(len(SKINS))]
            draw.rectangle(
                (px - r * 1.4, floor_y - r * 3, px + r * 1.4, floor_y), fill=(30, 90, 160)
            )
            draw.ellipse((px - r, floor_y - r * 5, px + r, floor_y - r * 3), fill=skin)
        draw.rectangle(
            (x, floor_y - h * 0.01, x + w * 0.2, floor_y + h * 0.06), fill=(245, 245, 240)
        )
    return img


def _pan_blur(img: Image.Image, amount: float) -> Image.Image:
    """A panning shot's streaks, a horizontal blur of ``amount`` x width: average boxes of
    columns, then widen back smoothly (bilinear to 4 columns a box, then repeat columns,
    which costs far less than a full-size bilinear pass)."""
    w, h = img.size
    box = max(round(w * amount), 2)
    narrow = img.reduce((box, 1))
    smooth = narrow.resize((min(w, narrow.width * 4), h), Image.Resampling.BILINEAR)
    return smooth.resize((w, h), Image.Resampling.NEAREST)


def _cast(photo: Photo, rng: random.Random) -> list[_Runner]:
    """The photo's tagged runners (readable bibs), covered ones, and far runners behind."""
    shown = [(bib, colour, False) for bib, colour in zip(photo.bibs, photo.colours, strict=True)]
    shown += [(b, c, True) for b, c in zip(photo.hidden_bibs, photo.hidden_colours, strict=True)]
    rng.shuffle(shown)
    runners: list[_Runner] = []
    n = len(shown)
    for i, (bib, colour, hidden) in enumerate(shown):
        depth = 0.95 - 0.22 * i + rng.uniform(-0.06, 0.04) if n > 1 else rng.uniform(0.82, 0.98)
        slot = (i + 0.5) / n if n else 0.5
        x = 0.5 + (slot - 0.5) * 0.75 + rng.uniform(-0.06, 0.06)
        cover: Cover = "full" if hidden else ("corner" if rng.random() < 0.3 else "none")
        shown_bib = None if hidden else bib  # a covered number is never drawn at all
        runners.append(_outfit(rng, x, min(depth, 1.0), colour, shown_bib, cover))
    extras = 0 if photo.scene != "race" else rng.randrange(4)
    for _ in range(extras):
        colour = CLOTHES[rng.randrange(len(CLOTHES))]
        runners.append(
            _outfit(rng, rng.uniform(0.25, 0.75), rng.uniform(0.05, 0.3), colour, None, "none")
        )
    return runners


def _outfit(
    rng: random.Random, x: float, depth: float, shirt: RGB, bib: str | None, cover: Cover
) -> _Runner:
    return _Runner(
        x=x,
        depth=depth,
        shirt=shirt,
        bib=bib,
        cover=cover,
        skin=SKINS[rng.randrange(len(SKINS))],
        shorts=CLOTHES[rng.randrange(len(CLOTHES))],
        stride=rng.uniform(0.6, 1.0) * rng.choice((-1, 1)),
        cap=CLOTHES[rng.randrange(len(CLOTHES))] if rng.random() < 0.35 else None,
    )


def _figure(draw: Draw, frame: _Frame, r: _Runner) -> None:
    """A runner mid-stride: legs, shorts, shirt, bib, arms, head (all in figure units)."""
    size = frame.figure_height(r.depth)
    foot = frame.ground_y(r.depth)
    cx = frame.w * r.x
    top = foot - size

    def at(dx: float, dy: float) -> tuple[float, float]:
        return (cx + dx * size, top + dy * size)

    limb = max(int(size * 0.065), 1)
    s = r.stride
    shoe = (245, 245, 245)
    legs = (((-0.06 * s, 0.76), (-0.19 * s, 0.89)), ((0.08 * s, 0.71), (0.05 * s, 0.98)))
    for side, ((kx, ky), (fx, fy)) in zip((-1, 1), legs, strict=True):  # back leg, front leg
        hip, knee, heel = at(side * 0.045, 0.53), at(side * 0.05 + kx, ky), at(side * 0.05 + fx, fy)
        draw.line((*hip, *knee, *heel), fill=r.skin, width=limb, joint="curve")
        draw.ellipse((heel[0] - limb * 0.8, heel[1] - limb * 0.4, heel[0] + limb * 0.9,
                      heel[1] + limb * 0.45), fill=shoe)  # fmt: skip
    draw.polygon(
        [at(-0.095, 0.5), at(0.095, 0.5), at(0.105, 0.61), at(-0.105, 0.61)], fill=r.shorts
    )
    outline = tuple(max(c - 40, 0) for c in r.shirt)
    draw.polygon(
        [at(-0.105, 0.17), at(0.105, 0.17), at(0.09, 0.53), at(-0.09, 0.53)],
        fill=r.shirt,
        outline=outline,
    )
    arm = max(int(size * 0.045), 1)
    _bib(draw, (*at(-0.07, 0.27), *at(0.07, 0.37)), r.bib)
    # The left arm swings; its hand passes in front of the bib's corner when "corner".
    hand = at(-0.072, 0.372) if r.cover == "corner" else at(-0.12 - 0.03 * s, 0.43)
    draw.line((*at(-0.1, 0.2), *at(-0.16, 0.33), *hand), fill=r.skin, width=arm, joint="curve")
    draw.ellipse(
        (hand[0] - arm * 0.7, hand[1] - arm * 0.7, hand[0] + arm * 0.7, hand[1] + arm * 0.7),
        fill=r.skin,
    )
    elbow = at(0.16 + 0.02 * s, 0.33)
    draw.line((*at(0.1, 0.2), *elbow), fill=r.skin, width=arm)
    bend = arm * 0.5
    draw.ellipse((elbow[0] - bend, elbow[1] - bend, elbow[0] + bend, elbow[1] + bend), fill=r.skin)
    if r.cover == "full":  # a jacket sleeve across the chest hides the whole bib
        hand = at(-0.085, 0.315)
        draw.line((*elbow, *hand), fill=r.shorts, width=max(int(size * 0.12), 1))
        draw.ellipse(
            (hand[0] - arm, hand[1] - arm, hand[0] + arm * 0.6, hand[1] + arm), fill=r.skin
        )
    else:
        draw.line((*elbow, *at(0.13 + 0.02 * s, 0.43)), fill=r.skin, width=arm)
    draw.ellipse((*at(-0.06, 0.025), *at(0.06, 0.155)), fill=r.skin)
    if r.cap is not None:
        draw.chord((*at(-0.064, 0.01), *at(0.064, 0.11)), 180, 360, fill=r.cap)
        draw.rectangle((*at(-0.02, 0.052), *at(0.09, 0.064)), fill=r.cap)
    else:
        draw.chord((*at(-0.062, 0.016), *at(0.062, 0.1)), 180, 360, fill=(50, 38, 30))


def _bib(draw: Draw, box: tuple[float, float, float, float], bib: str | None) -> None:
    """A white race bib with the number in heavy black digits and four safety pins."""
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    draw.rectangle(box, fill=(250, 250, 248), outline=(160, 160, 160))
    draw.rectangle((x0, y0, x1, y0 + bh * 0.16), fill=(210, 40, 50))
    pin = max(bw * 0.025, 0.5)
    for px, py in ((x0 + bw * 0.07, y0 + bh * 0.08), (x1 - bw * 0.07, y0 + bh * 0.08),
                   (x0 + bw * 0.07, y1 - bh * 0.08), (x1 - bw * 0.07, y1 - bh * 0.08)):  # fmt: skip
        draw.ellipse((px - pin, py - pin, px + pin, py + pin), fill=(120, 120, 120))
    if bib is None or bh < 5:  # too far away to read: a grey smudge
        draw.rectangle(
            (x0 + bw * 0.2, y0 + bh * 0.4, x1 - bw * 0.2, y1 - bh * 0.25), fill=(150, 150, 150)
        )
        return
    reference = font(100).getlength(bib) or 1.0
    size = max(int(min(bh * 0.66, bw * 0.84 * 100 / reference)), 6)
    draw.text(
        ((x0 + x1) / 2, y0 + bh * 0.58),
        bib,
        font=font(size),
        fill=(12, 12, 12),
        anchor="mm",
        stroke_width=max(size // 16, 0),
        stroke_fill=(12, 12, 12),
    )
