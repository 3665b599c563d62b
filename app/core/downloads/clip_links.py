"""The links of a video clip job: the clips a finished job listed, renewed by asking again.

Clip URLs come from the clipping job's own answer (spec 10.11), not from the download
endpoint: they are public, so the engine fetches them exactly like presigned originals
(no API key goes with them; a URL that carries the key is refused). A clip's key in the
journal is `clip:{request_id}:{n}`, n counting from 1 in the job's order, so a second
run finds the clips it already saved. When a link goes stale (or answers with something
that is not an MP4), the job is polled again and the clip pointing at the same object
(its signature may differ) is taken; one the job no longer lists is "not found".
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from posixpath import basename
from urllib.parse import unquote, urlsplit

from app.core.client import NinePicClient
from app.core.downloads.clip_keys import clip_key
from app.core.downloads.identity import Evidence
from app.core.downloads.kinds import MediaKind
from app.core.downloads.links import (
    DownloadJob,
    Link,
    LinkFailure,
    LinkPage,
    LinkUnavailable,
    carries_secret,
)
from app.core.downloads.reasons import (
    FailureReason,
    reason_for_api_error,
    service_detail,
    stops_batch_on_api_error,
)
from app.core.errors import NinePicError
from app.core.models import VideoClip
from app.core.urls import redact_text

_KEY_IN_URL = "The clip link carried the API key; it was not used."


def clip_name(clip: VideoClip) -> str:
    """The name the service suggests: the source video's, else the URL's last part."""
    if clip.source_video and clip.source_video.strip():
        return clip.source_video
    return basename(unquote(urlsplit(clip.url).path))


class ClipLinks:
    """A `LinkFeed` over the clips of one finished clip job (one page, known in advance)."""

    def __init__(self, client: NinePicClient, event_id: int, job: DownloadJob) -> None:
        self.client = client
        self.event_id = event_id
        self.request_id = str(job.identifier)
        self.clips = job.clips
        self.listed = len(job.clips)

    @property
    def sent(self) -> int:
        return self.listed

    def shortfall(self) -> LinkFailure | None:
        return None  # the job's own list is the whole truth: nothing can go missing

    def shortfall_key(self) -> str:
        return f"missing:clips:{self.request_id}"

    async def pages(self, image_ids: Sequence[str] | None = None) -> AsyncIterator[LinkPage]:
        links: list[Link] = []
        failures: list[LinkFailure] = []
        secrets = self.client.secrets
        for number, clip in enumerate(self.clips, 1):
            key = clip_key(self.request_id, number)
            name = redact_text(clip_name(clip), secrets)
            if carries_secret(clip.url, secrets):
                failures.append(LinkFailure(key, None, name, FailureReason.NO_LINK, _KEY_IN_URL))
                continue
            links.append(Link(key, None, name, clip.url, kind=MediaKind.CLIP))
        yield LinkPage(tuple(links), tuple(failures), self.listed or None)

    async def refresh(self, link: Link) -> Link:
        """The same clip's URL from a fresh poll of the job; `LinkUnavailable` when gone."""
        try:
            job = await self.client.video_clipping(self.event_id, self.request_id)
        except NinePicError as exc:
            if stops_batch_on_api_error(exc):
                raise
            raise LinkUnavailable(reason_for_api_error(exc), service_detail(exc)) from exc
        mine = Evidence.of(link.url)
        for clip in job.clips:
            same = Evidence.of(clip.url).same_object(mine)
            if same and not carries_secret(clip.url, self.client.secrets):
                return replace(link, url=clip.url)
        raise LinkUnavailable(FailureReason.NOT_FOUND, "The clip job no longer lists this clip.")
