"""The window opened with `--api-url <relay>` and no key: the relay's events, a search."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.cli import build_parser, open_backend
from app.core.settings import Settings
from app.demo.server import DemoServer
from app.relay.server import RelayServer
from app.ui.app import build_window
from app.ui.runtime import TaskRunner
from tests.relay.support import running_relay
from tests.ui.conftest import FAST_RETRIES, Harness


@pytest.fixture
def relay(demo: DemoServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[RelayServer]:
    monkeypatch.delenv("NINEPIC_API_KEY", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with running_relay(demo) as running:
        yield running


def test_a_window_on_a_relay_without_a_key_shows_its_event(
    relay: RelayServer, demo: DemoServer, loop: asyncio.AbstractEventLoop, qtbot: QtBot
) -> None:
    args = build_parser().parse_args(
        ["--api-url", relay.base_url, "--org", str(demo.org_id), "--event", str(demo.event_id)]
    )
    with open_backend(args) as backend:
        assert backend.api_key is None and not backend.is_demo
        client: Any = backend.make_client(FAST_RETRIES)
        window = build_window(
            backend, client, TaskRunner(loop), settings=Settings(), with_downloads=False
        )
        harness = Harness(window, loop, client, qtbot)
        try:
            window.show()
            window.start()
            harness.drain()
            picker = window.event_picker
            shown = {picker.itemData(i) for i in range(picker.count())}
            assert shown == set(relay.config.events)  # only the relay's events
            assert picker.currentData() == demo.event_id
            assert window.controller.details.event_id == demo.event_id
            assert window.search_bar.input.isEnabled()
            bib = demo.sample_bibs[0]
            harness.type_search(bib)
            expected = len(demo.catalog.photos_for_bib(demo.event_id, bib))
            assert window.controller.model.rowCount() == min(expected, window.grid.page_size) > 0
        finally:
            harness.close()
