"""The one place the key is used: the relay's calls to the 9Pic API, and their answers
scrubbed of it before anything of them goes back to a client.

The key rides only on the httpx client that talks to `upstream` (no redirects followed, so
it cannot be carried elsewhere). Every answer body and the one header we pass on have the
key replaced, in its raw, JSON-escaped and URL-encoded forms, in case an upstream echoes it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any
from urllib.parse import quote

import httpx

from app.core.answers import parse_retry_after

REDACTED = "***"
PASSED_HEADERS = ("content-type",)


class UpstreamUnavailable(Exception):
    """No usable answer from upstream: `status` is 502 (unreachable) or 504 (too slow)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Answer:
    """An upstream answer with the key already taken out."""

    status: int
    body: bytes
    content_type: str
    retry_after: str | None

    def json(self) -> Any:
        """The body as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def secret_forms(secret: str) -> tuple[bytes, ...]:
    """The ways a secret can appear inside an answer: raw, JSON-escaped, URL-encoded."""
    if not secret:
        return ()
    forms = {secret, json.dumps(secret)[1:-1], quote(secret, safe=""), quote(secret)}
    return tuple(sorted((f.encode() for f in forms), key=len, reverse=True))


class Upstream:
    """One long-lived httpx client to the 9Pic API carrying the organiser's key."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout_s: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._forms = secret_forms(api_key)
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            headers={"X-API-Key": api_key, "Accept": "application/json"},
            timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
            follow_redirects=False,
            transport=transport,
            # No cookie jar: a cookie one runner's call got must never ride on another's.
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        )

    def __repr__(self) -> str:
        return f"Upstream(base_url={self.base_url!r})"

    async def aclose(self) -> None:
        await self._client.aclose()

    def redact(self, data: bytes) -> bytes:
        for form in self._forms:
            data = data.replace(form, REDACTED.encode())
        return data

    def redact_text(self, text: str) -> str:
        return self.redact(text.encode("utf-8", "surrogateescape")).decode(
            "utf-8", "surrogateescape"
        )

    async def send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json_body: Any = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        data: dict[str, str] | None = None,
    ) -> Answer:
        """One call upstream; `UpstreamUnavailable` when there is no answer to pass on."""
        try:
            response = await self._client.request(
                method, path, params=params, json=json_body, files=files, data=data
            )
        except httpx.TimeoutException:
            raise UpstreamUnavailable(504, "the photo service took too long to answer") from None
        except httpx.HTTPError as exc:
            raise UpstreamUnavailable(
                502, f"the photo service cannot be reached ({type(exc).__name__})"
            ) from None
        retry_after = response.headers.get("retry-after")
        if retry_after is not None and parse_retry_after(retry_after) is None:
            retry_after = None  # not a number of seconds or a date: nothing a client can use
        return Answer(
            status=response.status_code,
            body=self.redact(response.content),
            content_type=response.headers.get("content-type", "application/json"),
            retry_after=self.redact_text(retry_after) if retry_after else None,
        )
