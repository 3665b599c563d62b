"""Retries as a policy: exponential backoff with jitter, `Retry-After` honoured, bounded.

The sleep, the clock and the random source are injectable so tests never wait.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from app.core.errors import NinePicError, RateLimited

T = TypeVar("T")

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]
RetryListener = Callable[[int, NinePicError, float], None]
"""Called before each wait with (attempt that failed, its error, seconds to wait)."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to try again; only retryable errors are retried."""

    max_attempts: int = 5
    base_delay: float = 0.5
    multiplier: float = 2.0
    max_delay: float = 30.0
    jitter: float = 0.25
    """Each wait is scaled by a random factor in [1 - jitter, 1 + jitter]."""
    max_total: float = 120.0
    """No new attempt is started when waiting would pass this many seconds since the first."""

    def backoff(self, attempt: int, rand: float = 0.5) -> float:
        """Wait after failed attempt number `attempt` (1-based), `rand` in [0, 1)."""
        raw = self.base_delay * self.multiplier ** (attempt - 1)
        scaled = raw * (1 - self.jitter + 2 * self.jitter * rand)
        return min(self.max_delay, max(0.0, scaled))

    def delay_for(self, attempt: int, error: NinePicError, rand: float = 0.5) -> float:
        """The server's `Retry-After` wins over our own backoff when it is given."""
        if isinstance(error, RateLimited) and error.retry_after is not None:
            return max(0.0, error.retry_after)
        return self.backoff(attempt, rand)


NO_RETRY = RetryPolicy(max_attempts=1)


async def retrying(
    operation: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    sleep: Sleep = asyncio.sleep,
    clock: Clock = time.monotonic,
    rand: Callable[[], float] = random.random,
    on_retry: RetryListener | None = None,
) -> T:
    """Run `operation` until it succeeds, fails for good, or the policy's bounds are reached."""
    started = clock()
    attempt = 1
    while True:
        try:
            return await operation()
        except NinePicError as error:
            if not error.retryable or attempt >= policy.max_attempts:
                raise
            delay = policy.delay_for(attempt, error, rand())
            if clock() - started + delay > policy.max_total:
                raise
            if on_retry is not None:
                on_retry(attempt, error, delay)
            await sleep(delay)
            attempt += 1


class HostGate:
    """Everyone asking one host waits while it has said "too many requests".

    One worker's 429 (with or without `Retry-After`) holds the gate; every other worker
    of that host waits on it before its next request, instead of each one finding out
    with a 429 of its own. Holds are capped, so a hostile `Retry-After` cannot park us.
    """

    def __init__(self, clock: Clock = time.monotonic, cap_s: float = 60.0) -> None:
        self.clock = clock
        self.cap_s = cap_s
        self._until = 0.0

    def hold(self, seconds: float) -> None:
        self._until = max(self._until, self.clock() + min(max(0.0, seconds), self.cap_s))

    def remaining(self) -> float:
        return max(0.0, self._until - self.clock())

    async def wait(self, sleep: Sleep = asyncio.sleep) -> float:
        """Sleep out the hold, if any (one sleep: a fake sleep in tests never spins);
        returns the seconds waited."""
        left = self.remaining()
        if left > 0:
            await sleep(left)
        return left


class HostGates:
    """One `HostGate` per host name."""

    def __init__(self, clock: Clock = time.monotonic, cap_s: float = 60.0) -> None:
        self._clock = clock
        self.cap_s = cap_s
        self._gates: dict[str, HostGate] = {}

    def for_host(self, host: str) -> HostGate:
        gate = self._gates.get(host.lower())
        if gate is None:
            gate = self._gates[host.lower()] = HostGate(self._clock, self.cap_s)
        return gate

    def for_url(self, url: str) -> HostGate:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            host = ""
        return self.for_host(host)
