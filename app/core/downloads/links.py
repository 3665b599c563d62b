"""Presigned links, asked for page by page just before use, and renewed one at a time.

Links expire (about an hour), so the engine never asks for all of them up front: ids go
out in `image_ids` chunks of at most 60, and "everything for a BIB / selfie" follows
the download endpoint's own pagination with `method: bib` / `selfie`. Paging the
download endpoint directly (instead of listing the search first and then asking by
ids) costs one call per 60 photos, reports missing originals in `failed_urls`, and
does not depend on the search features being switched on for the event.

The API does not say in which order links come back: `identity.py` ties each link to
its image id without ever merging two distinct photos. Nothing may vanish: the walk is
bounded (a server repeating `hasNextPage: true` for ever), and when the links add up
to fewer photos than the service listed, `shortfall` says so as a failed entry.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol
from urllib.parse import unquote

from app.core.client import NinePicClient
from app.core.downloads.identity import Evidence, IdentityBook, candidates
from app.core.downloads.kinds import MediaKind
from app.core.downloads.reasons import (
    FailureReason,
    reason_for_api_error,
    service_detail,
    stops_batch_on_api_error,
)
from app.core.errors import NinePicError, RequestRejected
from app.core.models import (
    DownloadMethod,
    DownloadOriginalPhotosRequest,
    DownloadOriginalPhotosResponse,
    VideoClip,
)
from app.core.urls import redact_text
from app.core.validation import InputProblem, RefusedInput

MAX_LINKS_PER_CALL = 60
MAX_PAGES = 2000
"""Absolute cap on download pages for one job (120,000 photos at 60 a page)."""
MISSING = FailureReason.MISSING_LINKS
_KEY_IN_URL = "The link carried the API key; it was not used."


@dataclass(frozen=True)
class DownloadJob:
    """What to download: a list of image ids, or everything for a BIB or a selfie search."""

    method: DownloadMethod
    identifier: str | tuple[str, ...]
    label: str = ""
    """The search term a list of ids came from, for file names (`{bib}`)."""
    kind: MediaKind = MediaKind.PHOTO
    clips: tuple[VideoClip, ...] = ()
    """For a clip job: the clips a finished clipping job listed (public links)."""

    @classmethod
    def for_clips(cls, request_id: str, clips: Iterable[VideoClip]) -> DownloadJob:
        """The video clips of the selfie search `request_id`, as its clip job listed them."""
        if not request_id.strip():
            raise RefusedInput(InputProblem.EMPTY_REQUEST_ID)
        return cls(
            DownloadMethod.SELFIE, request_id.strip(), kind=MediaKind.CLIP, clips=tuple(clips)
        )

    @classmethod
    def for_ids(cls, image_ids: Iterable[str], label: str = "") -> DownloadJob:
        unique = tuple(dict.fromkeys(i.strip() for i in image_ids if i.strip()))
        if not unique:
            raise RefusedInput(InputProblem.NO_IMAGE_IDS)
        return cls(DownloadMethod.IMAGE_IDS, unique, label.strip())

    @property
    def name_term(self) -> str:
        """`{bib}` in file names: the BIB, `selfie`, `clip`, or the ids' search term (else
        `photo`)."""
        if self.kind is MediaKind.CLIP:
            return "clip"
        if self.method is DownloadMethod.BIB:
            return str(self.identifier)
        if self.method is DownloadMethod.SELFIE:
            return "selfie"
        return self.label or "photo"

    @classmethod
    def for_bib(cls, bib: str) -> DownloadJob:
        if not bib.strip():
            raise RefusedInput(InputProblem.EMPTY_BIB)
        return cls(DownloadMethod.BIB, bib.strip())

    @classmethod
    def for_selfie(cls, request_id: str) -> DownloadJob:
        if not request_id.strip():
            raise RefusedInput(InputProblem.EMPTY_REQUEST_ID)
        return cls(DownloadMethod.SELFIE, request_id.strip())

    @property
    def image_ids(self) -> tuple[str, ...] | None:
        """The ids asked for, when the job names them."""
        return self.identifier if isinstance(self.identifier, tuple) else None

    def describe(self) -> str:
        """`BIB 1042`, `the selfie search …`, `12 photos`: for messages and keys."""
        if self.kind is MediaKind.CLIP:
            return f"the video clips of the selfie search {self.identifier}"
        if self.method is DownloadMethod.BIB:
            return f"BIB {self.identifier}"
        if self.method is DownloadMethod.SELFIE:
            return f"the selfie search {self.identifier}"
        return f"{len(self.image_ids or ())} photos"


@dataclass(frozen=True)
class PageRef:
    """Where an unmatched link came from, so it can be renewed by asking that page again."""

    request: DownloadOriginalPhotosRequest
    page: int
    page_size: int


@dataclass(frozen=True)
class Link:
    """One photo to fetch: its key (image id, or `file:<name>`), suggested name and URL."""

    key: str
    image_id: str | None
    suggested_name: str
    url: str = field(repr=False)
    source: PageRef | None = None
    """Set for links matched to no known id: renewal re-asks this page."""
    kind: MediaKind = MediaKind.PHOTO
    """A photo (checked as JPEG) or a clip (checked as MP4)."""


@dataclass(frozen=True)
class LinkFailure:
    """A photo the service could not give a link for."""

    key: str
    image_id: str | None
    suggested_name: str
    reason: FailureReason
    detail: str = ""


@dataclass(frozen=True)
class LinkPage:
    links: tuple[Link, ...] = ()
    failures: tuple[LinkFailure, ...] = ()
    total: int | None = None
    """Photos in the whole job, when the service says (first page of bib/selfie)."""


class LinkUnavailable(Exception):
    """No fresh link for one photo; the photo fails with `reason`."""

    def __init__(self, reason: FailureReason, detail: str = "") -> None:
        super().__init__(detail or reason.value)
        self.reason = reason
        self.detail = detail


class LinkFeed(Protocol):
    """Where a batch gets its links: page by page, one renewed at a time, counted."""

    @property
    def sent(self) -> int: ...

    def shortfall(self) -> LinkFailure | None: ...

    def shortfall_key(self) -> str: ...

    def pages(self, image_ids: Sequence[str] | None = None) -> AsyncIterator[LinkPage]: ...

    async def refresh(self, link: Link) -> Link: ...


class LinkSource:
    """Walks one job's links lazily; `refresh` renews a single photo's link.

    It also keeps count: `listed` is how many photos the service said the job has
    (the first page's `total`, or the ids asked for), `sent` how many distinct photos
    it actually answered for (links and failures). `shortfall` compares the two.
    """

    def __init__(
        self,
        client: NinePicClient,
        event_id: int,
        job: DownloadJob,
        *,
        chunk_size: int = MAX_LINKS_PER_CALL,
    ) -> None:
        self.client = client
        self.event_id = event_id
        self.job = job
        self.chunk_size = max(1, min(chunk_size, MAX_LINKS_PER_CALL))
        self.listed = 0
        self.identities = IdentityBook()
        self._unmatched = 0
        """Links of the current id chunk that matched no id asked for (known by name)."""

    @property
    def sent(self) -> int:
        return len(self.identities)

    def shortfall(self) -> LinkFailure | None:
        """A failed entry for photos the service listed but never sent, if any."""
        if self.sent >= self.listed:
            return None
        what = self.job.describe()
        detail = (
            f"The service listed {self.listed} photos for {what} but sent links for {self.sent}."
        )
        return LinkFailure(self.shortfall_key(), None, "", MISSING, detail)

    def shortfall_key(self) -> str:
        """The failed-list key of this job's gap (one per job, replaced run after run)."""
        return f"missing:{self.job.method.value}:{self.job.describe()}"

    async def pages(self, image_ids: Sequence[str] | None = None) -> AsyncIterator[LinkPage]:
        """Links page by page. For id jobs, `image_ids` (default: all) are the ones to ask.

        Errors that end the batch (refused, unknown event, unreachable) propagate; other
        API errors fail just the photos of that chunk.
        """
        if self.job.image_ids is None:
            request = DownloadOriginalPhotosRequest(
                method=self.job.method, identifier=str(self.job.identifier)
            )
            async for page in self._walk(request, None):
                yield page
            return
        ids = list(self.job.image_ids if image_ids is None else image_ids)
        for start in range(0, len(ids), self.chunk_size):
            async for page in self._chunk(ids[start : start + self.chunk_size]):
                yield page

    async def _walk(
        self, request: DownloadOriginalPhotosRequest, expected: Sequence[str] | None
    ) -> AsyncIterator[LinkPage]:
        """Follow the pagination, bounded: never past the first page's `totalPages` + 1
        (drift), never past `MAX_PAGES`, and never on after a page that brought nothing
        new (a server repeating itself with `hasNextPage: true` for ever)."""
        page_no, last_allowed = 1, MAX_PAGES
        while True:
            response = await self.client.original_photos(
                self.event_id, request, page_no, self.chunk_size
            )
            pagination = response.pagination
            if page_no == 1 and expected is None:
                self.listed = pagination.total if pagination and not pagination.is_empty else 0
                if pagination is not None and not pagination.is_empty:
                    last_allowed = min(MAX_PAGES, pagination.total_pages + 1)
            page, new = self._page(response, expected, request, page_no)
            yield page
            if not new or pagination is None or pagination.is_empty:
                return
            if not pagination.has_next_page or page_no >= last_allowed:
                return
            page_no += 1

    async def _chunk(self, chunk: list[str]) -> AsyncIterator[LinkPage]:
        request = DownloadOriginalPhotosRequest.for_images(chunk)
        self.listed += len(chunk)
        try:
            async for page in self._walk(request, chunk):
                yield page
        except RequestRejected as exc:
            yield self._failures(chunk, FailureReason.NOT_FOUND, exc.detail)
            return
        except NinePicError as exc:
            if stops_batch_on_api_error(exc):
                raise
            yield self._failures(chunk, reason_for_api_error(exc), service_detail(exc))
            return
        if not self._unmatched:
            yield self._failures(chunk, FailureReason.NOT_FOUND, "No link was returned for it.")
        self._unmatched = 0

    def _failures(self, ids: Iterable[str], reason: FailureReason, detail: str) -> LinkPage:
        """Failures for the ids of a chunk that got no answer yet."""
        missing = [i for i in ids if i not in self.identities]
        for image_id in missing:
            self.identities.note(image_id)
        return LinkPage(failures=tuple(LinkFailure(i, i, "", reason, detail) for i in missing))

    def _page(
        self,
        response: DownloadOriginalPhotosResponse,
        expected: Sequence[str] | None,
        request: DownloadOriginalPhotosRequest,
        page_no: int,
    ) -> tuple[LinkPage, int]:
        """The page's links and failures, and how many photos on it are new to the job.

        Names and texts from the server are redacted of the key before anything else
        sees them; a link that carries the key is never used.
        """
        ref = PageRef(request, page_no, self.chunk_size)
        secrets = self.client.secrets
        links: list[Link] = []
        failures: list[LinkFailure] = []
        new = 0
        for item in response.presigned_urls:
            name = redact_text(item.filename, secrets)
            key, image_id, fresh = self.identities.assign(name, item.url, expected)
            new += fresh
            if image_id is None and expected is not None:
                self._unmatched += fresh
            if carries_secret(item.url, secrets):
                failures.append(
                    LinkFailure(key, image_id, name, FailureReason.NO_LINK, _KEY_IN_URL)
                )
                continue
            source = ref if expected is None or image_id is None else None
            links.append(Link(key, image_id, name, item.url, source))
        for failed in response.failed_urls:
            image_id = redact_text(failed.image_id, secrets).strip()
            if not image_id:
                continue
            new += self.identities.note(image_id)
            detail = redact_text(failed.error, secrets)
            failures.append(LinkFailure(image_id, image_id, "", FailureReason.NO_LINK, detail))
        return LinkPage(tuple(links), tuple(failures), self.listed or None), new

    async def refresh(self, link: Link) -> Link:
        """A fresh URL for one photo: `method: image_id`, else the page it came from.

        Raises `LinkUnavailable` for that photo, or a batch-ending `NinePicError`.
        """
        if link.image_id is not None:
            try:
                response = await self.client.original_photos(
                    self.event_id, DownloadOriginalPhotosRequest.for_image(link.image_id)
                )
            except RequestRejected as exc:
                if link.source is None:
                    raise LinkUnavailable(FailureReason.NOT_FOUND, exc.detail) from exc
            except NinePicError as exc:
                if stops_batch_on_api_error(exc):
                    raise
                raise LinkUnavailable(reason_for_api_error(exc), service_detail(exc)) from exc
            else:
                return self._pick(link, response, [link.image_id])
        if link.source is None:
            raise LinkUnavailable(FailureReason.LINK_EXPIRED)
        try:
            response = await self.client.original_photos(
                self.event_id, link.source.request, link.source.page, link.source.page_size
            )
        except NinePicError as exc:
            if stops_batch_on_api_error(exc):
                raise
            raise LinkUnavailable(reason_for_api_error(exc), service_detail(exc)) from exc
        return self._pick(link, response, None)

    def _pick(
        self, link: Link, response: DownloadOriginalPhotosResponse, expected: list[str] | None
    ) -> Link:
        secrets = self.client.secrets
        for failed in response.failed_urls:
            if failed.image_id == link.image_id:
                raise LinkUnavailable(FailureReason.NO_LINK, redact_text(failed.error, secrets))
        items = [i for i in response.presigned_urls if not carries_secret(i.url, secrets)]
        mine = Evidence.of(link.url)
        for item in items:
            if expected is not None:
                if link.image_id in candidates(item.filename, item.url, expected):
                    return replace(link, url=item.url)
            elif Evidence.of(item.url).same_object(mine):
                return replace(link, url=item.url)
        if expected is not None and len(items) == 1:
            return replace(link, url=items[0].url)
        raise LinkUnavailable(FailureReason.NOT_FOUND, "No fresh link was returned for it.")


def carries_secret(url: str, secrets: Iterable[str]) -> bool:
    """True when a link holds the API key, plainly or URL-encoded: never send it there."""
    plain = unquote(url)
    return any(s and (s in url or s in plain) for s in secrets)
