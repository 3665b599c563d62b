"""Why a photo could not be fetched, as a code, and how disk and API errors map onto it.

Reasons are a closed list of stable codes (journal, reports) so every front end words
each one once: `app.ui.messages.reason_text` for the window, `app.terminal_words` for
the terminal and the report. The API's own `failed_urls` text travels next to the
reason as `detail`.
"""

from __future__ import annotations

import errno
from enum import StrEnum

from app.core.errors import (
    AccessDenied,
    ApiError,
    AuthMissing,
    NinePicError,
    NotFound,
    RateLimited,
    RequestRejected,
    ServerError,
    ServiceUnreachable,
)


class FailureReason(StrEnum):
    """A stable code; the words for people belong to each front end."""

    LINK_EXPIRED = "link_expired"
    NOT_FOUND = "not_found"
    NO_LINK = "no_link"
    SERVER_BUSY = "server_busy"
    SERVER_ERROR = "server_error"
    CONNECTION_LOST = "connection_lost"
    CORRUPT = "corrupt"
    STALLED = "stalled"
    MISSING_LINKS = "missing_links"
    DISK_FULL = "disk_full"
    PERMISSION_DENIED = "permission_denied"
    FOLDER_MISSING = "folder_missing"
    DISK_ERROR = "disk_error"
    API_REFUSED = "api_refused"
    FOLDER_BUSY = "folder_busy"
    CANCELLED = "cancelled"
    CLIP_JOB_FAILED = "clip_job_failed"
    """The service's video clipping job ended in failure: there are no clips to fetch."""
    CLIP_JOB_TIMED_OUT = "clip_job_timed_out"
    """The clipping job had not finished when we stopped waiting for it."""


def reason_for_os_error(error: OSError) -> FailureReason:
    """ENOSPC → disk full, EACCES/EPERM/EROFS → permission denied, ENOENT → folder missing."""
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return FailureReason.DISK_FULL
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FailureReason.PERMISSION_DENIED
    if code in (errno.ENOENT, errno.ENOTDIR, errno.ESTALE, errno.ENODEV, errno.ENXIO):
        return FailureReason.FOLDER_MISSING
    return FailureReason.DISK_ERROR


def reason_for_api_error(error: NinePicError) -> FailureReason:
    """What an API error (after the client's own retries) means for one photo."""
    if isinstance(error, AuthMissing | AccessDenied):
        return FailureReason.API_REFUSED
    if isinstance(error, NotFound | RequestRejected):
        return FailureReason.NOT_FOUND
    if isinstance(error, RateLimited):
        return FailureReason.SERVER_BUSY
    if isinstance(error, ServiceUnreachable):
        return FailureReason.CONNECTION_LOST
    if isinstance(error, ServerError):
        return FailureReason.SERVER_BUSY if error.status == 503 else FailureReason.SERVER_ERROR
    return FailureReason.SERVER_ERROR


def service_detail(error: NinePicError) -> str:
    """The service's own words in an error answer, to travel next to the reason; our
    developer details (an exception name, a shape problem) stay in the logs."""
    return error.detail if isinstance(error, ApiError) else ""


def stops_batch_on_api_error(error: NinePicError) -> bool:
    """Auth, forbidden, an unknown event or an unreachable API end the whole batch."""
    return isinstance(error, AuthMissing | AccessDenied | NotFound | ServiceUnreachable)
