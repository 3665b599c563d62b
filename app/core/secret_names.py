"""Which names in a config file look like they hold a secret (a key, a token, a password).

Files that are handed out or kept beside a server (an organiser profile, the relay's
config) must never carry the API key: both refuse any field these names match.
"""

from __future__ import annotations

import re
from typing import Any

_KEY_WORDS = frozenset({"key", "apikey", "token", "secret", "password", "passwd"})


def looks_like_key(name: str) -> bool:
    """`api_key`, `API-Key`, `access_token`, `clientSecret`: any word of the name."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    words = [w for w in re.split(r"[^a-z0-9]+", spaced.lower()) if w]
    return any(w in _KEY_WORDS for w in words) or "".join(words) in _KEY_WORDS


def key_like_fields(data: Any, where: str = "") -> list[str]:
    """Dotted names of every key-like field, at any depth (tables and arrays of tables)."""
    found: list[str] = []
    if isinstance(data, dict):
        for name, value in data.items():
            dotted = f"{where}.{name}" if where else str(name)
            if looks_like_key(str(name)):
                found.append(dotted)
            found.extend(key_like_fields(value, dotted))
    elif isinstance(data, list):
        for item in data:
            found.extend(key_like_fields(item, where))
    return found
