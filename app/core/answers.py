"""One HTTP answer of the 9Pic API turned into a model or one of our errors.

Both envelopes (the standard `responseType`/`data` one and the older flat shape) are
read; error messages are redacted of the key and cut short; `Retry-After` is read as
seconds or as an HTTP date. No raw json or pydantic exception gets out of here.
"""

from __future__ import annotations

import email.utils
import json
import time
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from app.core.errors import BadResponse, error_for_status
from app.core.urls import redact_text

ModelT = TypeVar("ModelT", bound=BaseModel)

_MAX_MESSAGE_CHARS = 300


def parse_response(
    status: int,
    content: bytes,
    model: type[ModelT],
    *,
    retry_after: str | None = None,
    secrets: tuple[str, ...] = (),
) -> ModelT:
    """Turn one HTTP answer into `model` or one of our errors; never anything else."""
    body = _json_or_none(content)
    if not 200 <= status < 300:
        message = _error_message(body, secrets)
        field_errors = _field_errors(message) if status in (400, 422) else []
        raise error_for_status(
            status, message, retry_after=parse_retry_after(retry_after), field_errors=field_errors
        )
    if not isinstance(body, dict):
        raise BadResponse("the answer is not a JSON object")
    if "responseType" in body:
        if body.get("responseType") != "success":
            raise BadResponse("a success status with an error envelope")
        payload = body.get("data")
    else:
        payload = body  # older flat shape: the object itself is the payload
    if not isinstance(payload, dict):
        raise BadResponse("the answer has no data object")
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in err["loc"]) or "data" for err in exc.errors()})
        raise BadResponse(f"unexpected shape at {', '.join(fields[:5])}") from None


def _json_or_none(content: bytes) -> object:
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        return None


def _error_message(body: object, secrets: tuple[str, ...]) -> str:
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str):
        return ""
    return redact_text(message, secrets)[:_MAX_MESSAGE_CHARS]


def _field_errors(message: str) -> list[str]:
    """422 messages are `field.path: description; field.path: description`."""
    return [part.strip() for part in message.split("; ") if part.strip()]


def parse_retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds or an HTTP date; None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())
