"""The API key: from the environment or the OS keychain, never from a plain file."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

log = logging.getLogger(__name__)

ENV_VAR = "NINEPIC_API_KEY"
KEYRING_SERVICE = "photo-retriever"


def key_is_sendable(api_key: str) -> bool:
    """Whether this key can go in an HTTP header: printable ASCII without spaces."""
    return api_key.isascii() and api_key.isprintable() and " " not in api_key


def load_api_key(api_url: str, env: Mapping[str, str] | None = None) -> str | None:
    """`NINEPIC_API_KEY` wins; otherwise the keychain entry stored for this API URL."""
    env = os.environ if env is None else env
    key = env.get(ENV_VAR, "").strip()
    if key:
        return key
    try:
        import keyring

        stored = keyring.get_password(KEYRING_SERVICE, api_url)
    except Exception as exc:  # any keyring backend failure means "no stored key"
        log.info("keychain not available: %s", type(exc).__name__)
        return None
    return stored.strip() if isinstance(stored, str) and stored.strip() else None


def store_api_key(api_url: str, api_key: str) -> bool:
    """Save the key in the OS keychain; False when no keychain is available."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, api_url, api_key)
    except Exception as exc:
        log.warning("could not store the API key in the keychain: %s", type(exc).__name__)
        return False
    return True
