"""The API key: from the environment or the OS keychain, never from a plain file.

The keychain entry is service `photo-retriever`, user = API URL + organisation (one key
belongs to one organisation). Where no keychain backend exists (a bare Linux desktop, a
container) `KeyStore` keeps a key typed in the window in memory for this session only.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from app.core.names import ENV_VAR as ENV_VAR  # re-exported: callers import it from here

log = logging.getLogger(__name__)

KEYRING_SERVICE = "photo-retriever"


class KeySource(StrEnum):
    ENVIRONMENT = "environment"
    KEYCHAIN = "keychain"
    SESSION = "session"
    """Typed in the window; kept in memory only because there is no keychain."""


@dataclass(frozen=True)
class FoundKey:
    """A key and where it came from; the key stays out of the repr."""

    key: str = field(repr=False)
    source: KeySource


def keychain_user(api_url: str, org_id: int) -> str:
    """The keychain user name: the API URL plus the organisation, e.g. `https://api.9pic.ai#org=903`."""
    return f"{api_url.rstrip('/')}#org={org_id}"


def key_is_sendable(api_key: str) -> bool:
    """Whether this key can go in an HTTP header: printable ASCII without spaces."""
    return api_key.isascii() and api_key.isprintable() and " " not in api_key


def keychain_available() -> bool:
    """False when keyring found no real backend (its `fail.Keyring`, or none at all)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring install is "no keychain", not a crash
        log.info("keychain not available: %s", type(exc).__name__)
        return False
    return not isinstance(backend, fail.Keyring)


def _from_env(env: Mapping[str, str] | None) -> str:
    env = os.environ if env is None else env
    return env.get(ENV_VAR, "").strip()


def load_api_key(
    api_url: str, env: Mapping[str, str] | None = None, *, org_id: int | None = None
) -> str | None:
    """`NINEPIC_API_KEY` wins; otherwise the keychain entry for this URL and org (or,
    without an org, or for an entry saved by an older version, for the URL alone)."""
    found = KeyStore(env).find(api_url, org_id)
    return found.key if found is not None else None


def store_api_key(api_url: str, org_id: int, api_key: str) -> bool:
    """Save the key in the OS keychain; False when no keychain is available."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keychain_user(api_url, org_id), api_key)
    except Exception as exc:
        log.warning("could not store the API key in the keychain: %s", type(exc).__name__)
        return False
    return True


class KeyStore:
    """Where the window gets and keeps keys: environment, keychain, or this session's memory.

    One owner for the session-only keys, so a key typed where no keychain exists is
    forgotten when the app ends and is never written anywhere.
    """

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = env
        self._session: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"KeyStore(session_entries={len(self._session)})"

    @property
    def env_override(self) -> bool:
        """`NINEPIC_API_KEY` is set: it wins over whatever is typed or stored."""
        return bool(_from_env(self._env))

    def find(self, api_url: str, org_id: int | None) -> FoundKey | None:
        """The key for this URL and org: environment, this session, the keychain entry
        for URL + org, then one for the URL alone (older versions, the relay)."""
        env_key = _from_env(self._env)
        if env_key:
            return FoundKey(env_key, KeySource.ENVIRONMENT)
        users = [api_url.rstrip("/")]
        if org_id is not None:
            users.insert(0, keychain_user(api_url, org_id))
            if users[0] in self._session:
                return FoundKey(self._session[users[0]], KeySource.SESSION)
        try:
            import keyring

            for user in users:
                stored = keyring.get_password(KEYRING_SERVICE, user)
                if isinstance(stored, str) and stored.strip():
                    return FoundKey(stored.strip(), KeySource.KEYCHAIN)
        except Exception as exc:  # any keyring backend failure means "no stored key"
            log.info("keychain not available: %s", type(exc).__name__)
        return None

    def keep(self, api_url: str, org_id: int, api_key: str) -> KeySource:
        """Store in the keychain, or in memory for this session when there is none."""
        user = keychain_user(api_url, org_id)
        if keychain_available() and store_api_key(api_url, org_id, api_key):
            self._session.pop(user, None)
            return KeySource.KEYCHAIN
        self._session[user] = api_key
        return KeySource.SESSION
