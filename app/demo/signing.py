"""Presigned original URLs: HMAC-SHA256 over the object key and an expiry time.

Like an S3 presigned GET, the link carries everything needed to check it (``expires`` and
``sig`` query parameters); the storage route recomputes the signature with the server's own
secret, so an altered path, expiry or signature is refused, and so is a link past its time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from enum import Enum
from urllib.parse import urlencode


class LinkState(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    BAD_SIGNATURE = "bad_signature"
    MALFORMED = "malformed"


def object_key(event_id: int, image_id: str) -> str:
    """Relative object path of an original, the same under ``/storage`` and ``storage_url``."""
    return f"{event_id}/{image_id}.jpg"


class UrlSigner:
    """Signs and checks storage links; ``clock`` is injectable so tests never wait."""

    def __init__(
        self,
        secret: bytes | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self._clock = clock

    def _sign(self, key: str, expires: int) -> str:
        message = f"GET\n{key}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def presign(self, base: str, key: str, ttl_s: float) -> str:
        """``{base}/{key}?expires=<unix>&sig=<hex>``; the link stops working ``ttl_s`` from now."""
        expires = int(self._clock() + ttl_s)
        query = urlencode({"expires": expires, "sig": self._sign(key, expires)})
        return f"{base.rstrip('/')}/{key}?{query}"

    def check(self, key: str, expires: str | None, sig: str | None) -> LinkState:
        """Signature first (a forged expiry must not read as merely "expired"), then time."""
        if not expires or not sig or not expires.isdigit():
            return LinkState.MALFORMED
        if not sig.isascii() or not hmac.compare_digest(self._sign(key, int(expires)), sig.lower()):
            return LinkState.BAD_SIGNATURE
        if self._clock() >= int(expires):
            return LinkState.EXPIRED
        return LinkState.VALID
