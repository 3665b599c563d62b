"""The staff PIN: a salted scrypt hash in the settings, and a gate that slows guessing.

The hash string is `scrypt$n$r$p$salt$digest` (hex), so the cost can be raised later
without breaking stored PINs. `PinGate` doubles the wait after each wrong PIN (from the
third on), so a passer-by cannot try many; the clock is injectable for tests.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
MIN_PIN_DIGITS = 4
FREE_TRIES = 2
"""Wrong PINs allowed before the delay starts (a finger slips)."""
BASE_DELAY_S = 2.0
MAX_DELAY_S = 300.0


class PinError(ValueError):
    """A PIN that cannot be set (too short, not digits)."""


def check_new_pin(pin: str) -> str:
    """The PIN as it will be hashed; digits only, at least four."""
    pin = pin.strip()
    if not pin.isdigit() or not pin.isascii():
        raise PinError("the PIN must be digits only")
    if len(pin) < MIN_PIN_DIGITS:
        raise PinError(f"the PIN must have at least {MIN_PIN_DIGITS} digits")
    return pin


def hash_pin(pin: str, *, n: int = SCRYPT_N, salt: bytes | None = None) -> str:
    """A fresh salted scrypt hash of a checked PIN."""
    pin = check_new_pin(pin)
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, n, SCRYPT_R, SCRYPT_P)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches `stored`; a malformed hash matches nothing."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = bytes.fromhex(digest)
        actual = _scrypt(pin.strip(), bytes.fromhex(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024)


@dataclass(frozen=True)
class PinAnswer:
    """What the gate said: `ok`, or refused with `wait_s` before the next try is heard."""

    ok: bool
    wait_s: float = 0.0
    not_set: bool = False


class PinGate:
    """Checks PINs against one stored hash, with a growing delay after wrong ones."""

    def __init__(
        self,
        stored_hash: str | None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stored = stored_hash
        self._clock = clock
        self.failures = 0
        self._locked_until = 0.0

    @property
    def is_set(self) -> bool:
        return bool(self._stored)

    def wait_left(self) -> float:
        """Seconds before another PIN is heard (0: now)."""
        return max(0.0, self._locked_until - self._clock())

    def delay_after(self, failures: int) -> float:
        """2 s after the third wrong PIN, then 4, 8, … up to five minutes."""
        if failures <= FREE_TRIES:
            return 0.0
        return float(min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - FREE_TRIES - 1)))

    def check(self, pin: str) -> PinAnswer:
        """Right PIN: ok (and the count starts again). Wrong, or too soon: refused."""
        if not self._stored:
            return PinAnswer(False, not_set=True)
        wait = self.wait_left()
        if wait > 0:
            return PinAnswer(False, wait)  # too soon: not even looked at
        if verify_pin(pin, self._stored):
            self.failures = 0
            self._locked_until = 0.0
            return PinAnswer(True)
        self.failures += 1
        delay = self.delay_after(self.failures)
        self._locked_until = self._clock() + delay
        return PinAnswer(False, delay)
