"""File names from the server are hints: whatever they say, the file stays in the folder."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.downloads.filenames import (
    MAX_NAME_BYTES,
    NameBook,
    inside_folder,
    sanitise_filename,
    with_suffix_number,
)

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
RESERVED |= {f"LPT{i}" for i in range(1, 10)}


def assert_plain(name: str) -> None:
    assert name
    assert name not in (".", "..")
    assert "/" not in name and "\\" not in name
    assert not any(unicodedata.category(ch) == "Cc" for ch in name)
    assert ".." not in name
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.lower().endswith((".jpg", ".jpeg"))
    assert not name.startswith((".", " ")) and not name.endswith((" ", "."))
    assert name.split(".", 1)[0].rstrip(" ").upper() not in RESERVED


@pytest.mark.parametrize(
    ("suggested", "expected"),
    [
        ("a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg", "a4402318-0cf4-4e1e-b8e8-ac8e8f2fc244.jpg"),
        ("../../etc/passwd", "passwd.jpg"),
        ("/abs/path/x.jpg", "x.jpg"),
        ("C:\\Windows\\evil.JPG", "evil.JPG"),
        ("a\x00b.jpg", "a_b.jpg"),
        ("CON", "_CON.jpg"),
        ("con.tar.gz", "_con.tar.gz.jpg"),
        ("lpt9.jpg", "_lpt9.jpg"),
        ("photo.png", "photo.png.jpg"),
        ("photo", "photo.jpg"),
        ("what?.jpg", "what_.jpg"),
        ("  trailing dots... ", "trailing dots.jpg"),
        ("", "img-1.jpg"),
        ("..", "img-1.jpg"),
        ("/", "img-1.jpg"),
    ],
)
def test_hostile_names_become_plain(suggested: str, expected: str) -> None:
    name = sanitise_filename(suggested, "img-1")
    assert name == expected
    assert_plain(name)


def test_long_names_are_cut_on_character_boundaries() -> None:
    name = sanitise_filename("é" * 300 + ".jpg")
    assert_plain(name)
    assert name.endswith(".jpg")
    assert len(name.encode()) <= MAX_NAME_BYTES
    name.encode().decode("utf-8")  # still valid UTF-8


def test_hostile_image_id_fallback_is_sanitised_too() -> None:
    assert_plain(sanitise_filename("", "../../CON"))
    assert_plain(sanitise_filename("../", ""))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=80)))
def test_any_text_gives_a_plain_name(suggested: str, image_id: str | None) -> None:
    name = sanitise_filename(suggested, image_id)
    assert_plain(name)
    assert sanitise_filename(name, image_id) == name


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300), st.integers(min_value=2, max_value=10_000))
def test_numbered_names_stay_within_bounds(suggested: str, number: int) -> None:
    name = with_suffix_number(sanitise_filename(suggested, "x"), number)
    assert_plain(name)
    assert f"({number})" in name


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_resolved_path_is_a_direct_child(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = tmp_path_factory.getbasetemp()
    path = inside_folder(folder, sanitise_filename(text, "x"))
    assert path.resolve().parent == folder.resolve()


@pytest.mark.parametrize("bad", ["", ".", "..", "a/b", "a\\b", "a\0b"])
def test_inside_folder_refuses_paths(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="plain file name"):
        inside_folder(tmp_path, bad)


def test_name_book_never_hands_out_existing_or_claimed_names(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(b"someone else's file")
    (tmp_path / "b.jpg.part").write_bytes(b"a part in progress")
    book = NameBook(tmp_path, owners={"c.jpg": "photo-c"})
    assert book.claim("a.jpg", "k1") == "a (2).jpg"
    assert book.claim("A.JPG", "k2") == "A (3).JPG"  # case-insensitive: distinct on any disk
    assert book.claim("b.jpg", "k3") == "b (2).jpg"
    assert book.claim("c.jpg", "k4") == "c (2).jpg"
    assert book.claim("c.jpg", "photo-c") == "c.jpg"
    assert book.claim("a (2).jpg", "k1") == "a (2).jpg"  # same owner keeps its name
    book.release("a (2).jpg", "k1")
    assert book.claim("a (2).jpg", "k5") == "a (2).jpg"


def test_name_book_block_marks_late_arrivals(tmp_path: Path) -> None:
    book = NameBook(tmp_path)
    assert book.claim("x.jpg", "k") == "x.jpg"
    book.block("x.jpg")
    book.release("x.jpg", "k")
    assert book.claim("x.jpg", "k") == "x (2).jpg"
