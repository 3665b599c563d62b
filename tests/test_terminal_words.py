"""The terminal's words: every code has a sentence, and none of them is the code itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.downloads import BatchProblem, DownloadSummary, FailureReason, ItemResult, ItemStatus
from app.core.downloads.report import report_data
from app.core.errors import AuthMissing, FeatureDisabled, RateLimited, RequestRejected
from app.core.validation import InputProblem, RefusedInput
from app.terminal_words import (
    TERMINAL_WORDS,
    OptionProblem,
    OptionRefused,
    error_text,
    input_text,
    item_text,
    problem_text,
    reason_text,
)


@pytest.mark.parametrize("problem", list(InputProblem))
def test_every_refusal_reads_as_a_sentence_not_a_code(problem: InputProblem) -> None:
    text = error_text(RefusedInput(problem))
    assert text != problem.value and text.endswith(".") and text[0].isupper()


def test_a_refusal_with_the_given_text_quotes_it() -> None:
    assert error_text(RefusedInput(InputProblem.BAD_BIB, value="12$")) == (
        "'12$' is not a BIB number (up to 12 letters, digits, '-')."
    )
    assert input_text(InputProblem.BAD_IMAGE_ID, "a b") == "Not an image id: 'a b'."
    assert input_text(InputProblem.BIB_TOO_LONG, "1" * 25) == (
        f"'{'1' * 25}' is too long for a BIB number (at most 12 characters)."
    )


@pytest.mark.parametrize("reason", list(FailureReason))
def test_every_failure_reason_has_a_sentence(reason: FailureReason) -> None:
    text = reason_text(reason)
    assert text != reason.value and text.endswith(".") and text[0].isupper()


def test_a_missing_key_does_not_send_people_to_settings_that_do_not_exist() -> None:
    assert "settings" not in error_text(AuthMissing())
    assert "NINEPIC_API_KEY" in error_text(AuthMissing())


def test_errors_are_worded_from_their_data() -> None:
    assert error_text(FeatureDisabled("selfie_search")) == (
        "This event has selfie search switched off."
    )
    rejected = RequestRejected(field_errors=["query.page: too big"])
    assert error_text(rejected) == "The service did not accept the request. (query.page: too big)"
    assert (
        error_text(RateLimited(retry_after=3)) == "The photo service is busy (too many requests)."
    )
    refused = OptionRefused(OptionProblem.PARALLEL, limit=8)
    assert error_text(refused) == "--parallel must be between 1 and 8."


def test_a_failed_photo_and_a_stopped_batch_read_as_the_terminal_prints_them(
    tmp_path: Path,
) -> None:
    failed = ItemResult("a", "a", ItemStatus.FAILED, reason=FailureReason.NO_LINK, detail="gone")
    assert item_text(failed) == (
        "The service could not make a download link for this photo. (gone)"
    )
    disk = BatchProblem(FailureReason.DISK_FULL, "No space left on device")
    assert problem_text(disk) == "The disk is full. No space left on device"
    api = BatchProblem(FailureReason.API_REFUSED, "401", AuthMissing("401"))
    assert problem_text(api) == error_text(AuthMissing())

    data = report_data(DownloadSummary(tmp_path, (failed,), problem=disk), TERMINAL_WORDS)
    assert data["failed"][0]["reason"] == "no_link"
    assert data["failed"][0]["message"] == item_text(failed)
    assert data["problem"] == {"reason": "disk_full", "message": problem_text(disk)}
