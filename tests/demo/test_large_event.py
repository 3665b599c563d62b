"""The large-event knob: thousands of photos in the main event for memory and paging
benchmarks, the usual world untouched when it is off."""

from __future__ import annotations

import argparse

import httpx

from app.demo.catalog import DemoCatalog
from app.demo.command import add_serve_demo_arguments, config_from_args
from app.demo.server import DemoConfig, DemoServer


def test_off_by_default_the_world_is_the_usual_one() -> None:
    usual, off = DemoCatalog(), DemoCatalog(event_photos=0)
    assert usual.photos(usual.main_event_id) == off.photos(off.main_event_id)
    assert len(usual.photos(usual.main_event_id)) < 600


def test_a_large_event_has_the_photos_asked_for_and_keeps_its_samples() -> None:
    usual, large = DemoCatalog(), DemoCatalog(event_photos=3000)
    photos = large.photos(large.main_event_id)
    assert len(photos) >= 3000
    assert len({p.image_id for p in photos}) == len(photos)
    assert large.sample_bibs == usual.sample_bibs
    for bib in large.sample_bibs[:3]:  # the 40 / typical / 3 photo runners stay as they are
        event = large.main_event_id
        assert len(large.photos_for_bib(event, bib)) == len(usual.photos_for_bib(event, bib))
    per_runner = [len(large.photos_for_bib(large.main_event_id, r.bib)) for r in
                  large.runners(large.main_event_id)]  # fmt: skip
    assert max(per_runner) > 40  # runners beyond the samples have many pages of photos


def test_serve_demo_flag_reaches_the_server() -> None:
    parser = argparse.ArgumentParser()
    add_serve_demo_arguments(parser)
    config = config_from_args(parser.parse_args(["--event-photos", "3000"]))
    assert config == DemoConfig(event_photos=3000)
    with DemoServer(config) as server:
        answer = httpx.get(
            f"{server.base_url}/api/v1/ext/{server.org_id}/event/{server.event_id}/images",
            params={"page": 1, "page_size": 1},
            headers={"X-API-Key": server.api_key},
        )
    assert answer.status_code == 200
    assert answer.json()["data"]["pagination"]["total"] >= 3000
