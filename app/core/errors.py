"""One error tree for everything the 9Pic service (or the way to it) can do wrong.

Each error knows whether trying again can help (`retryable`) and carries a
sentence for people (`user_message`). No raw httpx or pydantic exception leaves
the client: they are mapped here, at the edge. Two branches: what we refused before
any call (the user can fix it and try again), and what the service or the way to it
did::

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
        │   │   ├── FeatureDisabled
        │   │   ├── KeyRefused     (the connection check: key unknown or switched off)
        │   │   ├── WrongOrganisation  (the org is not the key's)
        │   │   ├── WrongEvent     (the event is not the org's)
        │   │   └── HostNotAllowed (the API host is not on the key's allowlist)
        │   ├── NotFound           404
        │   ├── RequestRejected    400 / 422
        │   ├── RateLimited        429
        │   └── ServerError        5xx
        └── BadResponse            an answer we cannot read
"""

from __future__ import annotations

FEATURE_NAMES: dict[str, str] = {
    "bib_search": "BIB search",
    "selfie_search": "selfie search",
    "timeline_search": "the photo timeline",
    "video_search": "video clips",
}


class NinePicError(Exception):
    """Base of every error the app reports about the service."""

    retryable: bool = False
    status: int | None = None

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.default_message())
        self.detail = detail

    def default_message(self) -> str:
        return "The photo service reported a problem."

    @property
    def user_message(self) -> str:
        """Plain words for people; never includes keys or signed links."""
        return self.default_message()


class UsageError(NinePicError):
    """Refused before any call: bad input, or an address we will not use."""


class ServiceError(NinePicError):
    """The service answered with an error, sent something unreadable, or was not reached."""


class InvalidInput(UsageError):
    """Our own check refused the input before any call was made."""

    def default_message(self) -> str:
        return "That input is not valid."

    @property
    def user_message(self) -> str:
        return self.detail or self.default_message()


class ServiceUnreachable(ServiceError):
    """No answer: DNS, refused connection, dropped connection, TLS failure."""

    retryable = True

    def default_message(self) -> str:
        return "Cannot reach the photo service. Check the internet connection."


class RequestTimedOut(ServiceUnreachable):
    def default_message(self) -> str:
        return "The photo service took too long to answer."


class InsecureUrl(UsageError):
    """A non-loopback URL that is not https: refused so keys and photos never travel in clear."""

    def default_message(self) -> str:
        return "Refused an insecure (non-https) address."


class ApiError(ServiceError):
    """The service answered with an error status."""

    def __init__(self, detail: str = "", *, status: int | None = None) -> None:
        super().__init__(detail)
        if status is not None:
            self.status = status


class AuthMissing(ApiError):
    status = 401

    def default_message(self) -> str:
        return (
            "No API key was sent. Give the event's API key in NINEPIC_API_KEY "
            "or store it in the system keychain."
        )


class AccessDenied(ApiError):
    status = 403

    def default_message(self) -> str:
        return (
            "The service refused the API key for this event. "
            "Check the key, the organisation and the event."
        )


class FeatureDisabled(AccessDenied):
    """A 403 whose cause is an event flag that is switched off."""

    def __init__(self, feature: str, detail: str = "") -> None:
        self.feature = feature
        super().__init__(detail)

    def default_message(self) -> str:
        name = FEATURE_NAMES.get(self.feature, self.feature.replace("_", " "))
        return f"This event has {name} switched off."


class KeyRefused(AccessDenied):
    """The connection check's reading of a 403: the key is unknown or switched off."""

    def default_message(self) -> str:
        return "The service does not accept this API key (unknown or switched off)."


class WrongOrganisation(AccessDenied):
    """The key works but belongs to another organisation than the one given."""

    def __init__(self, org_id: int, detail: str = "") -> None:
        self.org_id = org_id
        super().__init__(detail)

    def default_message(self) -> str:
        return f"The API key does not belong to organisation {self.org_id}."


class WrongEvent(AccessDenied):
    """Key and organisation are fine; the event is not one of the organisation's."""

    def __init__(self, event_id: int, detail: str = "") -> None:
        self.event_id = event_id
        super().__init__(detail)

    def default_message(self) -> str:
        return f"Event {self.event_id} does not belong to this organisation."


class HostNotAllowed(AccessDenied):
    """The API refuses calls through this host name (the key's host allowlist)."""

    def __init__(self, host: str, detail: str = "") -> None:
        self.host = host
        super().__init__(detail)

    def default_message(self) -> str:
        return f"The service does not allow API calls through {self.host}."


class NotFound(ApiError):
    status = 404

    def default_message(self) -> str:
        return "Not found: the event or the search no longer exists."


class RequestRejected(ApiError):
    """400 or 422: the request itself is wrong; `field_errors` lists `field: message` pairs."""

    def __init__(
        self, detail: str = "", *, status: int | None = 422, field_errors: list[str] | None = None
    ) -> None:
        super().__init__(detail, status=status)
        self.field_errors = field_errors or []

    def default_message(self) -> str:
        return "The service did not accept the request."

    @property
    def user_message(self) -> str:
        if self.field_errors:
            return f"{self.default_message()} ({'; '.join(self.field_errors)})"
        return self.default_message()


class RateLimited(ApiError):
    status = 429
    retryable = True

    def __init__(self, detail: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after

    def default_message(self) -> str:
        return "The photo service is busy (too many requests)."


class ServerError(ApiError):
    retryable = True

    def default_message(self) -> str:
        return "The photo service had an internal error."


class BadResponse(ServiceError):
    """The answer does not match the API: not JSON, wrong shape, unexpected status."""

    def default_message(self) -> str:
        return "The photo service sent an answer this app does not understand."


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
