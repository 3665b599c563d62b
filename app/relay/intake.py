"""What a client sends, checked before any of it goes upstream: bodies bounded in size
and time, selfies that really are images, the access code.

Every refusal is a `Refused` carrying the status and a plain sentence; the app turns it
into the standard error envelope.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import Message

from app.core.client import SELFIE_FIELD
from app.core.image_signatures import image_type

REQUEST_ID_FIELD = "request_id"
ACCESS_CODE_HEADERS = ("x-access-code", "x-api-key")
"""Where a runner's access code may come: its own header, or the app's key field (a client's
key is never forwarded; with an access code configured it is compared against it)."""
_MAX_REQUEST_ID_CHARS = 64


class Refused(Exception):
    """A request the relay answers itself, with `status` and a message for people."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def check_access_code(request: Request, expected: str | None) -> None:
    """401 when the code is missing (the app then asks for it), 403 when it is wrong."""
    if expected is None:
        return
    given = next((request.headers[h] for h in ACCESS_CODE_HEADERS if h in request.headers), None)
    if given is None or not given.strip():
        raise Refused(401, "This event needs its access code.")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Refused(403, "That access code is not right for this event.")


async def read_body(request: Request, *, max_bytes: int, timeout_s: float) -> bytes:
    """The whole body, refused with 413 as soon as it (or its Content-Length) says it is
    over `max_bytes`, and with 408 when the client takes longer than `timeout_s`."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise Refused(413, f"The upload is larger than {max_bytes // 1024} KB.")
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout_s):
            async for chunk in request.stream():
                size += len(chunk)
                if size > max_bytes:
                    raise Refused(413, f"The upload is larger than {max_bytes // 1024} KB.")
                chunks.append(chunk)
    except TimeoutError:
        raise Refused(408, "The upload took too long.") from None
    return b"".join(chunks)


async def read_json(request: Request, *, max_bytes: int, timeout_s: float) -> dict[str, Any]:
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise Refused(415, "Send the request as application/json.")
    body = await read_body(request, max_bytes=max_bytes, timeout_s=timeout_s)
    try:
        value = json.loads(body)
    except ValueError:
        raise Refused(422, "body: not valid JSON") from None
    if not isinstance(value, dict):
        raise Refused(422, "body: must be a JSON object")
    return value


@dataclass(frozen=True)
class SelfieForm:
    """The two parts the relay forwards: the selfie (optional with a request_id) and its id."""

    selfie: tuple[str, bytes, str] | None
    request_id: str | None

    def files(self) -> dict[str, tuple[str, bytes, str]] | None:
        return {SELFIE_FIELD: self.selfie} if self.selfie else None

    def data(self) -> dict[str, str] | None:
        return {REQUEST_ID_FIELD: self.request_id} if self.request_id else None


async def read_selfie_form(request: Request, *, max_bytes: int, timeout_s: float) -> SelfieForm:
    """A multipart form with at most one selfie (JPEG, PNG or WebP by its bytes) and a
    request_id; anything else in it is dropped, never forwarded."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise Refused(415, "Send the selfie as multipart/form-data.")
    body = await read_body(request, max_bytes=max_bytes, timeout_s=timeout_s)
    replay = _replay(request, body)
    try:
        form = await replay.form(max_files=1, max_fields=8, max_part_size=max_bytes)
    except Exception:  # starlette's parser raises its own errors for malformed bodies
        raise Refused(400, "The upload is not a readable multipart form.") from None
    try:
        request_id = form.get(REQUEST_ID_FIELD)
        if request_id is not None and (
            not isinstance(request_id, str) or len(request_id) > _MAX_REQUEST_ID_CHARS
        ):
            raise Refused(400, "request_id must be a selfie search id.")
        part = form.get(SELFIE_FIELD)
        selfie = None
        if isinstance(part, UploadFile):
            data = await part.read()
            if not data:
                raise Refused(400, "The selfie file is empty.")
            kind = image_type(data)
            if kind is None:
                raise Refused(415, "The selfie must be a JPEG, PNG or WebP photo.")
            selfie = (f"selfie.{kind.removeprefix('image/')}", data, kind)
        elif part is not None:
            raise Refused(400, "The selfie must be sent as a file.")
        if selfie is None and not request_id:
            raise Refused(400, "Send a selfie photo or a selfie search id.")
        return SelfieForm(selfie, request_id or None)
    finally:
        await form.close()


def _replay(request: Request, body: bytes) -> Request:
    """A request over the already bounded body, so the form parser never reads the wire."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(request.scope, receive)
