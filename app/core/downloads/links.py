"""Presigned links, asked for page by page just before use, and renewed one at a time.

Links expire (about an hour), so the engine never asks for all of them up front: ids go
out in `image_ids` chunks of at most 60, and "everything for a BIB / selfie" follows
the download endpoint's own pagination with `method: bib` / `selfie`. Paging the
download endpoint directly (instead of listing the search first and then asking by
ids) costs one call per 60 photos, reports missing originals in `failed_urls`, and
does not depend on the search features being switched on for the event.

The API does not say in which order links come back, so each link is tied to its
image id by the stem of `filename`, or else of the URL path; a link that matches no id
is still downloaded and known by its file name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from posixpath import basename
from urllib.parse import unquote, urlsplit

from app.core.client import NinePicClient
from app.core.downloads.reasons import FailureReason, reason_for_api_error, stops_batch_on_api_error
from app.core.errors import InvalidInput, NinePicError, RequestRejected
from app.core.models import (
    DownloadMethod,
    DownloadOriginalPhotosRequest,
    DownloadOriginalPhotosResponse,
    PresignedUrlItem,
)

MAX_LINKS_PER_CALL = 60


@dataclass(frozen=True)
class DownloadJob:
    """What to download: a list of image ids, or everything for a BIB or a selfie search."""

    method: DownloadMethod
    identifier: str | tuple[str, ...]

    @classmethod
    def for_ids(cls, image_ids: Iterable[str]) -> DownloadJob:
        unique = tuple(dict.fromkeys(i.strip() for i in image_ids if i.strip()))
        if not unique:
            raise InvalidInput("Give at least one image id.")
        return cls(DownloadMethod.IMAGE_IDS, unique)

    @classmethod
    def for_bib(cls, bib: str) -> DownloadJob:
        if not bib.strip():
            raise InvalidInput("Enter a BIB number.")
        return cls(DownloadMethod.BIB, bib.strip())

    @classmethod
    def for_selfie(cls, request_id: str) -> DownloadJob:
        if not request_id.strip():
            raise InvalidInput("Give a selfie search id.")
        return cls(DownloadMethod.SELFIE, request_id.strip())

    @property
    def image_ids(self) -> tuple[str, ...] | None:
        """The ids asked for, when the job names them."""
        return self.identifier if isinstance(self.identifier, tuple) else None


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
        super().__init__(detail or reason.sentence)
        self.reason = reason
        self.detail = detail


def _stem(name: str) -> str:
    base = basename(unquote(name).replace("\\", "/"))
    return base.rsplit(".", 1)[0] if "." in base else base


def identify(item: PresignedUrlItem, expected: Iterable[str] | None) -> str | None:
    """The image id a link belongs to: filename stem, else the URL path's last stem."""
    candidates = [_stem(item.filename), _stem(urlsplit(item.url).path)]
    if expected is None:
        return next((c for c in reversed(candidates) if c), None)
    wanted = set(expected)
    return next((c for c in candidates if c in wanted), None)


def file_key(item: PresignedUrlItem) -> str:
    return "file:" + (item.filename or _stem(urlsplit(item.url).path))


class LinkSource:
    """Walks one job's links lazily; `refresh` renews a single photo's link."""

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

    async def pages(self, image_ids: Sequence[str] | None = None) -> AsyncIterator[LinkPage]:
        """Links page by page. For id jobs, `image_ids` (default: all) are the ones to ask.

        Errors that end the batch (refused, unknown event, unreachable) propagate; other
        API errors fail just the photos of that chunk.
        """
        if self.job.image_ids is None:
            request = DownloadOriginalPhotosRequest(
                method=self.job.method, identifier=str(self.job.identifier)
            )
            first = True
            async for response in self.client.iter_original_photos(
                self.event_id, request, page_size=self.chunk_size
            ):
                total = response.pagination.total if first and response.pagination else None
                first = False
                yield self._page(response, None, request, total)
            return
        ids = list(self.job.image_ids if image_ids is None else image_ids)
        for start in range(0, len(ids), self.chunk_size):
            async for page in self._chunk(ids[start : start + self.chunk_size]):
                yield page

    async def _chunk(self, chunk: list[str]) -> AsyncIterator[LinkPage]:
        request = DownloadOriginalPhotosRequest.for_images(chunk)
        seen: set[str] = set()
        unmatched = 0
        try:
            async for response in self.client.iter_original_photos(
                self.event_id, request, page_size=self.chunk_size
            ):
                page = self._page(response, chunk, request, None)
                seen.update(x.key for x in page.links if x.image_id is not None)
                seen.update(f.key for f in page.failures)
                unmatched += sum(1 for x in page.links if x.image_id is None)
                yield page
        except RequestRejected as exc:
            missing = [i for i in chunk if i not in seen]
            yield _failures(missing, FailureReason.NOT_FOUND, exc.detail)
            return
        except NinePicError as exc:
            if stops_batch_on_api_error(exc):
                raise
            missing = [i for i in chunk if i not in seen]
            yield _failures(missing, reason_for_api_error(exc), exc.user_message)
            return
        missing = [i for i in chunk if i not in seen]
        if missing and not unmatched:
            yield _failures(missing, FailureReason.NOT_FOUND, "No link was returned for it.")

    def _page(
        self,
        response: DownloadOriginalPhotosResponse,
        expected: Sequence[str] | None,
        request: DownloadOriginalPhotosRequest,
        total: int | None,
    ) -> LinkPage:
        page_no = response.pagination.current_page if response.pagination else 1
        ref = PageRef(request, max(1, page_no), self.chunk_size)
        links: list[Link] = []
        for item in response.presigned_urls:
            image_id = identify(item, expected)
            if image_id is None:
                links.append(Link(file_key(item), None, item.filename, item.url, ref))
            elif expected is None:  # a guess: keep the page to fall back on
                links.append(Link(image_id, image_id, item.filename, item.url, ref))
            else:
                links.append(Link(image_id, image_id, item.filename, item.url))
        failures = tuple(
            LinkFailure(f.image_id, f.image_id, "", FailureReason.NO_LINK, f.error)
            for f in response.failed_urls
            if f.image_id
        )
        return LinkPage(tuple(links), failures, total)

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
                raise LinkUnavailable(reason_for_api_error(exc), exc.user_message) from exc
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
            raise LinkUnavailable(reason_for_api_error(exc), exc.user_message) from exc
        return self._pick(link, response, None)

    def _pick(
        self, link: Link, response: DownloadOriginalPhotosResponse, expected: list[str] | None
    ) -> Link:
        for failed in response.failed_urls:
            if failed.image_id == link.image_id:
                raise LinkUnavailable(FailureReason.NO_LINK, failed.error)
        items = response.presigned_urls
        for item in items:
            same_id = expected is not None and identify(item, expected) == link.image_id
            same_file = expected is None and file_key(item) == link.key
            same_guess = expected is None and identify(item, None) == link.image_id
            if same_id or same_file or (link.image_id is not None and same_guess):
                return replace(link, url=item.url)
        if expected is not None and len(items) == 1:
            return replace(link, url=items[0].url)
        raise LinkUnavailable(FailureReason.NOT_FOUND, "No fresh link was returned for it.")


def _failures(ids: Iterable[str], reason: FailureReason, detail: str) -> LinkPage:
    return LinkPage(failures=tuple(LinkFailure(i, i, "", reason, detail) for i in ids))
