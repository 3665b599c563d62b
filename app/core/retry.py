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
