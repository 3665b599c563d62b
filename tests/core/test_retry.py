"""The retry policy with a fake clock: counts, growth, Retry-After, what is not retried."""

from __future__ import annotations

import pytest

from app.core.errors import AccessDenied, NinePicError, NotFound, RateLimited, ServerError
from app.core.retry import RetryPolicy, retrying

pytestmark = pytest.mark.anyio


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Flaky:
    """Fails with the given errors in turn, then succeeds."""

    def __init__(self, *errors: NinePicError) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "done"


async def run(operation: Flaky, policy: RetryPolicy, clock: FakeClock) -> str:
    return await retrying(operation, policy, sleep=clock.sleep, clock=clock, rand=lambda: 0.5)


async def test_retries_until_success_with_growing_backoff() -> None:
    clock = FakeClock()
    op = Flaky(ServerError(), ServerError(), ServerError())
    policy = RetryPolicy(max_attempts=5, base_delay=1.0, multiplier=2.0, jitter=0.25)
    assert await run(op, policy, clock) == "done"
    assert op.calls == 4
    assert clock.sleeps == [1.0, 2.0, 4.0]


async def test_gives_up_after_max_attempts() -> None:
    clock = FakeClock()
    op = Flaky(*[ServerError() for _ in range(10)])
    with pytest.raises(ServerError):
        await run(op, RetryPolicy(max_attempts=3), clock)
    assert op.calls == 3
    assert len(clock.sleeps) == 2


async def test_backoff_is_capped_and_jittered() -> None:
    policy = RetryPolicy(base_delay=1.0, multiplier=10.0, max_delay=5.0, jitter=0.5)
    assert policy.backoff(1, rand=0.0) == 0.5
    assert policy.backoff(1, rand=0.999) == pytest.approx(1.499, abs=1e-3)
    assert policy.backoff(4, rand=0.5) == 5.0


async def test_retry_after_is_honoured() -> None:
    clock = FakeClock()
    op = Flaky(RateLimited(retry_after=7.0), RateLimited(retry_after=None))
    policy = RetryPolicy(max_attempts=5, base_delay=0.5, jitter=0.0)
    assert await run(op, policy, clock) == "done"
    assert clock.sleeps == [7.0, 1.0]


@pytest.mark.parametrize("error", [AccessDenied(), NotFound()])
async def test_non_retryable_errors_are_raised_at_once(error: NinePicError) -> None:
    clock = FakeClock()
    op = Flaky(error)
    with pytest.raises(type(error)):
        await run(op, RetryPolicy(max_attempts=5), clock)
    assert op.calls == 1
    assert clock.sleeps == []


async def test_total_time_bound_stops_retrying() -> None:
    clock = FakeClock()
    op = Flaky(RateLimited(retry_after=60.0))
    with pytest.raises(RateLimited):
        await run(op, RetryPolicy(max_attempts=5, max_total=30.0), clock)
    assert op.calls == 1
    assert clock.sleeps == []


async def test_listener_hears_each_wait() -> None:
    clock = FakeClock()
    heard: list[tuple[int, str, float]] = []
    op = Flaky(RateLimited(retry_after=3.0), ServerError())
    await retrying(
        op,
        RetryPolicy(base_delay=1.0, jitter=0.0),
        sleep=clock.sleep,
        clock=clock,
        on_retry=lambda n, err, delay: heard.append((n, type(err).__name__, delay)),
    )
    assert heard == [(1, "RateLimited", 3.0), (2, "ServerError", 2.0)]
