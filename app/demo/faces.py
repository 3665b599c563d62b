"""The stand-in's "face recognition": identify a runner from a selfie by its background colour.

Demo selfies (``samples.py``) show a face on a flat background in the runner's colour, and
runner colours are far apart, so the median colour of the picture's outer ring names one
runner. Anything else (a real photo, a grey picture, noise) has either a busy border or a
colour near no runner, and honestly matches nobody.
"""

from __future__ import annotations

import io
import math
import statistics
from dataclasses import dataclass
from typing import Final

from PIL import Image, UnidentifiedImageError

from app.demo.decisions import SELFIE_FORMATS
from app.demo.world import RGB, Runner

_PROBE: Final = 48
_RING: Final = 3
MAX_COLOUR_DISTANCE: Final = 25.0
"""Median border colour must lie this close to a runner colour (palette gap is ~63)."""
MAX_BORDER_SPREAD: Final = 14.0
"""Median absolute deviation per channel above which the border is "busy" (no face found)."""


class SelfieRejected(Exception):
    """The upload is not an image the face search accepts (maps to HTTP 400)."""


@dataclass(frozen=True)
class SelfieProbe:
    colour: RGB
    spread: float


def probe_selfie(data: bytes) -> SelfieProbe:
    """Decode ``data`` and measure its border. Raises SelfieRejected for non-images and for
    formats outside SELFIE_FORMATS."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in SELFIE_FORMATS:
                raise SelfieRejected(f"Unsupported image type {img.format}; send JPEG or PNG")
            img.draft("RGB", (_PROBE * 2, _PROBE * 2))  # JPEG: decode at reduced scale
            small = img.convert("RGB").resize((_PROBE, _PROBE), Image.Resampling.BILINEAR)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise SelfieRejected("Uploaded file is not a valid image") from exc
    pixels: list[tuple[int, int, int]] = []
    for y in range(_PROBE):
        for x in range(_PROBE):
            if min(x, y, _PROBE - 1 - x, _PROBE - 1 - y) < _RING:
                r, g, b = small.getpixel((x, y))  # type: ignore[misc]
                pixels.append((r, g, b))
    medians = tuple(round(statistics.median(p[c] for p in pixels)) for c in range(3))
    spread = max(statistics.median(abs(p[c] - medians[c]) for p in pixels) for c in range(3))
    return SelfieProbe((medians[0], medians[1], medians[2]), float(spread))


def match_runner(probe: SelfieProbe, runners: tuple[Runner, ...]) -> Runner | None:
    """The runner whose colour the selfie shows, or None when nobody is close enough."""
    if probe.spread > MAX_BORDER_SPREAD or not runners:
        return None
    best = min(runners, key=lambda r: math.dist(r.colour, probe.colour))
    return best if math.dist(best.colour, probe.colour) <= MAX_COLOUR_DISTANCE else None
