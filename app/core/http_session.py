"""HttpSession: the two httpx clients a 9Pic backend is reached through, and how one call goes out.

Two long-lived `httpx.AsyncClient`s: `_api` carries the `X-API-Key` header and only
ever talks to the API host (redirects are not followed, so the key cannot be
carried elsewhere); `media` carries no key and fetches thumbnails, previews and
presigned originals from whatever host they live on, over https on every hop.

Kept apart from the endpoints (`client.py`) so that the safety rules (where the key may
go, https only, bounded image bodies, one 429 holding back every call) read in one place;
reading an answer (envelopes, errors, Retry-After) lives in `answers.py`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Self, TypeVar

import httpx
from pydantic import BaseModel

from app.core.answers import parse_response, parse_retry_after
from app.core.errors import (
    BadResponse,
    RequestTimedOut,
    ServiceUnreachable,
    error_for_status,
)
from app.core.image_signatures import image_type
from app.core.lazy_tls import LazyTlsTransport
from app.core.retry import HostGate, RetryListener, RetryPolicy, Sleep, retrying
from app.core.urls import require_secure_url

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)

MAX_THUMBNAIL_BYTES = 20 * 1024 * 1024

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=10.0)


class HttpSession:
    """The connections to one 9Pic backend (API base URL, organisation and key)."""

    def __init__(
        self,
        base_url: str,
        *,
        org_id: int,
        api_key: str | None,
        transport: httpx.AsyncBaseTransport | None = None,
        media_transport: httpx.AsyncBaseTransport | None = None,
        retry_policy: RetryPolicy | None = None,
        sleep: Sleep | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        max_connections: int = 16,
    ) -> None:
        self.base_url = require_secure_url(base_url.rstrip("/"))
        self.org_id = org_id
        self._api_key = api_key or ""
        self.retry_policy = retry_policy or RetryPolicy()
        self._sleep = sleep
        self.api_gate = HostGate()
        """Shared by every call: one 429 holds them all back, not just the one that got it."""
        headers = {"Accept": "application/json"}
        if api_key:
            headers["X-API-Key"] = api_key
        # Every connection a burst of thumbnails opens stays open for the next page.
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._api = httpx.AsyncClient(
            base_url=self.base_url,
            headers=headers,
            transport=transport if transport is not None else LazyTlsTransport(limits),
            timeout=timeout,
            follow_redirects=False,
        )
        if media_transport is None:
            media_transport = transport if transport is not None else LazyTlsTransport(limits)
        self.media = httpx.AsyncClient(
            transport=media_transport,
            timeout=timeout,
            follow_redirects=True,
            event_hooks={"request": [_require_secure_request]},
        )
        """Key-less client for thumbnails, previews and presigned originals."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._api.aclose()
        await self.media.aclose()

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in logs or messages."""
        return (self._api_key,) if self._api_key else ()

    # ------------------------------------------------------------------ media

    async def fetch_image(self, url: str, *, max_bytes: int = MAX_THUMBNAIL_BYTES) -> bytes:
        """A thumbnail or preview: key-less, size-bounded, must look like an image."""
        require_secure_url(url)
        try:
            async with self.media.stream("GET", url) as response:
                if response.status_code != 200:
                    raise error_for_status(
                        response.status_code, "image request failed", field_errors=[]
                    )
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise BadResponse("image larger than allowed")
                    chunks.append(chunk)
        except httpx.TimeoutException as exc:
            raise RequestTimedOut() from exc
        except httpx.HTTPError as exc:
            raise ServiceUnreachable(type(exc).__name__) from exc
        body = b"".join(chunks)
        if not looks_like_image(body):
            raise BadResponse("the answer is not an image")
        return body

    # -------------------------------------------------------------------- API

    async def _retried(
        self,
        method: str,
        path: str,
        model: type[ModelT],
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        files: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        on_retry: RetryListener | None = None,
    ) -> ModelT:
        """One API call with the session's retries; `on_retry` hears of each wait (this
        call's caller only: a download's retries never show up as a search's notices)."""

        async def attempt() -> ModelT:
            response = await self._send(method, path, params, json_body, files, data)
            return self._parse(response, model)

        kwargs: dict[str, Any] = {"on_retry": on_retry}
        if self._sleep is not None:
            kwargs["sleep"] = self._sleep
        return await retrying(attempt, self.retry_policy, **kwargs)

    async def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        json_body: Any,
        files: dict[str, Any] | None,
        data: dict[str, Any] | None,
    ) -> httpx.Response:
        await self.api_gate.wait(self._sleep or asyncio.sleep)
        started = time.monotonic()
        try:
            response = await self._api.request(
                method, path, params=params, json=json_body, files=files, data=data
            )
        except httpx.TimeoutException as exc:
            raise RequestTimedOut() from exc
        except httpx.HTTPError as exc:
            raise ServiceUnreachable(type(exc).__name__) from exc
        if response.status_code == 429:
            delay = parse_retry_after(response.headers.get("Retry-After"))
            self.api_gate.hold(delay if delay is not None else self.retry_policy.base_delay)
        log.debug(
            "%s %s -> %s in %.0f ms",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response

    def _parse(self, response: httpx.Response, model: type[ModelT]) -> ModelT:
        return parse_response(
            response.status_code,
            response.content,
            model,
            retry_after=response.headers.get("Retry-After"),
            secrets=self.secrets,
        )


async def _require_secure_request(request: httpx.Request) -> None:
    """Every hop of a thumbnail or preview fetch, redirects included, must be https."""
    require_secure_url(str(request.url))


def looks_like_image(body: bytes) -> bool:
    """JPEG, PNG or WebP signatures: enough to never show an error page as a photo."""
    return image_type(body) is not None
