from __future__ import annotations

import re

import pytest

from app.core.downloads import BatchProblem, FailureReason, ItemResult, ItemStatus
from app.core.errors import (
    AccessDenied,
    AuthMissing,
    BadResponse,
    FeatureDisabled,
    NotFound,
    RateLimited,
    RequestRejected,
    RequestTimedOut,
    ServerError,
    ServiceUnreachable,
)
from app.core.validation import InputProblem, RefusedInput
from app.ui.messages import (
    Action,
    Level,
    error_message,
    format_bytes,
    item_text,
    problem_text,
    reason_text,
    retry_notice,
)

ERRORS = [
    AuthMissing("missing"),
    AccessDenied("Forbidden"),
    FeatureDisabled("selfie_search", "Forbidden"),
    NotFound("nope"),
    RateLimited("slow down", retry_after=3),
    RequestTimedOut(),
    ServiceUnreachable("ConnectError"),
    ServerError("boom", status=503),
    RequestRejected("bad", status=422, field_errors=["query.page: bad"]),
    BadResponse("weird"),
    RuntimeError("Traceback (most recent call last)"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("action", list(Action))
def test_every_error_reads_as_plain_words(error: BaseException, action: Action) -> None:
    message = error_message(error, action)
    assert message.text.endswith((".", "…"))
    assert not re.search(r"\b[45]\d\d\b", message.text), "no bare status codes"
    assert "Traceback" not in message.text and "Error" not in message.text
    detail = getattr(error, "detail", "")
    assert not detail or detail not in message.text, "server wording is not shown"


def test_specific_wording() -> None:
    assert (
        "Cannot reach the photo service"
        in error_message(ServiceUnreachable(), Action.SEARCH_BIB).text
    )
    assert "refused the API key" in error_message(AccessDenied(), Action.SEARCH_BIB).text
    assert "event was not found" in error_message(NotFound(), Action.OPEN_EVENT).text
    assert (
        "No selfie search with this id" in error_message(NotFound(), Action.SEARCH_SELFIE_ID).text
    )
    disabled = error_message(FeatureDisabled("selfie_search"), Action.SEARCH_SELFIE_ID)
    assert "selfie" in disabled.text and "switched off" in disabled.text
    assert disabled.level is Level.WARNING
    assert error_message(RateLimited(), Action.LOAD_PAGE).can_retry
    refused = error_message(RefusedInput(InputProblem.BAD_BIB), Action.SEARCH_BIB)
    assert refused.text == "A BIB number has only letters, digits and hyphens, like 1488."
    too_long = error_message(RefusedInput(InputProblem.BIB_TOO_LONG), Action.SEARCH_BIB)
    assert too_long.text.startswith("That is too long for a BIB number")
    assert "at most 12 characters" in too_long.text and "letters" not in too_long.text


def test_retry_notice_counts_seconds() -> None:
    assert retry_notice(RateLimited(), 2.2).text == "The photo service is busy — retrying in 3 s…"
    assert "retrying in 1 s" in retry_notice(ServerError(), 0.01).text


def test_no_answer_is_said_once_without_a_countdown() -> None:
    for error in (ServiceUnreachable(), RequestTimedOut()):
        notice = retry_notice(error, 8.0)
        assert notice.text == "Can't reach the photo service — retrying…"
        assert notice.countdown == 0 and notice.retrying


def test_format_bytes() -> None:
    assert format_bytes(950_000) == "950 KB"
    assert format_bytes(4_200_000) == "4.2 MB"
    assert format_bytes(54_000_000) == "54 MB"
    assert format_bytes(1_300_000_000) == "1.3 GB"


@pytest.mark.parametrize("reason", list(FailureReason))
def test_every_failure_reason_reads_as_a_window_sentence(reason: FailureReason) -> None:
    text = reason_text(reason)
    assert text != reason.value and text.endswith(".") and text[0].isupper()


def test_a_stopped_batch_and_a_failed_photo_use_the_windows_words() -> None:
    refused = BatchProblem(FailureReason.API_REFUSED, "401", AuthMissing("401"))
    assert problem_text(refused) == error_message(AuthMissing(), Action.DOWNLOAD).text
    assert "NINEPIC_API_KEY" not in problem_text(refused)
    disk = BatchProblem(FailureReason.DISK_FULL, "No space left on device")
    assert problem_text(disk) == "The disk is full. No space left on device"
    assert problem_text(BatchProblem(FailureReason.FOLDER_BUSY)) == (
        "Another download is using this folder."
    )
    failed = ItemResult("a", "a", ItemStatus.FAILED, reason=FailureReason.NO_LINK, detail="gone")
    assert item_text(failed) == "The service could not make a download link for this photo. (gone)"
