"""The byte-bounded LRU shared by the thumbnail loader and the stand-in's picture cache."""

from __future__ import annotations

import threading

from app.core.lru import ByteLRU


def test_any_hashable_key_and_replacing_a_value_keeps_the_count() -> None:
    cache = ByteLRU(100)
    cache.put(("large", "a"), b"x" * 40)
    cache.put(("large", "a"), b"y" * 10)
    assert cache.get(("large", "a")) == b"y" * 10
    assert cache.size == 10 and len(cache) == 1
    cache.clear()
    assert cache.size == 0 and ("large", "a") not in cache


def test_threads_share_it_within_budget() -> None:
    cache = ByteLRU(1000)

    def work(n: int) -> None:
        for i in range(500):
            cache.put((n, i % 50), bytes(7 + i % 13))
            cache.get((n, (i * 7) % 50))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 0 < cache.size <= 1000
