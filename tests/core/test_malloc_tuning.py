"""The window process tunes glibc's heap (see `app.core.malloc_tuning`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.core.malloc_tuning import limit_malloc_arenas, trim_heap

glibc_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@glibc_only
def test_glibc_takes_the_limit_in_a_fresh_process() -> None:
    assert _run("from app.core.malloc_tuning import limit_malloc_arenas as f; print(f())") == "True"


# 2,000 blocks of 64 KiB (below glibc's mmap threshold, so on the heap), written so their
# pages are resident, each followed by a small block that stays: once they are freed,
# the free space lies between live blocks, not at the top, so glibc keeps it resident
# until it is trimmed (as it did with the pages of thumbnails paged past).
_FREED_UNDER_A_LIVE_BLOCK = """
import resource, sys
from app.core.malloc_tuning import trim_heap
def resident_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20
blocks, kept = [], []
for _ in range(2000):
    blocks.append(b"x" * 65536)
    kept.append(b"y" * 4096)
held = resident_mb()
del blocks
freed = resident_mb()
trimmed = trim_heap()
print(held, freed, resident_mb(), trimmed)
"""


@glibc_only
def test_trimming_gives_freed_heap_pages_back() -> None:
    held, freed, after, trimmed = _run(_FREED_UNDER_A_LIVE_BLOCK).split()
    assert trimmed == "True"
    assert float(freed) > float(held) - 16, "freeing alone keeps the pages (else no test)"
    assert float(after) < float(freed) - 100, (held, freed, after)


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert limit_malloc_arenas() is False
    assert trim_heap() is False
