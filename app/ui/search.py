"""What is being searched: a small frozen value shared by the window and the download GUI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.core.timeline import TimeWindow

TYPE_CHECKING = False
if TYPE_CHECKING:  # the wire models load when a download asks for them
    from app.core.models import DownloadOriginalPhotosRequest


class SearchMode(StrEnum):
    """How the user searches. A selfie photo becomes a SELFIE search once the POST answers.

    TIME is the photo timeline's window around a moment; ALL the event's whole gallery.
    """

    BIB = "bib"
    SELFIE = "selfie"
    SELFIE_PHOTO = "selfie_photo"
    TIME = "time"
    ALL = "all"


LISTED_MODES = frozenset({SearchMode.TIME, SearchMode.ALL})
"""Modes the download endpoint has no method for: their photos go by `image_ids`."""


@dataclass(frozen=True)
class SearchSpec:
    """One search: the event, the mode and its identifier.

    `identifier` is the cleaned BIB, the selfie `request_id`, `start-end` for a time
    window (kept in `window`) or `all`.
    """

    event_id: int
    mode: SearchMode
    identifier: str
    selfie_name: str | None = None
    window: TimeWindow | None = None

    def __post_init__(self) -> None:
        if self.mode is SearchMode.SELFIE_PHOTO:
            raise ValueError("a running search is by bib or by selfie request_id")
        if (self.mode is SearchMode.TIME) != (self.window is not None):
            raise ValueError("a time search, and only a time search, has a window")

    @classmethod
    def for_window(cls, event_id: int, window: TimeWindow) -> SearchSpec:
        return cls(event_id, SearchMode.TIME, f"{window.start}-{window.end}", window=window)

    @classmethod
    def for_all(cls, event_id: int) -> SearchSpec:
        return cls(event_id, SearchMode.ALL, "all")

    @property
    def lists_photos(self) -> bool:
        """Downloading everything means listing the photos first, then asking by ids."""
        return self.mode in LISTED_MODES

    def download_request(
        self, image_ids: Sequence[str] | None = None
    ) -> DownloadOriginalPhotosRequest:
        """The Download Original Photos body that fetches everything this search found.

        A time window or the whole gallery has no download method of its own: pass the
        ids listed for it (`image_ids`, the engine asks 60 at a time)."""
        from app.core.models import DownloadOriginalPhotosRequest

        if self.lists_photos:
            if not image_ids:
                raise ValueError("list the photos of a time window or the gallery first")
            return DownloadOriginalPhotosRequest.for_images(list(image_ids))
        if self.mode is SearchMode.BIB:
            return DownloadOriginalPhotosRequest.for_bib(self.identifier)
        return DownloadOriginalPhotosRequest.for_selfie(self.identifier)
