"""File-name patterns: readable names, refused patterns, and hostile values kept in the folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.downloads.filenames import (
    DEFAULT_NAME_PATTERN,
    NamePattern,
    event_folder_name,
    inside_folder,
    is_plain_name,
)

ID = "a41385ab-61f0-4a4e-9d2b-0c3a9b1e7d10"


def render(pattern: str, **values: object) -> str:
    fields: dict[str, object] = {
        "event": "Demo City Marathon 2026",
        "bib": "1488",
        "n": 7,
        "image_id": ID,
        "server_name": f"{ID}.jpg",
    }
    fields.update(values)
    return NamePattern.parse(pattern).render(**fields)  # type: ignore[arg-type]


def test_the_default_is_bib_then_number() -> None:
    assert render(DEFAULT_NAME_PATTERN) == "1488_0007.jpg"
    assert render("{event} {bib} {n}") == "Demo City Marathon 2026 1488 7.jpg"
    assert render("{server_name}") == f"{ID}.jpg"
    assert render("{image_id}") == f"{ID}.jpg"
    assert render("{n:03}-{bib}", n=12) == "012-1488.jpg"


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("", "empty"),
        ("{bib}", "needs {n}"),
        ("{event}_{bib}", "needs {n}"),
        ("{colour}_{n}", "unknown field {colour}"),
        ("{n.__class__}", "unknown field"),
        ("{bib[0]}_{n}", "unknown field"),
        ("{0}", "unknown field"),
        ("{}", "unknown field"),
        ("{n!r}", "conversions"),
        ("{bib:>300}_{n}", "only {n} takes a width"),
        ("{n:{bib}}", "only {n} takes a width"),
        ("{n:0999}", "only {n} takes a width"),
        ("photos/{n}", "cannot contain /"),
        ("..\\{n}", "cannot contain"),
        ("{n", "unbalanced"),
        ("a\x00{n}", "control"),
        ("x" * 200 + "{n}", "longer than"),
    ],
)
def test_bad_patterns_are_refused_with_a_reason(pattern: str, why: str) -> None:
    with pytest.raises(ValueError, match=why.replace("{", r"\{").replace("[", r"\[")):
        NamePattern.parse(pattern)


@pytest.mark.parametrize(
    "values",
    [
        {"bib": "../../etc/passwd"},
        {"bib": "a/b\\c"},
        {"event": "..", "bib": "."},
        {"event": "\x00\x1b[31m", "bib": "\u202etxt.exe"},
        {"server_name": "../../../root/.ssh/authorized_keys"},
        {"server_name": "C:\\Windows\\system32\\evil.exe"},
        {"bib": "CON"},
        {"bib": "x" * 1000},
        {"image_id": "../" * 50},
        {"bib": '<>:"|?*'},
    ],
)
def test_hostile_values_give_one_plain_jpg_inside_the_folder(
    values: dict[str, str], tmp_path: Path
) -> None:
    for pattern in (DEFAULT_NAME_PATTERN, "{event}_{bib}_{server_name}", "{image_id}_{n}"):
        name = render(pattern, **values)
        assert is_plain_name(name) and name.endswith(".jpg"), name
        assert "/" not in name and "\\" not in name and ".." not in name
        assert not name.upper().startswith("CON.")
        assert inside_folder(tmp_path, name).parent == tmp_path


@given(
    bib=st.text(max_size=80),
    event=st.text(max_size=80),
    server=st.text(max_size=80),
    n=st.integers(min_value=1, max_value=10**6),
)
def test_any_value_stays_a_plain_name(bib: str, event: str, server: str, n: int) -> None:
    name = render(
        "{event} {bib}_{n:04} {server_name}", bib=bib, event=event, server_name=server, n=n
    )
    assert is_plain_name(name) and name.endswith(".jpg")
    assert ".." not in name and "/" not in name and "\\" not in name


def test_event_folder_names() -> None:
    assert event_folder_name("Demo City Marathon 2026", 456) == "Demo City Marathon 2026"
    assert event_folder_name("../..", 456) == "Event 456"
    assert event_folder_name("  ", 456) == "Event 456"
    assert event_folder_name("a/b", 1) == "a_b"
    assert event_folder_name("NUL", 9) == "Event 9"
    assert len(event_folder_name("é" * 400, 1).encode()) <= 200
