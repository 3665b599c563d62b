"""What is being searched: a small frozen value shared by the window and the download GUI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

TYPE_CHECKING = False
if TYPE_CHECKING:  # the wire models load when a download asks for them
    from app.core.models import DownloadOriginalPhotosRequest


class SearchMode(StrEnum):
    """How the user searches. A selfie photo becomes a SELFIE search once the POST answers."""

    BIB = "bib"
    SELFIE = "selfie"
    SELFIE_PHOTO = "selfie_photo"


@dataclass(frozen=True)
class SearchSpec:
    """One search: the event, the mode (bib or selfie) and its identifier.

    `identifier` is the cleaned BIB or the selfie `request_id`; `label` is what the
    user searched, for headings ("BIB 1042", "your selfie").
    """

    event_id: int
    mode: SearchMode
    identifier: str
    selfie_name: str | None = None

    def __post_init__(self) -> None:
        if self.mode is SearchMode.SELFIE_PHOTO:
            raise ValueError("a running search is by bib or by selfie request_id")

    def download_request(self) -> DownloadOriginalPhotosRequest:
        """The Download Original Photos body that fetches everything this search found."""
        from app.core.models import DownloadOriginalPhotosRequest

        if self.mode is SearchMode.BIB:
            return DownloadOriginalPhotosRequest.for_bib(self.identifier)
        return DownloadOriginalPhotosRequest.for_selfie(self.identifier)
