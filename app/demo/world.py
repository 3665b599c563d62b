"""The fixed part of the demo world: its ids and keys, the runners' palette, the record
types and the table of events. Nothing here draws from the seed, so the seeded
construction (`catalog.py`) keeps the whole order of its random draws in one file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from app.demo.decisions import CONFIDENCE_PERCENTAGE

RGB = tuple[int, int, int]

PALETTE: Final[tuple[RGB, ...]] = (
    (0, 0, 90), (255, 255, 0), (75, 255, 255), (255, 0, 255), (0, 240, 0), (240, 0, 0),
    (75, 60, 255), (135, 135, 60), (0, 150, 150), (150, 0, 135), (255, 105, 150),
    (105, 255, 120), (15, 105, 0), (105, 0, 0), (255, 135, 30), (120, 255, 0),
    (195, 105, 255), (225, 240, 105), (15, 165, 255), (0, 0, 210), (0, 255, 105),
    (255, 0, 105), (60, 60, 150), (150, 0, 240), (45, 180, 60), (180, 75, 0),
    (105, 150, 240), (0, 240, 195), (195, 75, 90), (105, 45, 75), (150, 75, 180),
    (180, 180, 0), (225, 30, 180), (0, 90, 90), (0, 90, 210), (75, 180, 165), (180, 0, 60),
    (150, 210, 75), (75, 0, 195), (90, 75, 0), (90, 165, 0), (210, 150, 90), (255, 60, 45),
    (60, 255, 45), (255, 75, 225), (60, 120, 195), (75, 0, 120), (105, 240, 195),
    (195, 240, 30), (0, 30, 150), (255, 195, 60), (60, 135, 105), (0, 45, 255),
    (0, 165, 15), (45, 0, 255), (45, 240, 150),
)  # fmt: skip
"""Runner colours: saturated, pairwise at least ~63 apart in RGB and ~42 from any grey,
so a selfie's background colour identifies one runner and a grey picture matches none."""

MAIN_ORG_ID: Final = 903
MAIN_EVENT_ID: Final = 456
SELFIE_OFF_EVENT_ID: Final = 457
EMPTY_EVENT_ID: Final = 458
DRAFT_EVENT_ID: Final = 789
OTHER_ORG_ID: Final = 904
OTHER_EVENT_ID: Final = 9001
DEMO_API_KEY: Final = "demo-public-key-9pic"
OTHER_ORG_API_KEY: Final = "demo-other-org-key-9pic"

ORIGINAL_LANDSCAPE: Final = (2400, 1600)
ORIGINAL_PORTRAIT: Final = (1600, 2400)
ORIGINAL_SIZE_RANGE: Final = (2_100_000, 5_900_000)
"""Byte sizes of originals (inclusive), inside 2-6 MB whichever megabyte one counts."""

Scene = Literal["race", "expo", "scenery"]


@dataclass(frozen=True)
class Org:
    org_id: int
    name: str
    api_key: str


@dataclass(frozen=True)
class Event:
    event_id: int
    org_id: int
    name: str
    date: str
    status: str
    event_enabled: bool = True
    bib_search: bool = True
    selfie_search: bool = True
    name_search: bool = False
    video_search: bool = True
    video_selfie_search: bool = True
    timeline_search: bool = True
    confidence_percentage: float | None = CONFIDENCE_PERCENTAGE
    has_cover: bool = True

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


@dataclass(frozen=True)
class Runner:
    bib: str
    colour: RGB


@dataclass(frozen=True)
class Photo:
    """One event photo; ``width``/``height``/``original_size`` describe its original."""

    image_id: str
    event_id: int
    seq: int
    bibs: tuple[str, ...]
    colours: tuple[RGB, ...]
    captured_at: int | None
    width: int
    height: int
    original_size: int
    original_missing: bool
    scene: Scene
    hidden_bibs: tuple[str, ...] = ()
    """Runners in the picture whose BIB the camera could not read (an arm, a jacket):
    drawn with the bib covered and absent from ``bibs``, so a BIB search misses them."""
    hidden_colours: tuple[RGB, ...] = ()

    @property
    def object_path(self) -> str:
        """Storage object path as the API reports it in ``failed_urls[].path``."""
        return f"imgs/{self.event_id}/large/{self.image_id}.jpg"


@dataclass(frozen=True)
class ReadySearch:
    """A face search that exists from start-up, so a user can paste its request_id."""

    request_id: str
    event_id: int
    bib: str


def demo_events() -> list[Event]:
    """Every event of the demo's organisations, in the order the API lists them."""
    off = {"video_search": False, "video_selfie_search": False}
    past = [
        Event(100 + n, MAIN_ORG_ID, f"Demo City Marathon {2018 + n}",
              f"{2018 + n}-04-2{n % 7}T06:30:00", "archived", bib_search=False, selfie_search=False,
              timeline_search=False, confidence_percentage=None, has_cover=False, **off)
        for n in range(1, 8)
    ]  # fmt: skip
    return [
        Event(MAIN_EVENT_ID, MAIN_ORG_ID, "Demo City Marathon 2026", "2026-04-19T06:30:00",
              "active"),
        Event(SELFIE_OFF_EVENT_ID, MAIN_ORG_ID, "Riverside 10K 2026", "2026-03-08T08:00:00",
              "active", selfie_search=False, confidence_percentage=None, **off),
        Event(EMPTY_EVENT_ID, MAIN_ORG_ID, "Harbour Night Run 2026", "2026-06-20T19:30:00",
              "active", has_cover=False),
        Event(DRAFT_EVENT_ID, MAIN_ORG_ID, "Demo Trail Ultra 2026", "2026-09-12T05:00:00",
              "draft", event_enabled=False, selfie_search=False, timeline_search=False,
              confidence_percentage=None, has_cover=False, **off),
        *past,
        Event(OTHER_EVENT_ID, OTHER_ORG_ID, "Lakeside Fun Run 2026", "2026-05-10T09:00:00",
              "active"),
    ]  # fmt: skip
