"""``relay.toml``: what the relay serves, where it listens, and how hard it may be used.

Strict (`extra="forbid"`): a typo is an error, not a silently ignored setting. The key is
never read from here: a field that looks like one is refused with its own message, so an
organiser who pastes it in learns at once where it belongs instead.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from limits import parse_many
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.core.credentials import ENV_VAR
from app.core.errors import InsecureUrl
from app.core.secret_names import key_like_fields
from app.core.urls import require_secure_url

DEFAULT_UPSTREAM = "https://api.9pic.ai"


class ConfigError(ValueError):
    """The config cannot be used; the message says why (never quoting a secret)."""


class Limits(BaseModel):
    """Per-client limits (by address) and the size and time bounds of one request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    requests: str = "10/second;300/minute"
    """Every call, per client address, in the `limits` notation (`N/period;M/period`)."""
    uploads: str = "10/minute;60/hour"
    """Selfie uploads (face search, video clipping start) on top of `requests`."""
    storage: str = "memory://"
    """Where counters live: `memory://` (one process) or `redis://host:port` (shared)."""
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_json_bytes: int = Field(default=64 * 1024, ge=256)
    body_timeout_s: float = Field(default=30.0, gt=0)
    """How long a client may take to send its body (a slow sender is cut off with 408)."""
    upstream_timeout_s: float = Field(default=30.0, gt=0)
    max_concurrency: int | None = Field(default=None, ge=1)
    """Open connections before new ones get 503 (uvicorn's `limit_concurrency`)."""

    @field_validator("requests", "uploads")
    @classmethod
    def _parses(cls, value: str) -> str:
        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"not a rate limit such as '10/second;300/minute': {value}") from exc
        return value

    @field_validator("storage")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        scheme = value.split("://", 1)[0].removeprefix("async+")
        if scheme not in {"memory", "redis", "rediss", "redis+unix"}:
            raise ValueError("storage must be memory:// or a redis:// address")
        return value


class RelayConfig(BaseModel):
    """The whole file. `org` and `events` are required; the rest has working defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    upstream: str = DEFAULT_UPSTREAM
    org: int = Field(ge=1)
    events: tuple[int, ...] = Field(min_length=1)
    listen: str = "127.0.0.1:8080"
    access_code: str | None = Field(default=None, min_length=4, repr=False)
    trusted_proxies: tuple[str, ...] = ()
    """Addresses whose X-Forwarded-For is believed (the reverse proxy in front)."""
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None
    limits: Limits = Limits()

    @field_validator("upstream")
    @classmethod
    def _secure_upstream(cls, value: str) -> str:
        try:
            return require_secure_url(value.rstrip("/"))
        except InsecureUrl as exc:
            raise ValueError(str(exc)) from None

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        listen_address(value)
        return value

    @property
    def host(self) -> str:
        return listen_address(self.listen)[0]

    @property
    def port(self) -> int:
        return listen_address(self.listen)[1]


def listen_address(text: str) -> tuple[str, int]:
    """``host:port`` or ``[v6]:port``; port 0 picks a free one."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ValueError(f"listen must be host:port, e.g. 127.0.0.1:8080 (got {text!r})")
    return host.strip("[]"), int(port)


def parse_config(text: str, *, source: str = "relay.toml") -> RelayConfig:
    """Read and check the TOML text; `ConfigError` with a plain reason when it is wrong."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source} is not valid TOML: {exc}") from None
    secrets = key_like_fields(raw)
    if secrets:
        raise ConfigError(
            f"{source} has {', '.join(secrets)}: the API key never goes in the config. "
            f"Give it in {ENV_VAR} or store it in the system keychain."
        )
    try:
        config = RelayConfig.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'file'}: {err['msg']}"
            for err in exc.errors(include_input=False)
        )
        raise ConfigError(f"{source}: {problems}") from None
    if (config.ssl_certfile is None) != (config.ssl_keyfile is None):
        raise ConfigError(f"{source}: give both ssl_certfile and ssl_keyfile, or neither")
    return config


def load_config(path: Path) -> RelayConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    return parse_config(text, source=str(path))
