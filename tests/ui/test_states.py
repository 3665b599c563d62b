"""Refused input, empty results, switched-off modes and errors, against the real stand-in."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from app.demo.server import DemoConfig, DemoServer
from app.demo.world import EMPTY_EVENT_ID, SELFIE_OFF_EVENT_ID
from app.ui.messages import Level, UserMessage
from app.ui.search import SearchMode
from tests.ui.conftest import WindowFactory


@pytest.fixture
def faulty_demo() -> Iterator[DemoServer]:
    """A private stand-in whose knobs a test may turn freely."""
    with DemoServer(DemoConfig(retry_after_s=3)) as server:
        yield server


def _api_calls(demo: DemoServer) -> int:
    return sum(demo.stats.api_calls.values())


@pytest.mark.parametrize(
    ("mode", "typed", "expected"),
    [
        (SearchMode.BIB, "12@4", "A BIB number has only letters, digits and hyphens, like 1488."),
        (SearchMode.BIB, "   ", "Type your BIB number first, like 1488."),
        (SearchMode.BIB, "1234567890123", "That is too long for a BIB number"),
        (SearchMode.SELFIE, "not-a-uuid", "A selfie search id looks like"),
    ],
)
def test_bad_input_is_refused_without_a_request(
    fresh_demo: DemoServer,
    make_window: WindowFactory,
    mode: SearchMode,
    typed: str,
    expected: str,
) -> None:
    h = make_window(fresh_demo)
    calls = _api_calls(fresh_demo)
    h.type_search(typed, mode)
    bar = h.window.search_bar
    assert bar.input_error.startswith(expected)
    assert bar.input_message.isVisible()
    assert _api_calls(fresh_demo) == calls, "refused input must not reach the service"
    assert h.controller.search is None
    # typing again clears the message
    h.qtbot.keyClicks(bar.input, "1")
    assert bar.input_error == ""


def test_empty_result_says_what_to_do(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h = make_window(fresh_demo)
    h.type_search("99999")
    w = h.window
    assert h.controller.model.rowCount() == 0
    samples = ", ".join(fresh_demo.sample_bibs)
    assert w.grid.status_text == (
        "No photos for BIB 99999 Check the number or try a selfie."
        f" The demo event has BIBs like {samples}."
    )
    assert w.pager.label.text() == "No photos"
    assert not w.pager.next_button.isEnabled() and not w.pager.previous_button.isEnabled()
    assert not w.selection_bar.download_all_button.isEnabled()
    assert w.message_bar.text == ""


def test_event_without_photos(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h = make_window(fresh_demo, event_id=EMPTY_EVENT_ID)
    assert h.window.event_picker.currentData() == EMPTY_EVENT_ID
    h.type_search(fresh_demo.sample_bibs[0])
    assert h.window.grid.status_text.startswith("No photos for BIB")


def test_switched_off_selfie_mode_is_explained(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    w = h.window
    h.type_search(fresh_demo.sample_bibs[0])
    w.event_picker.setCurrentIndex(w.event_picker.findData(SELFIE_OFF_EVENT_ID))
    h.drain()
    assert h.controller.details.event_id == SELFIE_OFF_EVENT_ID
    # the previous event's search is gone, the hint says what this event offers
    assert w.results_title.text() == ""
    assert h.controller.model.rowCount() == 0
    assert w.grid.status_text.startswith("Type your BIB number to find your photos")
    bar = w.search_bar
    assert "Selfie search is switched off for this event" in bar.mode_hint.text()
    assert bar.mode_hint.isVisible()
    model = bar.mode_picker.model()
    assert model.item(0).isEnabled()
    assert not model.item(1).isEnabled() and not model.item(2).isEnabled()
    calls = _api_calls(fresh_demo)
    h.controller.submit(SearchMode.SELFIE, str(uuid.uuid4()))
    h.drain()
    assert "does not offer search by selfie" in bar.input_error
    assert _api_calls(fresh_demo) == calls
    assert "403" not in bar.input_error


def test_server_errors_reach_the_message_bar_in_plain_words(
    faulty_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(faulty_demo)
    faulty_demo.set_faults(fault_rate=1.0)
    h.type_search(faulty_demo.sample_bibs[0])
    bar = h.window.message_bar
    assert bar.isVisible()
    assert bar.text == "The photo service had a problem on its side. Try again in a moment."
    assert bar.level is Level.ERROR
    assert bar.retry_button.isVisible()
    assert h.window.results_title.text() == f"BIB {faulty_demo.sample_bibs[0]}"
    assert h.window.grid.status_text == "No photos to show", "the bar's words are not repeated"
    # the retry notices were shown while the client waited
    notices = [m.text for m in h.messages if isinstance(m, UserMessage)]
    assert any("retrying in" in text for text in notices)
    # Retry after the service recovered: results, and the bar goes away
    faulty_demo.set_faults(fault_rate=0.0)
    bar.retry_button.click()
    h.drain()
    assert h.controller.model.rowCount() > 0
    assert not bar.isVisible()


def test_rate_limit_shows_retrying_in_seconds(
    faulty_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(faulty_demo)
    faulty_demo.set_faults(throttle=1.0, retry_after_s=3)
    h.type_search(faulty_demo.sample_bibs[0])
    texts = [m.text for m in h.messages]
    assert "The photo service is busy — retrying in 3 s…" in texts
    assert h.window.message_bar.text.startswith("The photo service is busy right now")


def test_unreachable_service(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h = make_window(fresh_demo, base_url="http://127.0.0.1:9")
    w = h.window
    assert w.message_bar.text.startswith("Can't reach the photo service")
    # no stand-in "Event 1" that looks loaded: the picker says what is going on
    assert w.event_picker.count() == 0
    assert w.event_picker.placeholderText() == "Not connected"
    assert w.grid.status_text.startswith("Not connected")
    assert w.isEnabled()


def test_refused_key(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h = make_window(fresh_demo, api_key="not-the-key")
    assert "refused the API key" in h.window.message_bar.text


def test_unknown_event(fresh_demo: DemoServer, make_window: WindowFactory) -> None:
    h = make_window(fresh_demo, event_id=4242)
    # the stand-in knows the key and the organisation, not the event: 404 on its details
    assert fresh_demo.stats.api_statuses("details") == {404: 1}
    bar = h.window.message_bar
    text = bar.text
    assert text == "This event was not found. It may have been removed; pick another event."
    assert bar.level is Level.WARNING
    assert "refused" not in text
    assert "404" not in text and "403" not in text


def test_unexpected_failure_is_a_message_not_a_traceback(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)

    async def broken() -> None:
        raise KeyError("internal detail")

    h.window.runner.start(broken())
    h.drain()
    text = h.window.message_bar.text
    assert text.startswith("Something unexpected went wrong")
    assert "KeyError" not in text and "internal detail" not in text
