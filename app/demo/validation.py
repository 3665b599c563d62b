"""Request validation that fails the way the real (Pydantic-based) service does: 422 with
``location.field: message`` entries joined by "; ". Pydantic itself produces the messages,
so their wording matches what a FastAPI service would send."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr, TypeAdapter, ValidationError

from app.demo.decisions import MAX_IMAGE_IDS, PAGE_SIZE_OVER_MAX, PAGE_SIZES

DownloadMethod = Literal["bib", "selfie", "image_id", "image_ids"]


class RequestInvalid(Exception):
    """Collected schema errors; ``message`` is the flattened text of the 422 body."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return "; ".join(f"{loc}: {msg}" for loc, msg in self.errors)


def _loc(prefix: str, parts: tuple[int | str, ...]) -> str:
    return ".".join([prefix, *(str(p) for p in parts)])


def _collect(
    adapter: TypeAdapter[Any], value: object, where: str, errors: list[tuple[str, str]]
) -> Any:
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        errors.extend((_loc(where, tuple(e["loc"])), e["msg"]) for e in exc.errors())
        return None


@cache
def _int_adapter(minimum: int | None, maximum: int | None) -> TypeAdapter[int]:
    return TypeAdapter(Annotated[int, Field(ge=minimum, le=maximum)])


def path_ints(params: Mapping[str, str], names: tuple[str, ...]) -> tuple[int, ...]:
    """Parse integer path parameters (org_id, event_id), raising RequestInvalid together."""
    errors: list[tuple[str, str]] = []
    values = [_collect(_int_adapter(None, None), params[n], f"path.{n}", errors) for n in names]
    if errors:
        raise RequestInvalid(errors)
    return tuple(values)


@dataclass(frozen=True)
class PageParams:
    page: int
    page_size: int


def page_params(
    query: Mapping[str, str],
    endpoint: str,
    errors: list[tuple[str, str]] | None = None,
) -> PageParams:
    """``page`` (>= 1, default 1) and ``page_size`` (1..max, endpoint default) from the query.

    With ``errors`` given, problems are appended there instead of raised (so callers can
    report them together with other query errors)."""
    default, maximum = PAGE_SIZES[endpoint]
    own: list[tuple[str, str]] = [] if errors is None else errors
    page = _collect(_int_adapter(1, None), query.get("page", "1"), "query.page", own)
    limit = maximum if PAGE_SIZE_OVER_MAX == "reject" else None
    raw_size = query.get("page_size")
    size = (
        default
        if raw_size is None
        else _collect(_int_adapter(1, limit), raw_size, "query.page_size", own)
    )
    if errors is None and own:
        raise RequestInvalid(own)
    if isinstance(size, int):
        size = min(size, maximum)
    return PageParams(
        page if isinstance(page, int) else 1, size if isinstance(size, int) else default
    )


def required_ints(
    query: Mapping[str, str], names: tuple[str, ...], errors: list[tuple[str, str]]
) -> tuple[int, ...]:
    """Required integer query parameters (timeline ``from`` / ``to``)."""
    values: list[int] = []
    for name in names:
        if name not in query:
            errors.append((f"query.{name}", "Field required"))
            values.append(0)
            continue
        value = _collect(_int_adapter(None, None), query[name], f"query.{name}", errors)
        values.append(value if isinstance(value, int) else 0)
    return tuple(values)


class _DownloadBody(BaseModel):
    model_config = ConfigDict(extra="ignore")

    method: DownloadMethod
    identifier: Any


_STRING = TypeAdapter(StrictStr)
_ID_LIST = TypeAdapter(Annotated[list[StrictStr], Field(min_length=1, max_length=MAX_IMAGE_IDS)])


@dataclass(frozen=True)
class DownloadRequest:
    method: DownloadMethod
    identifier: str | list[str]


def download_request(raw: bytes) -> DownloadRequest:
    """Validate a Download Original Photos body (JSON): method plus a string identifier, or a
    non-empty string list for ``image_ids``."""
    if not raw.strip():
        raise RequestInvalid([("body", "Field required")])
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestInvalid([("body", "JSON decode error")]) from exc
    if not isinstance(body, dict):
        raise RequestInvalid(
            [("body", "Input should be a valid dictionary or object to extract fields from")]
        )
    try:
        parsed = _DownloadBody.model_validate(body)
    except ValidationError as exc:
        raise RequestInvalid(
            [(_loc("body", tuple(e["loc"])), e["msg"]) for e in exc.errors()]
        ) from exc
    errors: list[tuple[str, str]] = []
    adapter = _ID_LIST if parsed.method == "image_ids" else _STRING
    identifier = _collect(adapter, parsed.identifier, "body.identifier", errors)
    if errors:
        raise RequestInvalid(errors)
    return DownloadRequest(parsed.method, identifier)


def canonical_uuid(value: str) -> str | None:
    """The lower-case hyphenated form of a UUID string, or None if it is not one."""
    try:
        return str(uuid.UUID(value.strip()))
    except (ValueError, AttributeError):
        return None
