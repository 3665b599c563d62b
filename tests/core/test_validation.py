from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.validation import (
    InputProblem,
    RefusedInput,
    clean_bib,
    clean_image_id,
    clean_request_id,
    looks_like_request_id,
    read_selfie,
)


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("1042", "1042"),
        ("  1042 ", "1042"),
        ("a17", "A17"),
        ("10 42", "1042"),
        ("k-9", "K-9"),
        ("#1488", "1488"),
        ("  # 1488 ", "1488"),
        ("BIB 1488", "1488"),
        ("bib: 1488", "1488"),
        ("Bib #1488", "1488"),
        ("BIB1488", "1488"),
        ("BIBA", "BIBA"),  # a label only when a number or a separator follows
    ],
)
def test_bib_is_trimmed_and_upper_cased(typed: str, clean: str) -> None:
    assert clean_bib(typed) == clean


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", InputProblem.EMPTY_BIB),
        ("   ", InputProblem.EMPTY_BIB),
        ("12@4", InputProblem.BAD_BIB),
        ("1042/..", InputProblem.BAD_BIB),
        ("#", InputProblem.EMPTY_BIB),
        ("BIB: ", InputProblem.EMPTY_BIB),
        ("ünï", InputProblem.BAD_BIB),
        ("1234567890123", InputProblem.BIB_TOO_LONG),
        ("1488148814881488148814881", InputProblem.BIB_TOO_LONG),  # 25 characters
        ("my number is 1488, thanks", InputProblem.BIB_TOO_LONG),
    ],
)
def test_bad_bib_is_refused(typed: str, problem: InputProblem) -> None:
    with pytest.raises(RefusedInput) as refused:
        clean_bib(typed)
    assert refused.value.problem is problem


@given(st.text(max_size=30))
def test_clean_bib_only_returns_safe_values(text: str) -> None:
    try:
        bib = clean_bib(text)
    except RefusedInput:
        return
    assert 1 <= len(bib) <= 12
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in bib)
    assert bib == bib.upper()


def test_request_id_must_be_a_uuid() -> None:
    rid = str(uuid.uuid4())
    assert clean_request_id(f"  {rid.upper()} ") == rid
    assert looks_like_request_id(rid)
    assert not looks_like_request_id("1042")
    with pytest.raises(RefusedInput) as refused:
        clean_request_id("ddc661a7-8861-4793-9437")
    assert refused.value.problem is InputProblem.BAD_REQUEST_ID
    with pytest.raises(RefusedInput):
        clean_request_id("")


@pytest.mark.parametrize("typed", ["a1b2", " 7f3e-01.jpg_x ", "9" * 128])
def test_image_id_is_trimmed(typed: str) -> None:
    assert clean_image_id(typed) == typed.strip()


@pytest.mark.parametrize("typed", ["", "  ", "-lead", ".hidden", "a/b", "a b", "9" * 129, "ünï"])
def test_bad_image_id_is_refused(typed: str) -> None:
    with pytest.raises(RefusedInput) as refused:
        clean_image_id(typed)
    assert refused.value.problem is InputProblem.BAD_IMAGE_ID


def test_selfie_file_checks(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "notes.jpg"
    text.write_bytes(b"hello, not a photo")
    good = tmp_path / "me.png"
    good.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    cases = {
        tmp_path / "missing.jpg": InputProblem.NO_FILE,
        empty: InputProblem.EMPTY_FILE,
        text: InputProblem.NOT_A_PHOTO,
    }
    for path, problem in cases.items():
        with pytest.raises(RefusedInput) as refused:
            read_selfie(path)
        assert refused.value.problem is problem
    data, content_type = read_selfie(good)
    assert content_type == "image/png" and data.startswith(b"\x89PNG")


def test_a_refusal_carries_its_code_and_no_words() -> None:
    refused = RefusedInput(InputProblem.BAD_BIB, value="12$")
    assert refused.problem is InputProblem.BAD_BIB and refused.value == "12$"
    assert str(refused) == "bad_bib" and not hasattr(refused, "user_message")
