"""Status codes map to our error tree; messages never carry the key."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.core.answers import parse_retry_after
from app.core.client import NinePicClient
from app.core.errors import (
    AccessDenied,
    AuthMissing,
    BadResponse,
    FeatureDisabled,
    InvalidInput,
    NinePicError,
    NotFound,
    RateLimited,
    RequestRejected,
    RequestTimedOut,
    ServerError,
    ServiceUnreachable,
)
from app.core.retry import NO_RETRY
from app.terminal_words import error_text
from tests import spec_examples as ex

pytestmark = pytest.mark.anyio

KEY = "sk_live_SECRET_9pic_key_value"


def error_body(message: str) -> dict[str, Any]:
    return {"responseType": "error", "message": message, "data": None}


def make_client(handler: Callable[[httpx.Request], httpx.Response]) -> NinePicClient:
    return NinePicClient(
        "https://api.9pic.ai",
        org_id=903,
        api_key=KEY,
        transport=httpx.MockTransport(handler),
        retry_policy=NO_RETRY,
    )


@pytest.mark.parametrize(
    ("status", "error_type", "retryable"),
    [
        (400, RequestRejected, False),
        (401, AuthMissing, False),
        (403, AccessDenied, False),
        (404, NotFound, False),
        (422, RequestRejected, False),
        (429, RateLimited, True),
        (500, ServerError, True),
        (502, ServerError, True),
        (503, ServerError, True),
        (418, BadResponse, False),
    ],
)
async def test_status_maps_to_error(
    status: int, error_type: type[NinePicError], retryable: bool
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=error_body(f"went wrong, key {KEY}"))

    async with make_client(handler) as client:
        with pytest.raises(error_type) as caught:
            await client.ping(456)
    error = caught.value
    assert type(error) is error_type
    assert error.retryable is retryable
    for text in (str(error), repr(error), error_text(error), error.detail):
        assert KEY not in text
    if status in (400, 401, 403, 404, 422, 429) or status >= 500:
        assert error.status == status


async def test_422_carries_flattened_field_errors() -> None:
    message = "body.method: Input should be 'bib', 'selfie'; query.page_size: too big"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(422, json=error_body(message))

    async with make_client(handler) as client:
        with pytest.raises(RequestRejected) as caught:
            await client.all_photos(456)
    assert caught.value.field_errors == [
        "body.method: Input should be 'bib', 'selfie'",
        "query.page_size: too big",
    ]
    assert "query.page_size" in error_text(caught.value)


async def test_429_reads_retry_after() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, json=error_body("slow down"), headers={"Retry-After": "3"})

    async with make_client(handler) as client:
        with pytest.raises(RateLimited) as caught:
            await client.list_events()
    assert caught.value.retry_after == 3.0


def test_retry_after_formats() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("-1") == 0.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    past = parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT")
    assert past == 0.0


async def test_feature_switched_off_is_explained() -> None:
    details = ex.envelope({**ex.EVENT_DETAILS["data"], "bib_search": False})

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/details"):
            return httpx.Response(200, json=details)
        return httpx.Response(403, json=error_body("Forbidden"))

    async with make_client(handler) as client:
        with pytest.raises(FeatureDisabled) as caught:
            await client.bib_search(456, "1234")
    assert caught.value.feature == "bib_search"
    assert error_text(caught.value) == "This event has BIB search switched off."


async def test_403_with_feature_on_stays_access_denied() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/details"):
            return httpx.Response(200, json=ex.EVENT_DETAILS)
        return httpx.Response(403, json=error_body("Forbidden"))

    async with make_client(handler) as client:
        with pytest.raises(AccessDenied) as caught:
            await client.face_results(456, "ddc661a7-8861-4793-9437-af42a82d12f8")
    assert not isinstance(caught.value, FeatureDisabled)


@pytest.mark.parametrize(
    ("exc", "error_type"),
    [
        (httpx.ConnectError("refused"), ServiceUnreachable),
        (httpx.ReadTimeout("slow"), RequestTimedOut),
        (httpx.RemoteProtocolError("dropped"), ServiceUnreachable),
    ],
)
async def test_transport_failures_map(exc: Exception, error_type: type[NinePicError]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    async with make_client(handler) as client:
        with pytest.raises(error_type) as caught:
            await client.ping(456)
    assert caught.value.retryable


@pytest.mark.parametrize(
    "body",
    [
        b"<html>502 Bad Gateway</html>",
        b"",
        b"[]",
        json.dumps({"responseType": "error", "message": "x", "data": None}).encode(),
        json.dumps(ex.envelope({"status": "ok"})).encode(),
        json.dumps(ex.envelope(None)).encode(),
    ],
)
async def test_success_status_with_wrong_body_is_bad_response(body: bytes) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body)

    async with make_client(handler) as client:
        with pytest.raises(BadResponse):
            await client.ping(456)


async def test_redirect_is_not_followed_so_the_key_stays_home() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(302, headers={"Location": "https://evil.example/steal"})

    async with make_client(handler) as client:
        with pytest.raises(BadResponse):
            await client.ping(456)
    assert [r.url.host for r in seen] == ["api.9pic.ai"]


async def test_input_checks_happen_before_any_call() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, json=ex.PING)

    async with make_client(handler) as client:
        with pytest.raises(InvalidInput):
            await client.bib_search(456, "   ")
        with pytest.raises(InvalidInput):
            await client.face_search(456, b"")
        with pytest.raises(InvalidInput):
            await client.all_photos(456, page=0)
        with pytest.raises(InvalidInput):
            await client.timeline_images(456, 100, 100)
    assert calls == []


def test_the_error_tree_keeps_usage_apart_from_the_service() -> None:
    from app.core import errors
    from app.core.validation import RefusedInput

    usage = (errors.InvalidInput, errors.InsecureUrl, RefusedInput)
    service = (
        errors.ServiceUnreachable,
        errors.RequestTimedOut,
        errors.AuthMissing,
        errors.FeatureDisabled,
        errors.NotFound,
        errors.RequestRejected,
        errors.RateLimited,
        errors.ServerError,
        errors.BadResponse,
    )
    assert all(issubclass(e, errors.UsageError) for e in usage)
    assert all(issubclass(e, errors.ServiceError) for e in service)
    assert not any(issubclass(e, errors.ServiceError) for e in usage)
