"""Picture hosting: public previews (``/imgs``), presigned originals (``/storage``) and clips.

These play the CDN and the object store, not the API: no key, no envelope, no injected API
faults. Storage answers like S3 does (XML errors, Range, 206/416) and can be told to cut a
body short while announcing its full length, the way a dropped connection looks.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from typing import Final

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from app.demo.clips import clip_bytes
from app.demo.signing import LinkState, object_key
from app.demo.state import DemoState
from app.demo.stats import StorageHit
from app.demo.world import Photo

CHUNK: Final = 64 * 1024
_UUIDISH: Final = re.compile(r"[0-9A-Za-z-]{1,64}")
_PREVIEW_CACHE: Final = "public, max-age=86400"


class BodyResponse(Response):
    """Bytes sent in chunks; with ``cut`` set, only that many are sent and the connection is
    then dropped (the server sees an unfinished response and closes the socket)."""

    def __init__(
        self,
        status: int,
        headers: dict[str, str],
        body: bytes,
        *,
        head: bool,
        cut: int | None = None,
    ) -> None:
        self.status_code = status
        self.background = None
        self._payload = body
        self._head = head
        self._cut = cut
        self.init_headers({"Content-Length": str(len(body))} | headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        if self._head:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        view = memoryview(self._payload)
        end = len(view) if self._cut is None else self._cut
        for start in range(0, end, CHUNK):
            piece = bytes(view[start : min(start + CHUNK, end)])
            await send({"type": "http.response.body", "body": piece, "more_body": True})
            # Let the loop notice a vanished client before the next write (asyncio warns
            # about repeated writes to a lost connection).
            await asyncio.sleep(0)
        if self._cut is None:
            await send({"type": "http.response.body", "body": b"", "more_body": False})


def _xml_error(status: int, code: str, message: str) -> Response:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message></Error>\n"
    )
    return Response(body, status_code=status, media_type="application/xml")


def _etag(state: DemoState, kind: str, key: str) -> str:
    return (
        '"'
        + hashlib.sha1(
            f"{state.catalog.seed}:{kind}:{key}".encode(), usedforsecurity=False
        ).hexdigest()
        + '"'
    )


def parse_range(header: str | None, size: int) -> tuple[int, int] | bool | None:
    """``(first, last)`` for one satisfiable ``bytes=`` range, False if unsatisfiable, None
    when the header is absent or not a single byte range (then the whole body is sent)."""
    if not header:
        return None
    match = re.fullmatch(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", header)
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first_text, last_text = match.groups()
    if first_text == "":
        suffix = int(last_text)
        if suffix == 0:
            return False
        return (max(size - suffix, 0), size - 1)
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None
    if first >= size:
        return False
    return (first, min(last, size - 1))


def _photo_in(state: DemoState, event_id: str, name: str, suffix: str = ".jpg") -> Photo | None:
    if not name.endswith(suffix) or not _UUIDISH.fullmatch(name[: -len(suffix)]):
        return None
    photo = state.catalog.photo(name[: -len(suffix)])
    return photo if photo is not None and str(photo.event_id) == event_id else None


def file_routes(state: DemoState) -> list[Route]:
    async def preview(request: Request) -> Response:
        kind: str = request.path_params["kind"]
        photo = _photo_in(state, request.path_params["event_id"], request.path_params["name"])
        if photo is None or kind not in ("small", "large"):
            return Response("Not Found", status_code=404, media_type="text/plain")
        if kind == "small":
            state.stats.record_thumbnail(photo.image_id)
            data = await run_in_threadpool(state.images.thumbnail, photo)
        else:
            state.stats.record_large(photo.image_id)
            data = await run_in_threadpool(state.images.large, photo)
        headers = {"Cache-Control": _PREVIEW_CACHE, "ETag": _etag(state, kind, photo.image_id)}
        return BodyResponse(
            200, headers | {"Content-Type": "image/jpeg"}, data, head=request.method == "HEAD"
        )

    async def cover(request: Request) -> Response:
        event = state.catalog.events.get(int(request.path_params["event_id"]))
        if event is None or not event.has_cover:
            return Response("Not Found", status_code=404, media_type="text/plain")
        colours = tuple(r.colour for r in state.catalog.runners(event.event_id))
        data = await run_in_threadpool(state.images.cover, event, colours)
        headers = {"Content-Type": "image/jpeg", "Cache-Control": _PREVIEW_CACHE}
        return BodyResponse(200, headers, data, head=request.method == "HEAD")

    async def storage(request: Request) -> Response:
        event_id: str = request.path_params["event_id"]
        name: str = request.path_params["name"]
        image_id = name.removesuffix(".jpg")
        rng = request.headers.get("range")
        head = request.method == "HEAD"

        def done(response: Response, truncated: bool = False) -> Response:
            state.stats.record_storage(
                StorageHit(image_id, request.method, rng, response.status_code, truncated)
            )
            return response

        link = state.signer.check(
            f"{event_id}/{name}",
            request.query_params.get("expires"),
            request.query_params.get("sig"),
        )
        if link is LinkState.EXPIRED:
            return done(_xml_error(403, "AccessDenied", "Request has expired"))
        if link is LinkState.BAD_SIGNATURE:
            return done(
                _xml_error(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature does not match the signature you provided.",
                )
            )
        if link is not LinkState.VALID:
            return done(
                _xml_error(
                    403,
                    "AccessDenied",
                    "Query-string authentication requires the expires and sig parameters",
                )
            )
        photo = _photo_in(state, event_id, name)
        if (
            photo is None
            or photo.original_missing
            or object_key(photo.event_id, photo.image_id) != f"{event_id}/{name}"
        ):
            return done(_xml_error(404, "NoSuchKey", "The specified key does not exist."))
        data = await run_in_threadpool(state.images.original, photo)
        size = len(data)
        headers = {
            "Content-Type": "image/jpeg",
            "Accept-Ranges": "bytes",
            "ETag": _etag(state, "original", photo.image_id),
        }
        wanted = parse_range(rng, size)
        if wanted is False:
            response = _xml_error(416, "InvalidRange", "The requested range is not satisfiable")
            response.headers["Content-Range"] = f"bytes */{size}"
            return done(response)
        status, body = 200, data
        if isinstance(wanted, tuple):
            first, last = wanted
            status, body = 206, data[first : last + 1]
            headers["Content-Range"] = f"bytes {first}-{last}/{size}"
        headers["Content-Length"] = str(len(body))
        cut = None if head else state.faults.truncation_point(len(body))
        return done(
            BodyResponse(status, headers, body, head=head, cut=cut), truncated=cut is not None
        )

    async def clip(request: Request) -> Response:
        job = state.searches.video(request.path_params["request_id"])
        if job is None or str(job.event_id) != request.path_params["event_id"]:
            return Response("Not Found", status_code=404, media_type="text/plain")
        index = request.path_params["name"].removesuffix(".mp4")
        clip = next((c for c in job.clips() if str(c.index) == index), None)
        if clip is None:
            return Response("Not Found", status_code=404, media_type="text/plain")
        data = clip_bytes(clip.duration_s, f"{job.request_id}/{clip.index}")
        return BodyResponse(200, {"Content-Type": "video/mp4"}, data, head=request.method == "HEAD")

    return [
        Route("/imgs/{event_id:int}/cover.jpg", cover, methods=["GET", "HEAD"]),
        Route("/imgs/{event_id}/{kind}/{name}", preview, methods=["GET", "HEAD"]),
        Route("/storage/{event_id}/{name}", storage, methods=["GET", "HEAD"]),
        Route("/clips/{event_id}/{request_id}/{name}", clip, methods=["GET", "HEAD"]),
    ]
