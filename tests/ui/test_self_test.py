"""`photo-retriever self-test`: the window opens, one search fills the grid, it closes."""

from __future__ import annotations

import io
import json

from PySide6.QtWidgets import QApplication

from app.core.backend import BackendConfig
from app.demo.server import DemoServer
from app.ui.self_test import run_self_test
from tests.ui.conftest import StandinBackends


def _backend(demo: DemoServer) -> BackendConfig:
    return BackendConfig(
        demo.base_url, demo.org_id, demo.event_id, demo.api_key, True, ("1488",), "Shop"
    )


def test_a_search_that_finds_photos_passes(demo: DemoServer, qapp: QApplication) -> None:
    out = io.StringIO()
    assert run_self_test(StandinBackends(demo), _backend(demo), bib=None, timeout=30, out=out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["step"] for line in lines] == ["shown", "event", "grid"]
    assert lines[0]["visible"] is True
    assert lines[1]["title"] == "Shop — Demo City Marathon 2026 (demo)"
    grid = lines[2]
    assert grid["bib"] == "1488" and grid["total"] == 40
    assert grid["photos"] > 0 and grid["thumbnails"] == grid["photos"]


def test_a_search_that_finds_nothing_fails(demo: DemoServer, qapp: QApplication) -> None:
    out = io.StringIO()
    assert (
        run_self_test(StandinBackends(demo), _backend(demo), bib="99999", timeout=30, out=out) == 1
    )
    last = json.loads(out.getvalue().splitlines()[-1])
    assert last["step"] == "grid" and last["photos"] == 0
