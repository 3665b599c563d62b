"""`AppBackends`: the demo starts once, on first use, and stops on close; a service needs https."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from app.backends import AppBackends
from app.core.errors import InsecureUrl


def test_demo_starts_once_and_stops_on_close() -> None:
    backends = AppBackends()
    try:
        first = backends.demo()
        again = backends.demo(event_id=789)
        assert first.is_demo and first.api_url == again.api_url
        assert first.failure_bib is not None and first.failure_bib not in first.sample_bibs[:1]
        assert (first.event_id, again.event_id) == (456, 789)
        assert first.api_key not in repr(first) and "demo_running=True" in repr(backends)
        assert httpx.get(f"{first.api_url}/api/v1/ext/903/events").status_code == 401
    finally:
        backends.close()
    assert "demo_running=False" in repr(backends)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{first.api_url}/api/v1/ext/903/events")


def test_a_service_needs_https() -> None:
    backends = AppBackends()
    service = backends.service("https://api.9pic.ai/", 903, 456, "k-1")
    assert (service.api_url, service.org_id, service.is_demo) == ("https://api.9pic.ai", 903, False)
    assert "k-1" not in repr(service)
    with pytest.raises(InsecureUrl):
        backends.service("http://api.9pic.ai", 903, None, "k-1")
    assert "demo_running=False" in repr(backends)  # nothing started


PROBE = """
import json, sys, urllib.error, urllib.request
from app.backends import AppBackends
HEAVY = ("uvicorn", "starlette", "PIL", "app.demo.server")
backends = AppBackends()
demo = backends.demo()
before = [m for m in HEAVY if m in sys.modules]
try:
    urllib.request.urlopen(demo.api_url + "/api/v1/ext/903/events", timeout=30)
except urllib.error.HTTPError as refused:
    status = refused.code  # no key: refused, but answered
after = [m for m in HEAVY if m in sys.modules]
backends.close()
print(json.dumps({"before": before, "status": status, "after": after}))
"""


def test_the_demo_answers_at_once_and_starts_its_server_on_the_first_connection() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["before"] == []  # the address was known before any of the server loaded
    assert seen["status"] == 401
    assert "app.demo.server" in seen["after"]


def test_a_demo_never_used_stops_cleanly() -> None:
    backends = AppBackends()
    demo = backends.demo()
    backends.close()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{demo.api_url}/api/v1/ext/903/events")


@pytest.mark.parametrize(("seed", "event_photos"), [(2026, 0), (7, 0), (2026, 3000)])
def test_the_demo_facts_shown_before_its_world_is_built_are_the_worlds(
    seed: int, event_photos: int
) -> None:
    """The window's banner names the sample and failure BIBs before the server (and the
    catalog it serves) exists: drawn from the same first draws of the seed."""
    from app.demo.catalog import DemoCatalog
    from app.demo.config import DemoConfig
    from app.demo.on_demand import OnDemandDemo

    world = DemoCatalog(seed, "marker-key-1", event_photos=event_photos)
    demo = OnDemandDemo(DemoConfig(seed=seed, api_key="marker-key-1", event_photos=event_photos))
    try:
        assert demo.sample_bibs == world.sample_bibs
        assert demo.failure_bib == world.failure_bib
        assert (demo.api_key, demo.org_id, demo.event_id) == (
            world.api_key,
            world.main_org_id,
            world.main_event_id,
        )
        assert not demo.started
    finally:
        demo.stop()
