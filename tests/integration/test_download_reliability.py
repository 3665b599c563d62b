"""300 originals through every fault the stand-in (and the storage in front of it) can
throw: 20 % 5xx, 5 % cut bodies, 429 bursts with Retry-After, and links that expire
long before the batch ends. Every file must be byte-identical, nothing left behind."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.downloads import DownloadJob
from app.demo.server import DemoConfig, DemoServer
from app.terminal_words import item_text
from tests.integration.support import (
    Faults,
    StorageProxy,
    Truth,
    calm,
    demo_behind_proxy,
    ids_with_originals,
    leftovers,
    make_client,
    make_engine,
    sha_of,
)

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

COUNT = 300
URL_TTL_S = 1.5


@pytest.fixture(scope="module")
def shared_behind_proxy() -> Iterator[tuple[DemoServer, StorageProxy]]:
    config = DemoConfig(
        fault_rate=0.2, throttle=0.05, retry_after_s=0, truncate_rate=0.05, url_ttl_s=URL_TTL_S
    )
    with demo_behind_proxy(config) as pair:
        yield pair


@pytest.fixture
def behind_proxy(
    shared_behind_proxy: tuple[DemoServer, StorageProxy],
) -> tuple[DemoServer, StorageProxy]:
    """The module's pair with its knobs as configured (the faults above), counters zeroed."""
    return calm(shared_behind_proxy)


def verify(folder: Path, files: dict[str, str], truth: Truth) -> list[str]:
    """Names whose bytes differ from the stand-in's original."""
    return [
        name for image_id, name in files.items() if sha_of(folder / name) != truth.sha(image_id)
    ]


async def test_300_originals_through_every_fault(
    behind_proxy: tuple[DemoServer, StorageProxy], tmp_path: Path
) -> None:
    demo, proxy = behind_proxy
    ids = ids_with_originals(demo, COUNT)
    assert len(ids) == COUNT
    proxy.reset(Faults(error_rate=0.2, burst_every=97, burst_len=6, retry_after="0.5"))
    started = time.monotonic()
    async with make_client(demo) as client:
        engine = make_engine(client, demo, tmp_path, split_first=True)
        summary = await engine.run(DownloadJob.for_ids(ids))
    elapsed = time.monotonic() - started

    assert summary.failed == [], [item_text(r) for r in summary.failed[:5]]
    assert summary.complete
    files = {r.image_id or "": r.file for r in summary.downloaded}
    assert sorted(files) == sorted(ids)
    assert verify(tmp_path, files, Truth(demo)) == []
    assert leftovers(tmp_path) == []

    # The faults really happened, and the batch outlived its links.
    hits = demo.stats.storage_hits
    assert elapsed > URL_TTL_S
    assert any(h.status == 403 for h in hits), "no link expired during the batch"
    assert any(h.truncated for h in hits) and demo.stats.storage_range_gets
    assert proxy.injected[429] >= 6 and sum(proxy.injected.values()) > 30
    api = demo.stats.api_statuses("original_photos")
    assert api.get(429, 0) + sum(n for s, n in api.items() if s >= 500) > 0
