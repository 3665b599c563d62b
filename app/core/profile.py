"""The organiser profile: a small TOML file that pre-sets the app for one event.

An organiser hands it out with the app (`photo-retriever.toml` beside the bundle's
executable, or `--config FILE`). It is read strictly: unknown fields are refused, and a
field that looks like a key (`api_key`, `token`, `secret`, `password`…) is refused before
anything else, because a file that is handed out must never carry one. Error messages name
the file and the field, never a value.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.core.profile_paths import PROFILE_NAME as PROFILE_NAME
from app.core.profile_paths import ProfileError as ProfileError
from app.core.profile_paths import bundle_dir as bundle_dir
from app.core.profile_paths import shipped_profile as shipped_profile
from app.core.secret_names import key_like_fields

_MAX_BYTES = 64 * 1024


class KioskProfile(BaseModel):
    """The `[kiosk]` table: how a finish-area kiosk shipped with this profile behaves.
    Command-line flags win over it (`app.kiosk_command.kiosk_options`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False
    """Start in kiosk mode without `--kiosk`."""
    idle_seconds: int = Field(default=90, ge=10, le=3600)
    export_dir: str | None = None
    phone_handoff: bool = True
    selfie_folder: str | None = None


class Profile(BaseModel):
    """Where the event lives; the key comes from the environment or the keychain."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api_url: str = Field(min_length=1)
    """The API (or an event relay): no user name, password or query, which would carry a
    secret in a file that is handed out."""
    org: int = Field(ge=0)
    event: int = Field(ge=0)
    title: str | None = Field(default=None, min_length=1, max_length=120)
    kiosk: KioskProfile | None = None

    @field_validator("api_url")
    @classmethod
    def _no_secret_in_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.username or parts.password or "@" in parts.netloc:
            raise ValueError("api_url must not hold a user name or password")
        if parts.query or parts.fragment:
            raise ValueError("api_url must not hold a query (?…) or fragment (#…)")
        return value.strip()


def parse_profile(text: str, source: str = "profile") -> Profile:
    """The profile in `text`; `ProfileError` naming `source` when it cannot be used."""
    import tomllib  # only when there is a profile to read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source} is not valid TOML: {exc}.") from None
    keys = key_like_fields(data)
    if keys:
        raise ProfileError(
            f"{source} contains a key ({', '.join(sorted(set(keys)))}); keys do not belong in "
            "files that are handed out. Remove it: the key comes from NINEPIC_API_KEY or the "
            "system keychain."
        )
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(f"{source}: {_describe(exc)}.") from None


def _describe(exc: ValidationError) -> str:
    """Field and reason for each problem, without echoing the values."""
    parts = []
    for error in exc.errors(include_input=False, include_url=False):
        field = ".".join(str(p) for p in error["loc"]) or "(top level)"
        if error["type"] == "extra_forbidden":
            parts.append(f"`{field}` is not a profile setting")
        elif error["type"] == "missing":
            parts.append(f"`{field}` is missing")
        else:
            parts.append(f"`{field}`: {error['msg'].lower()}")
    return "; ".join(parts)


def load_profile(path: Path) -> Profile:
    """Read and check the profile file; `ProfileError` for a missing, huge or bad one."""
    try:
        with path.open("rb") as file:
            raw = file.read(_MAX_BYTES + 1)
    except OSError as exc:
        raise ProfileError(f"cannot read the profile {path}: {exc.strerror or exc}.") from None
    if len(raw) > _MAX_BYTES:
        raise ProfileError(f"{path} is too large for a profile (over {_MAX_BYTES // 1024} KB).")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError(f"{path} is not UTF-8 text.") from None
    return parse_profile(text, str(path))
