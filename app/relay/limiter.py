"""Per-client rate limits on top of the `limits` library.

A moving window of N hits per period per client address: a client may burst up to N
and regains one hit as each old one ages out of the window, which is how a token bucket
behaves, with exact counts. Counters live in memory (one process) or in Redis, so several
relay processes behind one load balancer share one budget per client.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse_many
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string


def async_storage_uri(uri: str) -> str:
    """`memory://` / `redis://…` as the asyncio flavour `limits` wants."""
    return uri if uri.startswith("async+") else f"async+{uri}"


class ClientLimiter:
    """Named rate-limit classes (e.g. ``requests``, ``uploads``), each a list of limits."""

    def __init__(self, classes: dict[str, str], storage_uri: str = "memory://") -> None:
        storage = storage_from_string(async_storage_uri(storage_uri))
        assert isinstance(storage, Storage), "an async+ storage URI gives an asyncio storage"
        self.storage = storage
        self._strategy = MovingWindowRateLimiter(self.storage)
        self._classes: dict[str, list[RateLimitItem]] = {
            name: parse_many(text) for name, text in classes.items()
        }

    async def hit(self, name: str, client: str) -> float | None:
        """Count one hit for `client`; None when allowed, else seconds until it would be."""
        for item in self._classes[name]:
            if not await self._strategy.hit(item, name, client):
                stats = await self._strategy.get_window_stats(item, name, client)
                return float(max(1, math.ceil(stats.reset_time - time.time())))
        return None

    async def check_storage(self) -> bool:
        """Whether the counter storage answers (for the health endpoint)."""
        try:
            return bool(await self.storage.check())
        except Exception:  # any storage failure means "not healthy"
            return False

    async def reset(self) -> None:
        await self.storage.reset()
