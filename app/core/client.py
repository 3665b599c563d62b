"""NinePicClient: one method per documented 9Pic endpoint, typed answers, mapped errors.

The endpoint calls and the page walkers that sit on them, so the whole API surface reads
in one place. The connections under them (where the key may go, https only, the shared
429 gate, one retried call, thumbnail fetches) are `HttpSession` in `http_session.py`;
reading an answer (envelopes, errors, Retry-After) lives in `answers.py`.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from app.core.errors import AccessDenied, FeatureDisabled, NinePicError
from app.core.http_session import HttpSession, ModelT
from app.core.models import (
    DownloadOriginalPhotosRequest,
    DownloadOriginalPhotosResponse,
    EventDetails,
    EventListItem,
    EventPage,
    FaceSearchResult,
    ImageItem,
    ImagePage,
    PaginationInfo,
    Ping,
    Timeline,
    VideoClippingJob,
)
from app.core.page_limits import (
    DEFAULT_PAGE_SIZE_DOWNLOADS,
    DEFAULT_PAGE_SIZE_IMAGES,
    MAX_PAGE_SIZE_DOWNLOADS,
    MAX_PAGE_SIZE_EVENTS,
    MAX_PAGE_SIZE_IMAGES,
)
from app.core.paging import walk_pages
from app.core.retry import RetryListener
from app.core.validation import InputProblem, RefusedInput

SELFIE_FIELD = "selfie"
"""Multipart part name for the selfie upload (undocumented; the stand-in uses the same)."""


class NinePicClient(HttpSession):
    """Async client for one 9Pic backend (API base URL, organisation and key)."""

    def __repr__(self) -> str:
        return f"NinePicClient(base_url={self.base_url!r}, org_id={self.org_id})"

    # ----------------------------------------------------------------- endpoints

    async def ping(self, event_id: int, *, on_retry: RetryListener | None = None) -> Ping:
        return await self._get(self._event_path(event_id, "ping"), Ping, on_retry=on_retry)

    async def list_events(
        self, page: int = 1, page_size: int = 10, *, on_retry: RetryListener | None = None
    ) -> EventPage:
        params = _page_params(page, page_size, MAX_PAGE_SIZE_EVENTS)
        path = f"/api/v1/ext/{self.org_id}/events"
        return await self._get(path, EventPage, params=params, on_retry=on_retry)

    async def event_details(
        self, event_id: int, *, on_retry: RetryListener | None = None
    ) -> EventDetails:
        path = self._event_path(event_id, "details")
        return await self._get(path, EventDetails, on_retry=on_retry)

    async def all_photos(
        self,
        event_id: int,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE_IMAGES,
        *,
        on_retry: RetryListener | None = None,
    ) -> ImagePage:
        params = _page_params(page, page_size, MAX_PAGE_SIZE_IMAGES)
        path = self._event_path(event_id, "images")
        return await self._get(path, ImagePage, params=params, on_retry=on_retry)

    async def bib_search(
        self,
        event_id: int,
        bib: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE_IMAGES,
        *,
        on_retry: RetryListener | None = None,
    ) -> ImagePage:
        if not bib.strip():
            raise RefusedInput(InputProblem.EMPTY_BIB)
        path = self._event_path(event_id, f"bibs/{quote(bib, safe='')}")
        params = _page_params(page, page_size, MAX_PAGE_SIZE_IMAGES)
        feature = (event_id, "bib_search")
        return await self._get(path, ImagePage, params=params, feature=feature, on_retry=on_retry)

    async def face_search(
        self,
        event_id: int,
        selfie: bytes,
        *,
        filename: str = "selfie.jpg",
        content_type: str = "image/jpeg",
        request_id: str | None = None,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE_IMAGES,
        on_retry: RetryListener | None = None,
    ) -> FaceSearchResult:
        """Start (or reuse) a selfie search; the request_id is fixed before the first attempt
        so that a retried POST lands on the same stored search."""
        if not selfie:
            raise RefusedInput(InputProblem.EMPTY_FILE)
        rid = request_id or str(uuid.uuid4())
        params = _page_params(page, page_size, MAX_PAGE_SIZE_IMAGES)
        files = {SELFIE_FIELD: (filename, selfie, content_type)}
        return await self._call(
            "POST",
            self._event_path(event_id, "faces"),
            FaceSearchResult,
            params=params,
            files=files,
            data={"request_id": rid},
            feature=(event_id, "selfie_search"),
            on_retry=on_retry,
        )

    async def face_results(
        self,
        event_id: int,
        request_id: str,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE_IMAGES,
        *,
        on_retry: RetryListener | None = None,
    ) -> FaceSearchResult:
        path = self._event_path(event_id, f"faces/{quote(request_id, safe='')}")
        params = _page_params(page, page_size, MAX_PAGE_SIZE_IMAGES)
        feature = (event_id, "selfie_search")
        return await self._get(
            path, FaceSearchResult, params=params, feature=feature, on_retry=on_retry
        )

    async def timeline_days(
        self, event_id: int, *, on_retry: RetryListener | None = None
    ) -> Timeline:
        path = self._event_path(event_id, "timeline/days")
        feature = (event_id, "timeline_search")
        return await self._get(path, Timeline, feature=feature, on_retry=on_retry)

    async def timeline_images(
        self,
        event_id: int,
        start: int,
        end: int,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE_IMAGES,
        *,
        on_retry: RetryListener | None = None,
    ) -> ImagePage:
        """Photos captured in the half-open window [start, end), Unix seconds."""
        if end <= start:
            raise RefusedInput(InputProblem.EMPTY_TIME_WINDOW)
        params = _page_params(page, page_size, MAX_PAGE_SIZE_IMAGES)
        params.update({"from": start, "to": end})
        path = self._event_path(event_id, "timeline/images")
        feature = (event_id, "timeline_search")
        return await self._get(path, ImagePage, params=params, feature=feature, on_retry=on_retry)

    async def start_video_clipping(
        self,
        event_id: int,
        *,
        request_id: str | None = None,
        selfie: bytes | None = None,
        filename: str = "selfie.jpg",
    ) -> VideoClippingJob:
        """Start a clipping job from a finished face search's request_id or from a selfie."""
        if not request_id and not selfie:
            raise RefusedInput(InputProblem.NO_SELFIE)
        rid = request_id or str(uuid.uuid4())
        files = {SELFIE_FIELD: (filename, selfie, "image/jpeg")} if selfie else None
        return await self._call(
            "POST",
            self._event_path(event_id, "video-clipping/search-by-selfie"),
            VideoClippingJob,
            files=files,
            data={"request_id": rid},
            feature=(event_id, "video_search"),
        )

    async def video_clipping(self, event_id: int, request_id: str) -> VideoClippingJob:
        path = self._event_path(event_id, f"video-clipping/{quote(request_id, safe='')}")
        return await self._get(path, VideoClippingJob, feature=(event_id, "video_search"))

    async def original_photos(
        self,
        event_id: int,
        request: DownloadOriginalPhotosRequest,
        page: int = 1,
        page_size: int = DEFAULT_PAGE_SIZE_DOWNLOADS,
    ) -> DownloadOriginalPhotosResponse:
        """Presigned links to originals; they expire, so ask just before downloading."""
        params = _page_params(page, page_size, MAX_PAGE_SIZE_DOWNLOADS)
        return await self._call(
            "POST",
            self._event_path(event_id, "original-photos"),
            DownloadOriginalPhotosResponse,
            params=params,
            json_body=request.model_dump(mode="json"),
        )

    # ------------------------------------------------------------ page walkers

    def iter_events(
        self, page_size: int = MAX_PAGE_SIZE_EVENTS, *, on_retry: RetryListener | None = None
    ) -> AsyncIterator[EventListItem]:
        async def fetch(page: int) -> tuple[list[EventListItem], PaginationInfo | None]:
            result = await self.list_events(page, page_size, on_retry=on_retry)
            return result.events, result.pagination

        return walk_pages(fetch)

    def iter_all_photos(
        self,
        event_id: int,
        page_size: int = MAX_PAGE_SIZE_IMAGES,
        *,
        on_retry: RetryListener | None = None,
    ) -> AsyncIterator[ImageItem]:
        async def fetch(page: int) -> tuple[list[ImageItem], PaginationInfo | None]:
            result = await self.all_photos(event_id, page, page_size, on_retry=on_retry)
            return result.images, result.pagination

        return walk_pages(fetch)

    def iter_bib_search(
        self,
        event_id: int,
        bib: str,
        page_size: int = MAX_PAGE_SIZE_IMAGES,
        *,
        on_retry: RetryListener | None = None,
    ) -> AsyncIterator[ImageItem]:
        async def fetch(page: int) -> tuple[list[ImageItem], PaginationInfo | None]:
            result = await self.bib_search(event_id, bib, page, page_size, on_retry=on_retry)
            return result.images, result.pagination

        return walk_pages(fetch)

    def iter_face_results(
        self,
        event_id: int,
        request_id: str,
        page_size: int = MAX_PAGE_SIZE_IMAGES,
        *,
        on_retry: RetryListener | None = None,
    ) -> AsyncIterator[ImageItem]:
        async def fetch(page: int) -> tuple[list[ImageItem], PaginationInfo | None]:
            result = await self.face_results(
                event_id, request_id, page, page_size, on_retry=on_retry
            )
            return result.images, result.pagination

        return walk_pages(fetch)

    def iter_original_photos(
        self,
        event_id: int,
        request: DownloadOriginalPhotosRequest,
        page_size: int = MAX_PAGE_SIZE_DOWNLOADS,
    ) -> AsyncIterator[DownloadOriginalPhotosResponse]:
        """Each download page in turn; yields whole pages so failed_urls are kept."""

        async def fetch(
            page: int,
        ) -> tuple[list[DownloadOriginalPhotosResponse], PaginationInfo | None]:
            result = await self.original_photos(event_id, request, page, page_size)
            empty = not result.presigned_urls and not result.failed_urls
            return ([] if empty else [result]), result.pagination

        return walk_pages(fetch)

    # --------------------------------------------------------------- plumbing

    def _event_path(self, event_id: int, tail: str) -> str:
        return f"/api/v1/ext/{self.org_id}/event/{event_id}/{tail}"

    async def _get(
        self,
        path: str,
        model: type[ModelT],
        *,
        params: dict[str, Any] | None = None,
        feature: tuple[int, str] | None = None,
        on_retry: RetryListener | None = None,
    ) -> ModelT:
        return await self._call(
            "GET", path, model, params=params, feature=feature, on_retry=on_retry
        )

    async def _call(
        self,
        method: str,
        path: str,
        model: type[ModelT],
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        files: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        feature: tuple[int, str] | None = None,
        on_retry: RetryListener | None = None,
    ) -> ModelT:
        """One call with the session's retries; a 403 on an endpoint gated by `feature`
        (event id, flag name) is explained once the retries are spent."""
        try:
            return await self._retried(
                method,
                path,
                model,
                params=params,
                json_body=json_body,
                files=files,
                data=data,
                on_retry=on_retry,
            )
        except AccessDenied as denied:
            if feature is None or isinstance(denied, FeatureDisabled):
                raise
            raise await self._explain_forbidden(denied, *feature) from denied

    async def _explain_forbidden(
        self, denied: AccessDenied, event_id: int, feature: str
    ) -> NinePicError:
        """A 403 on a feature-gated endpoint: say so plainly when the event's flag is off."""
        try:
            details = await self.event_details(event_id)
        except NinePicError:
            return denied
        flags = {"video_search": details.video_clipping}
        enabled = flags.get(feature, bool(getattr(details, feature, True)))
        return denied if enabled else FeatureDisabled(feature, denied.detail)


def _page_params(page: int, page_size: int, maximum: int) -> dict[str, Any]:
    if page < 1:
        raise RefusedInput(InputProblem.BAD_PAGE)
    return {"page": page, "page_size": max(1, min(page_size, maximum))}
