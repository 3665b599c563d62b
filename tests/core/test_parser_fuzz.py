"""Arbitrary bodies end as a model or one of our typed errors, never another exception."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from app.core.answers import parse_response
from app.core.errors import NinePicError
from app.core.models import (
    DownloadOriginalPhotosResponse,
    EventDetails,
    EventPage,
    FaceSearchResult,
    ImagePage,
    Ping,
    Timeline,
)
from tests import spec_examples as ex

MODELS: list[type[BaseModel]] = [
    Ping,
    EventPage,
    EventDetails,
    ImagePage,
    FaceSearchResult,
    Timeline,
    DownloadOriginalPhotosResponse,
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "responseType",
        "message",
        "data",
        "images",
        "pagination",
        "total",
        "currentPage",
        "totalPages",
        "hasNextPage",
        "page_size",
        "image_id",
        "request_id",
        "presigned_urls",
    ]
)
spec_like = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=8),
    max_leaves=30,
)
statuses = st.sampled_from([200, 201, 204, 301, 400, 401, 403, 404, 418, 422, 429, 500, 503])


def check(status: int, content: bytes, model: type[BaseModel]) -> None:
    try:
        result = parse_response(status, content, model, retry_after="x")
    except NinePicError:
        return
    assert isinstance(result, model)
    assert 200 <= status < 300


@settings(max_examples=300, deadline=None)
@given(statuses, json_values, st.sampled_from(MODELS))
def test_arbitrary_json(status: int, body: object, model: type[BaseModel]) -> None:
    check(status, json.dumps(body).encode(), model)


@settings(max_examples=300, deadline=None)
@given(statuses, spec_like, st.sampled_from(MODELS))
def test_spec_shaped_json(status: int, body: object, model: type[BaseModel]) -> None:
    check(status, json.dumps(body).encode(), model)


@settings(max_examples=200, deadline=None)
@given(statuses, st.binary(max_size=200), st.sampled_from(MODELS))
def test_non_json_bytes(status: int, content: bytes, model: type[BaseModel]) -> None:
    check(status, content, model)


def test_deeply_nested_json_is_a_typed_error() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    check(200, deep, Ping)
    check(200, json.dumps(ex.envelope({"status": "ok", "org_id": 1e400})).encode(), Ping)
