"""The message bar's message and the size wording: what the window's first frame needs.

Split from `app.ui.messages` (which re-exports them) so that the light first frame
does not load the words for every core error and download failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.ui.text import Context, fill

Messages = Context("Messages")


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class UserMessage:
    """A message for the message bar; `can_retry` offers a Retry button."""

    text: str
    level: Level = Level.ERROR
    can_retry: bool = False
    countdown: int = 0
    """Seconds to count down in the bar, replacing `template`'s %1 each second."""
    template: str = ""
    retrying: bool = False
    """A notice while the call is still being tried: not its final failure."""


def format_bytes(size: int) -> str:
    """Human sizes for the selection estimate: 950 KB, 4.2 MB, 1.3 GB."""
    if size < 1_000_000:
        return fill(Messages.tr("%1 KB"), max(1, round(size / 1000)))
    if size < 1_000_000_000:
        mb = size / 1_000_000
        return fill(Messages.tr("%1 MB"), f"{mb:.1f}" if mb < 10 else round(mb))
    return fill(Messages.tr("%1 GB"), f"{size / 1_000_000_000:.1f}")
