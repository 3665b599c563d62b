"""Photos the BIB missed: a runner in the picture with the bib covered by an arm or a sleeve.

Searching by BIB (or by selfie, which the stand-in maps to the same runner) misses these;
a search by time around the runner's visible photos finds them, which is what "you may be
in these too" needs to be shown working against the stand-in.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence

from app.demo.world import ORIGINAL_LANDSCAPE, ORIGINAL_PORTRAIT, ORIGINAL_SIZE_RANGE, Photo, Runner


def hidden_bib_shots(
    rng: random.Random, photos: Sequence[Photo], runner: Runner, neighbours: Sequence[Runner]
) -> list[Photo]:
    """Three photos of ``runner`` with the bib covered, each 20-100 s before or after one of
    their timed visible photos: one tagged with no BIB, two with the BIB of a runner beside
    them (from ``neighbours``). ``seq`` is left 0 for the catalog to number."""
    seen = [p for p in photos if runner.bib in p.bibs and p.captured_at is not None]
    planted: list[Photo] = []
    for n in range(3):
        visible = seen[n % len(seen)]
        assert visible.captured_at is not None
        offset = rng.randint(20, 100) * rng.choice((-1, 1))
        tagged = () if n == 0 else (rng.choice(neighbours),)
        width, height = ORIGINAL_LANDSCAPE if n != 1 else ORIGINAL_PORTRAIT
        planted.append(
            Photo(
                image_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                event_id=visible.event_id,
                seq=0,
                bibs=tuple(r.bib for r in tagged),
                colours=tuple(r.colour for r in tagged),
                captured_at=visible.captured_at + offset,
                width=width,
                height=height,
                original_size=rng.randint(*ORIGINAL_SIZE_RANGE),
                original_missing=False,
                scene="race",
                hidden_bibs=(runner.bib,),
                hidden_colours=(runner.colour,),
            )
        )
    return planted
