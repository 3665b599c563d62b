"""The organiser profile: strict TOML, never a key, found beside a bundle's executable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.core.profile import (
    PROFILE_NAME,
    KioskProfile,
    ProfileError,
    bundle_dir,
    load_profile,
    parse_profile,
    shipped_profile,
)
from app.core.secret_names import looks_like_key

GOOD = """
api_url = "https://api.9pic.ai"
org = 903
event = 456
title = "City Marathon photos"

[kiosk]
idle_seconds = 45
export_dir = "/media/usb"
enabled = true
phone_handoff = true
selfie_folder = "/srv/booth"
"""

MARKER = "MARKER-value-0123456789"


def test_a_full_profile_reads_every_field() -> None:
    profile = parse_profile(GOOD)
    assert (profile.api_url, profile.org, profile.event) == ("https://api.9pic.ai", 903, 456)
    assert profile.title == "City Marathon photos"
    assert profile.kiosk == KioskProfile(
        enabled=True,
        idle_seconds=45,
        export_dir="/media/usb",
        phone_handoff=True,
        selfie_folder="/srv/booth",
    )


def test_title_and_kiosk_are_optional_and_kiosk_has_defaults() -> None:
    profile = parse_profile('api_url = "https://a.example"\norg = 1\nevent = 2\n[kiosk]\n')
    assert profile.title is None
    assert profile.kiosk == KioskProfile()
    assert profile.kiosk.idle_seconds == 90 and profile.kiosk.phone_handoff
    assert not profile.kiosk.enabled
    assert parse_profile('api_url = "https://a.example"\norg = 1\nevent = 2\n').kiosk is None


@pytest.mark.parametrize(
    "field",
    ["api_key", "API_KEY", "key", "Token", "secret", "password", "apiKey", "access-token"],
)
@pytest.mark.parametrize("where", ["top", "kiosk", "deeper"])
def test_a_key_anywhere_is_refused_without_quoting_it(field: str, where: str) -> None:
    line = f'{field} = "{MARKER}"\n'
    text = 'api_url = "https://a.example"\norg = 1\nevent = 2\n'
    if where == "top":
        text = line + text
    elif where == "kiosk":
        text += "[kiosk]\n" + line
    else:
        text += "[kiosk.extra]\n" + line
    with pytest.raises(ProfileError) as refused:
        parse_profile(text, "shop.toml")
    message = str(refused.value)
    assert MARKER not in message
    assert "shop.toml" in message and field in message
    assert "keys do not belong in files that are handed out" in message
    assert "\n" not in message


def test_a_key_in_an_array_of_tables_is_refused() -> None:
    text = f'api_url = "https://a.example"\norg = 1\nevent = 2\n[[more]]\nsecret = "{MARKER}"\n'
    with pytest.raises(ProfileError, match=r"more\.secret"):
        parse_profile(text)


@pytest.mark.parametrize("name", ["pin_hash", "idle_seconds", "keyboard", "monkey", "title"])
def test_ordinary_names_are_not_keys(name: str) -> None:
    assert not looks_like_key(name)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('api_url = "https://a.example"\norg = \n', "not valid TOML"),
        ('api_url = "https://a.example"\norg = 1\n', "`event` is missing"),
        ('api_url = "https://a.example"\norg = "x"\nevent = 2\n', "`org`"),
        ('api_url = "https://a.example"\norg = 1\nevent = 2\ncolour = "red"\n', "`colour` is not"),
        ('api_url = "https://u:p@a.example"\norg = 1\nevent = 2\n', "user name or password"),
        ('api_url = "https://a.example/?token=x"\norg = 1\nevent = 2\n', "query"),
        (
            'api_url = "https://a.example"\norg = 1\nevent = 2\n[kiosk]\npin_hash = "x"\n',
            "pin_hash",
        ),
        ('api_url = "https://a.example"\norg = 1\nevent = 2\n[kiosk]\nidle_seconds = 1\n', "idle"),
    ],
)
def test_bad_profiles_get_one_clear_line(text: str, says: str) -> None:
    with pytest.raises(ProfileError) as refused:
        parse_profile(text, "event.toml")
    message = str(refused.value)
    assert says in message and message.startswith("event.toml")
    assert "\n" not in message and "input_value" not in message


def test_missing_or_binary_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "absent.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(ProfileError, match="not UTF-8"):
        load_profile(binary)


def test_the_shipped_profile_is_found_only_where_it_is(tmp_path: Path) -> None:
    assert shipped_profile(None) is None
    assert shipped_profile(tmp_path) is None
    (tmp_path / PROFILE_NAME).write_text(GOOD)
    assert shipped_profile(tmp_path) == tmp_path / PROFILE_NAME


def test_bundle_dir_is_the_executables_folder_only_when_frozen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert bundle_dir() is None  # a checkout or a venv
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "photo-retriever"))
    assert bundle_dir() == tmp_path.resolve()
