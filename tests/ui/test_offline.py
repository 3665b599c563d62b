"""Offline, calmly: said at once, retried quietly, and back by itself when the service is."""

from __future__ import annotations

import socket

from app.core.retry import RetryPolicy
from app.demo.server import DemoConfig, DemoServer
from app.ui.messages import UserMessage
from tests.ui.conftest import WindowFactory, until

QUICK_PROBES = RetryPolicy(base_delay=0.02, multiplier=2.0, max_delay=0.1, jitter=0.0)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_no_answer_is_said_at_the_first_failure_then_quiet(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo, base_url=f"http://127.0.0.1:{_closed_port()}")
    w = h.window
    texts = [m.text for m in h.messages if isinstance(m, UserMessage)]
    # three attempts (two waits) before the client gave up, but one notice: the first
    assert texts[0] == "Can't reach the photo service — retrying…"
    assert texts.count(texts[0]) == 1
    assert not any("retrying in" in text for text in texts)
    assert texts[-1].startswith("Can't reach the photo service. Check the internet connection")
    assert w.message_bar.retry_button.isVisible()
    assert h.controller.reconnect.waiting
    assert w.grid.status_text == (
        "Not connected Your photos appear here once the photo service answers again."
    )
    assert "message above" not in w.grid.status_text
    assert w.event_picker.count() == 0 and w.event_picker.placeholderText() == "Not connected"


def test_reconnects_and_runs_the_waiting_search_when_the_service_is_back(
    make_window: WindowFactory,
) -> None:
    port = _closed_port()
    server = DemoServer(DemoConfig(port=port))
    h = make_window(server, base_url=f"http://127.0.0.1:{port}", start=False)
    h.controller.reconnect.policy = QUICK_PROBES
    h.window.start()
    h.drain()
    assert h.controller.reconnect.waiting
    bib = server.sample_bibs[0]
    h.type_search(bib)  # typed while offline: it waits
    assert h.controller.search_waiting
    assert h.window.message_bar.text.startswith("Not connected… your search for")
    h.run(until(lambda: h.controller.reconnect.probes >= 2))  # probing, with nobody there
    with server:
        h.run(until(lambda: h.controller.model.rowCount() > 0))
        h.drain()
        assert not h.controller.reconnect.waiting
        assert h.controller.details is not None
        assert h.window.event_picker.count() > 0
        assert h.window.results_title.text() == f"BIB {bib}"
        assert not h.window.message_bar.isVisible()


def test_a_stand_in_that_stops_and_restarts_on_the_same_port(
    make_window: WindowFactory,
) -> None:
    port = _closed_port()
    server = DemoServer(DemoConfig(port=port))
    server.start()
    try:
        h = make_window(server, start=False)
        h.controller.reconnect.policy = QUICK_PROBES
        h.window.start()
        h.drain()
        assert h.controller.details is not None
        server.stop()
        h.type_search(server.sample_bibs[0])
        assert h.controller.reconnect.waiting
        assert h.window.grid.status_text.startswith("Not connected")
        assert h.window.results_title.text() == f"BIB {server.sample_bibs[0]}"
        server.start()
        h.run(until(lambda: h.controller.model.rowCount() > 0))
        h.drain()
        assert not h.controller.reconnect.waiting
    finally:
        server.stop()
