"""Answers the stand-in gives where the 9Pic documentation is silent.

Every open question of the API reference (section 17) that the stand-in has to answer is
settled here, once, as a constant the rest of ``app.demo`` reads. When the live API is
observed to behave differently, change the value here (and the table in README.md); the
route code follows.
"""

from __future__ import annotations

from typing import Final, Literal

# --- Face Search upload (open questions 1-5) ---------------------------------------------
SELFIE_FIELD: Final = "selfie"
"""Name of the multipart file part that carries the selfie."""

REQUEST_ID_FIELD: Final = "request_id"
"""Name of the multipart *form field* that carries an optional client-chosen request_id."""

MAX_SELFIE_BYTES: Final = 10 * 1024 * 1024
"""Uploads larger than this are refused with 413."""

SELFIE_FORMATS: Final = frozenset({"JPEG", "PNG"})
"""Pillow format names accepted as a selfie; other images and non-images get 400."""

# --- Face Search results (open questions 6-8) ----------------------------------------------
CONFIDENCE_PERCENTAGE: Final = 80.0
"""Threshold reported as ``confidence_percentage`` (percent, float) on events that set one."""

SEARCH_ORDER: Final[Literal["capture_time"]] = "capture_time"
"""BIB and Face Search results come in the All Photos order (capture time, untimed last)."""

# --- BIB Search (open questions 9-10) ------------------------------------------------------
UNKNOWN_BIB_STATUS: Final = 200
"""An unmatched BIB answers 200 with an empty list and the zeroed pagination block."""


def normalise_bib(bib: str) -> str:
    """The only BIB normalisation the stand-in applies: case folding (no trimming, no zeros)."""
    return bib.casefold()


# --- Pagination (open questions 11-13) -----------------------------------------------------
PAGE_SIZE_OVER_MAX: Final[Literal["reject", "clamp"]] = "reject"
"""``page_size`` above the endpoint maximum: 422 ("reject") or silently lowered ("clamp")."""

PAGE_BEYOND_LAST: Final[Literal["empty"]] = "empty"
"""A page after the last one: 200, empty list, real total/totalPages, currentPage echoed."""

PAGE_SIZES: Final[dict[str, tuple[int, int]]] = {
    "events": (10, 100),
    "images": (32, 100),
    "bibs": (32, 100),
    "faces": (32, 100),
    "timeline_images": (32, 100),
    "original_photos": (30, 60),
}
"""(default, maximum) page_size per paginated endpoint; timeline_images is our choice."""

# --- Download Original Photos (open questions 14-21) ---------------------------------------
MAX_IMAGE_IDS: Final = 500
"""Longest ``image_ids`` list accepted; longer lists get 422."""

COLLAPSE_DUPLICATE_IDS: Final = True
"""Repeated ids in ``image_ids`` count once (first occurrence kept)."""

UNKNOWN_ID_ERROR: Final = "Image not found"
"""``failed_urls[].error`` for an id of a partly invalid ``image_ids`` list (its path is null)."""

MISSING_ORIGINAL_ERROR: Final = "Failed to generate URL"
"""``failed_urls[].error`` for a known photo whose original object is missing."""

DOWNLOAD_PAGES_ID_LISTS: Final = True
"""page/page_size apply to ``image_ids`` too (the list is paged in request order)."""

DOWNLOAD_GATED_BY_SEARCH_FLAGS: Final = False
"""Downloads by ``bib`` / ``selfie`` do not check ``bib_search`` / ``selfie_search``."""

DOWNLOAD_UNKNOWN_SELFIE_STATUS: Final = 404
"""``method: "selfie"`` with an unknown (or malformed) request_id."""

DOWNLOAD_DATA_MESSAGE: Final = False
"""Whether ``data.message`` (older flat shape) is included in the enveloped response."""

DEFAULT_URL_TTL_S: Final = 3600.0
"""Lifetime of a presigned original URL."""

# --- Events and flags (open questions 25-30) -----------------------------------------------
EVENT_ENABLED_HAS_EFFECT: Final = False
"""``event_enabled: false`` is reported only; all endpoints keep working."""

UNKNOWN_EVENT_STATUS: Final = 404
"""An event id that exists in no organisation."""

FOREIGN_EVENT_STATUS: Final = 403
"""An event id that belongs to another organisation."""

EVENT_LIST_ORDER: Final[Literal["date_desc"]] = "date_desc"
"""List Events: newest ``event_date`` first, ties by ascending event_id."""

# --- Timeline (open question 31) -----------------------------------------------------------
TIMELINE_FROM_PARAM: Final = "from"
TIMELINE_TO_PARAM: Final = "to"
"""Required query parameters of timeline/images, Unix seconds, half-open ``[from, to)``."""

# --- Video clipping (open question 32) -----------------------------------------------------
VIDEO_QUEUED_S: Final = 0.5
"""A clip job reports ``queued`` for this long after it was started..."""

VIDEO_COMPLETED_S: Final = 2.0
"""...then ``processing`` until this many seconds, then ``completed``."""

# --- Errors, limits, auth (open questions 33-37) -------------------------------------------
EMPTY_KEY_STATUS: Final = 401
"""An ``X-API-Key`` header with an empty value counts as missing."""

SEND_RETRY_AFTER: Final = True
"""429 answers carry ``Retry-After`` (seconds)."""

MALFORMED_REQUEST_ID_STATUS: Final = 400
"""Face Search POST with a ``request_id`` that is not a UUID."""

UNKNOWN_REQUEST_ID_GET_STATUS: Final = 404
"""GET by an unknown (or malformed) request_id."""

DEFAULT_ALLOWED_HOSTS: Final = frozenset({"127.0.0.1", "localhost", "::1"})
"""Host header names accepted when no allowlist is configured (plus the bind host)."""
