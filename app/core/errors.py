"""One error tree for everything the 9Pic service (or the way to it) can do wrong.

Errors carry codes and data, never sentences: each knows whether trying again can
help (`retryable`), has a stable `code`, and keeps what a front end needs to word it
(status, feature, retry-after, field errors, the input problem). The words live in
one function per front end: `app.ui.messages.error_message` for the window (through
Qt's translations) and `app.terminal_words.error_text` for the terminal. `str()` of
an error is a short developer detail for logs, never a key or a signed link. No raw
httpx or pydantic exception leaves the client: they are mapped here, at the edge.
Two branches: what we refused before any call (the user can fix it and try again),
and what the service or the way to it did::

    NinePicError
    ├── UsageError                 refused before any call
    │   ├── InvalidInput
    │   │   └── RefusedInput       (app.core.validation: carries an InputProblem code)
    │   └── InsecureUrl
    └── ServiceError               the service, or the way to it
        ├── ServiceUnreachable
        │   └── RequestTimedOut
        ├── ApiError               an error status
        │   ├── AuthMissing        401
        │   ├── AccessDenied       403
        │   │   ├── FeatureDisabled  (carries the feature code)
        │   │   ├── KeyRefused     (the connection check: key unknown or switched off)
        │   │   ├── WrongOrganisation  (the org is not the key's)
        │   │   ├── WrongEvent     (the event is not the org's)
        │   │   └── HostNotAllowed (the API host is not on the key's allowlist)
        │   ├── NotFound           404
        │   ├── RequestRejected    400 / 422 (carries the field errors)
        │   ├── RateLimited        429 (carries retry-after)
        │   └── ServerError        5xx
        └── BadResponse            an answer we cannot read
"""

from __future__ import annotations

from typing import ClassVar


class NinePicError(Exception):
    """Base of every error the app reports about the service."""

    code: ClassVar[str] = "service_problem"
    retryable: bool = False
    status: int | None = None

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.code)
        self.detail = detail


class UsageError(NinePicError):
    """Refused before any call: bad input, or an address we will not use."""


class ServiceError(NinePicError):
    """The service answered with an error, sent something unreadable, or was not reached."""


class InvalidInput(UsageError):
    """Our own check refused the input before any call was made."""

    code = "invalid_input"


class ServiceUnreachable(ServiceError):
    """No answer: DNS, refused connection, dropped connection, TLS failure."""

    code = "unreachable"
    retryable = True


class RequestTimedOut(ServiceUnreachable):
    code = "timed_out"


class InsecureUrl(UsageError):
    """A non-loopback URL that is not https: refused so keys and photos never travel in clear."""

    code = "insecure_url"


class ApiError(ServiceError):
    """The service answered with an error status."""

    code = "api_error"

    def __init__(self, detail: str = "", *, status: int | None = None) -> None:
        super().__init__(detail)
        if status is not None:
            self.status = status


class AuthMissing(ApiError):
    code = "auth_missing"
    status = 401


class AccessDenied(ApiError):
    code = "access_denied"
    status = 403


class FeatureDisabled(AccessDenied):
    """A 403 whose cause is an event flag that is switched off; `feature` is its code."""

    code = "feature_disabled"

    def __init__(self, feature: str, detail: str = "") -> None:
        self.feature = feature
        super().__init__(detail)
        if not detail:
            self.args = (f"{feature} switched off",)


class KeyRefused(AccessDenied):
    """The connection check's reading of a 403: the key is unknown or switched off."""

    code = "key_refused"


class WrongOrganisation(AccessDenied):
    """The key works but belongs to another organisation than the one given."""

    code = "wrong_organisation"

    def __init__(self, org_id: int, detail: str = "") -> None:
        self.org_id = org_id
        super().__init__(detail)


class WrongEvent(AccessDenied):
    """Key and organisation are fine; the event is not one of the organisation's."""

    code = "wrong_event"

    def __init__(self, event_id: int, detail: str = "") -> None:
        self.event_id = event_id
        super().__init__(detail)


class HostNotAllowed(AccessDenied):
    """The API refuses calls through this host name (the key's host allowlist)."""

    code = "host_not_allowed"

    def __init__(self, host: str, detail: str = "") -> None:
        self.host = host
        super().__init__(detail)


class NotFound(ApiError):
    code = "not_found"
    status = 404


class RequestRejected(ApiError):
    """400 or 422: the request itself is wrong; `field_errors` lists `field: message` pairs."""

    code = "request_rejected"

    def __init__(
        self, detail: str = "", *, status: int | None = 422, field_errors: list[str] | None = None
    ) -> None:
        super().__init__(detail, status=status)
        self.field_errors = field_errors or []


class RateLimited(ApiError):
    code = "rate_limited"
    status = 429
    retryable = True

    def __init__(self, detail: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class ServerError(ApiError):
    code = "server_error"
    retryable = True


class BadResponse(ServiceError):
    """The answer does not match the API: not JSON, wrong shape, unexpected status."""

    code = "bad_response"


def error_for_status(
    status: int, detail: str, *, retry_after: float | None = None, field_errors: list[str]
) -> NinePicError:
    """Map an HTTP error status to our error type."""
    if status == 401:
        return AuthMissing(detail)
    if status == 403:
        return AccessDenied(detail)
    if status == 404:
        return NotFound(detail)
    if status in (400, 422):
        return RequestRejected(detail, status=status, field_errors=field_errors)
    if status == 429:
        return RateLimited(detail, retry_after=retry_after)
    if status >= 500:
        return ServerError(detail, status=status)
    return BadResponse(f"unexpected HTTP status {status}")
