"""Pydantic wire models for the 9Pic external API.

Wire models are frozen and tolerant: unknown fields are ignored, the documented
misspellings of older docs are accepted as aliases, and flags missing from older
Event Details shapes read as false. Our own outgoing request model is strict.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator

NonEmptyStr = Annotated[str, Field(min_length=1)]


class WireModel(BaseModel):
    """Base of every model parsed from a server answer."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


class PaginationInfo(WireModel):
    """`data.pagination`; mixed camelCase / snake_case exactly as the API sends it."""

    total: int = Field(ge=0)
    current_page: int = Field(alias="currentPage", ge=0)
    total_pages: int = Field(alias="totalPages", ge=0)
    has_next_page: bool = Field(alias="hasNextPage")
    has_previous_page: bool = Field(alias="hasPreviousPage")
    page_size: int = Field(ge=0)

    @property
    def is_empty(self) -> bool:
        """The zeroed block (`currentPage: 0`, `totalPages: 0`) means no page exists at all."""
        return self.total_pages == 0 or self.total == 0


class ImageItem(WireModel):
    """One photo; older docs misspelled three keys, accepted here as aliases."""

    image_id: NonEmptyStr
    img_url: str
    thumbnail_url: str = Field(validation_alias=AliasChoices("thumbnail_url", "thumbanail_url"))
    width: int | None = Field(default=None, validation_alias=AliasChoices("width", "widht"))
    height: int | None = None
    original_url: str | None = Field(
        default=None, validation_alias=AliasChoices("original_url", "orginal_url")
    )


class ImagePage(WireModel):
    """A page of photos: All Photos, BIB Search and Timeline images share this shape."""

    images: list[ImageItem] = Field(default_factory=list)
    pagination: PaginationInfo


class FaceSearchResult(ImagePage):
    """A page of a selfie search, with the `request_id` to reuse for later pages."""

    request_id: NonEmptyStr
    confidence_percentage: float | None = None


class EventListItem(WireModel):
    event_id: int
    event_name: str | None = None
    event_slug: str | None = None
    event_date: str | None = None
    status: str | None = None
    cover_image: str | None = None


class EventPage(WireModel):
    events: list[EventListItem] = Field(default_factory=list)
    pagination: PaginationInfo


class EventDetails(WireModel):
    """Event metadata and feature flags; a flag that older shapes lack reads as false."""

    event_id: int
    event_name: str | None = None
    event_slug: str | None = None
    event_date: str | None = None
    status: str | None = None
    event_enabled: bool = False
    bib_search: bool = False
    selfie_search: bool = False
    name_search: bool = False
    video_search: bool = False
    video_selfie_search: bool = False
    timeline_search: bool = False

    @property
    def video_clipping(self) -> bool:
        """Video clipping needs both video flags."""
        return self.video_search and self.video_selfie_search


class Ping(WireModel):
    status: str
    org_id: int
    event_id: int


class TimelineHour(WireModel):
    hour: int = Field(ge=0, le=23)
    count: int = Field(ge=0)


class TimelineDay(WireModel):
    date: str
    total: int = Field(ge=0)
    hours: list[TimelineHour] = Field(default_factory=list)


class Timeline(WireModel):
    days: list[TimelineDay] = Field(default_factory=list)


class VideoClip(WireModel):
    url: str
    duration_s: float | None = None
    source_video: str | None = None


class VideoClippingJob(WireModel):
    """A video clipping job; status values are not documented, so they stay plain strings."""

    request_id: NonEmptyStr
    status: str = "unknown"
    clips: list[VideoClip] = Field(default_factory=list)

    @property
    def is_finished(self) -> bool:
        return self.status.lower() in {"completed", "complete", "done", "failed", "error"}


class DownloadMethod(StrEnum):
    BIB = "bib"
    SELFIE = "selfie"
    IMAGE_ID = "image_id"
    IMAGE_IDS = "image_ids"


class DownloadOriginalPhotosRequest(BaseModel):
    """The download request body; refused here, before any call, when malformed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    method: DownloadMethod
    identifier: str | list[str]

    @model_validator(mode="after")
    def _identifier_matches_method(self) -> Self:
        if self.method is DownloadMethod.IMAGE_IDS:
            ids = self.identifier
            if not isinstance(ids, list) or not ids:
                raise ValueError("image_ids needs a non-empty list of image ids")
            if any(not isinstance(i, str) or not i.strip() for i in ids):
                raise ValueError("image_ids must all be non-empty strings")
        elif not isinstance(self.identifier, str) or not self.identifier.strip():
            raise ValueError(f"{self.method.value} needs one non-empty string identifier")
        return self

    @classmethod
    def for_bib(cls, bib: str) -> DownloadOriginalPhotosRequest:
        return cls(method=DownloadMethod.BIB, identifier=bib)

    @classmethod
    def for_selfie(cls, request_id: str) -> DownloadOriginalPhotosRequest:
        return cls(method=DownloadMethod.SELFIE, identifier=request_id)

    @classmethod
    def for_image(cls, image_id: str) -> DownloadOriginalPhotosRequest:
        return cls(method=DownloadMethod.IMAGE_ID, identifier=image_id)

    @classmethod
    def for_images(cls, image_ids: list[str]) -> DownloadOriginalPhotosRequest:
        return cls(method=DownloadMethod.IMAGE_IDS, identifier=list(image_ids))


class PresignedUrlItem(WireModel):
    url: NonEmptyStr
    filename: str = ""


class FailedUrlItem(WireModel):
    image_id: str
    error: str = ""
    path: str | None = None


class DownloadOriginalPhotosResponse(WireModel):
    """Presigned links for one page; parsed from the enveloped or the older flat shape."""

    presigned_urls: list[PresignedUrlItem] = Field(default_factory=list)
    failed_urls: list[FailedUrlItem] = Field(default_factory=list)
    total_images: int = 0
    successful_count: int = 0
    failed_count: int = 0
    identifier: str | None = None
    message: str | None = None
    pagination: PaginationInfo | None = None
