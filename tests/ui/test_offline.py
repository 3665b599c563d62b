"""Offline, calmly: said at once, retried quietly, and back by itself when the service is."""

from __future__ import annotations

import socket

from app.core.retry import RetryPolicy
from app.demo.server import DemoConfig, DemoServer
from app.ui.messages import UserMessage
from app.ui.search import SearchMode
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
    reconnect, bar = h.controller.reconnect, h.window.message_bar
    reconnect.policy = QUICK_PROBES
    bib = server.sample_bibs[0]
    seen: list[str] = []

    async def scenario() -> None:
        # one run of the loop from start to finish: the probes' timers fire only inside it
        h.window.start()
        h.controller.submit(SearchMode.BIB, bib)  # typed right away: it waits
        await until(lambda: reconnect.waiting and not h.window.runner.busy)
        seen.extend((bar.text, h.window.grid.status_text))
        await until(lambda: reconnect.probes >= 2)  # probing, with nobody there
        server.start()
        await until(lambda: h.controller.model.rowCount() > 0)
        await h.window.runner.wait_idle()

    try:
        h.run(scenario())
    finally:
        server.stop()
    assert seen[0].startswith(
        f"Can't reach the photo service. Your search for {bib} starts as soon as it answers"
    )
    assert seen[1].startswith("Not connected")
    assert not reconnect.waiting
    assert h.controller.details is not None
    assert h.window.event_picker.count() > 0
    assert h.window.results_title.text() == f"BIB {bib}"
    assert not bar.isVisible()


def test_a_search_typed_while_the_first_attempts_run_is_named_when_they_give_up(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo, base_url=f"http://127.0.0.1:{_closed_port()}", start=False)
    h.window.start()
    h.controller.submit(SearchMode.BIB, "1488")  # before the event list has answered
    assert h.controller.search_waiting
    h.drain()
    bar = h.window.message_bar
    assert bar.text.startswith("Can't reach the photo service. Your search for 1488 starts")
    assert bar.retry_button.isVisible()
    assert h.window.grid.status_text.startswith("Not connected")


def test_a_stand_in_that_stops_and_restarts_on_the_same_port(
    make_window: WindowFactory,
) -> None:
    port = _closed_port()
    server = DemoServer(DemoConfig(port=port))
    server.start()
    try:
        h = make_window(server)
        assert h.controller.details is not None
        reconnect = h.controller.reconnect
        reconnect.policy = QUICK_PROBES
        bib = server.sample_bibs[0]
        seen: list[str] = []

        async def scenario() -> None:
            server.stop()
            h.controller.submit(SearchMode.BIB, bib)
            await until(lambda: reconnect.waiting and not h.window.runner.busy)
            seen.extend((h.window.grid.status_text, h.window.results_title.text()))
            server.start()
            await until(lambda: h.controller.model.rowCount() > 0)
            await h.window.runner.wait_idle()

        h.run(scenario())
        assert seen == [
            "Not connected Your photos appear here once the photo service answers again.",
            f"BIB {bib}",
        ]
        assert not reconnect.waiting and reconnect.probes >= 1
    finally:
        server.stop()
