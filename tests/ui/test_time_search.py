"""Find by time and All photos in the real window, on the real stand-in over loopback."""

from __future__ import annotations

import hashlib
import time as time_module
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication

from app.core.timeline import DEFAULT_MARGIN_S, HOUR_S, HourSlot, TimeWindow, local_time
from app.demo.server import DemoServer
from app.demo.world import DRAFT_EVENT_ID
from app.ui.messages import Action
from app.ui.search import SearchMode, SearchSpec
from app.ui.widgets.time_picker import TimePicker
from tests.ui.conftest import Harness, WindowFactory

PAST_EVENT_ID = 101
"""Archived edition: BIB, selfie and timeline off; switched on, so its gallery shows."""
PAGE = 32


def _timed(demo: DemoServer) -> list[tuple[int, str]]:
    """(capture time, id) of the timed photos, in the stand-in's capture order."""
    photos = demo.catalog.photos(demo.event_id)
    return [(p.captured_at, p.image_id) for p in photos if p.captured_at is not None]


def _buckets(demo: DemoServer) -> dict[int, int]:
    counts: dict[int, int] = {}
    for moment, _ in _timed(demo):
        hour = moment - moment % HOUR_S
        counts[hour] = counts.get(hour, 0) + 1
    return counts


def _mode_item(h: Harness, mode: SearchMode) -> tuple[bool, str]:
    bar = h.window.search_bar
    model = bar.mode_picker.model()
    assert isinstance(model, QStandardItemModel)
    item = model.item(bar._modes.index(mode))
    return item.isEnabled(), item.toolTip()


def _open_time(h: Harness, mode: SearchMode = SearchMode.TIME) -> None:
    h.window.search_bar.set_mode(mode)
    h.drain()


def _search_at(h: Harness, moment: int) -> None:
    """Pick the hour of `moment`, type its minute, press Show photos."""
    picker = h.window.time_search.picker
    hour = moment - moment % HOUR_S
    row = [s.start for s in picker.slots].index(hour)
    picker.choose_slot(row)
    when = local_time(moment)
    picker.set_time(when.hour, when.minute)
    picker.show_button.click()
    h.drain()


def _in(timed: list[tuple[int, str]], window: TimeWindow) -> list[str]:
    return [i for t, i in timed if window.start <= t < window.end]


def test_the_hour_picker_lists_the_timeline_buckets_with_counts(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    assert fresh_demo.stats.api_calls.get("timeline_days") is None, "asked for when wanted"
    _open_time(h)
    w = h.window
    picker = w.time_search.picker
    assert picker.isVisible() and not w.search_bar.input.isVisible()
    assert w.grid.status_text.startswith("Find your photos by time Pick the hour you passed")
    buckets = _buckets(fresh_demo)
    assert [(s.start, s.count) for s in picker.slots] == sorted(buckets.items())
    assert picker.hour_picker.count() == len(buckets)
    for row, (start, count) in enumerate(sorted(buckets.items())):
        shown = local_time(start)
        end = local_time(start + HOUR_S)
        text = picker.hour_picker.itemText(row)
        assert f"{shown:%H:%M}–{end:%H:%M} · {count} photo" in text, text
        assert text.endswith("photos" if count > 1 else "photo")
    busiest = max(buckets, key=lambda start: buckets[start])
    assert picker.slots[picker.hour_picker.currentIndex()].start == busiest
    assert "this computer's clock (UTC" in picker.note.text()
    assert "UTC hour" in picker.note.toolTip()
    assert fresh_demo.stats.api_calls.get("timeline_days") == 1


def test_a_time_search_pages_the_window_in_capture_order_and_widens(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    _open_time(h)
    timed = _timed(fresh_demo)
    moment = timed[len(timed) // 2][0]
    moment -= moment % 60  # the time field holds minutes
    _search_at(h, moment)
    spec = h.controller.search
    assert spec.mode is SearchMode.TIME and spec.window == TimeWindow.around(moment)
    inside = _in(timed, spec.window)
    assert h.controller.view.total == len(inside) > 0
    assert h.controller.model.image_ids() == inside[:PAGE]
    start, end = (f"{local_time(t):%H:%M}" for t in (spec.window.start, spec.window.end))
    assert h.window.results_title.text() == f"Photos from {start} to {end}"
    nearby = h.window.nearby
    assert nearby.section.isHidden() and not nearby.session.model.image_ids(), (
        "a time window is already around the time: no you-may-be-in strip"
    )

    widen = h.window.time_search.picker.widen_button
    assert widen.isEnabled() and widen.text().replace("&", "") == "Widen to ± 10 min"
    widen.click()
    h.drain()
    widen.click()
    h.drain()
    window = h.controller.search.window
    assert (window.middle, window.margin_s) == (moment, 4 * DEFAULT_MARGIN_S)
    inside = _in(timed, window)
    assert len(inside) > PAGE, "the widened window spans pages"
    assert h.controller.view.total == len(inside)
    seen = list(h.controller.model.image_ids())
    while h.controller.view.has_next:
        h.window.pager.next_button.click()
        h.drain()
        seen += h.controller.model.image_ids()
    assert seen == inside
    h.controller.select_all_results()  # every page of the window, as for a BIB
    h.drain()
    assert sorted(h.controller.selected_ids()) == sorted(inside)


def test_a_window_result_selects_and_downloads_exactly_its_photos(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    h = make_window(fresh_demo, downloads=folder)
    _open_time(h)
    timed = _timed(fresh_demo)
    missing = set(fresh_demo.catalog.missing_originals(fresh_demo.event_id))
    moment = next(
        t - t % 60
        for t, _ in timed[120:]
        if not missing & set(_in(timed, TimeWindow.around(t - t % 60)))
    )
    _search_at(h, moment)
    wanted = _in(timed, TimeWindow.around(moment))
    assert 1 < len(wanted) <= PAGE

    # selection and preview work as for a BIB
    first = wanted[0]
    h.controller.set_selected([first], True)
    assert h.controller.selected_ids() == [first]
    grid = h.window.grid
    grid.setFocus()
    grid.set_current_row(0)
    h.qtbot.keyClick(grid, Qt.Key.Key_Return)
    h.drain()
    preview = h.window.preview
    assert preview is not None and preview.isVisible()
    assert preview.title.text() == f"Photo 1 of {len(wanted)}"
    assert preview.image.has_image and preview.select_box.isChecked()
    h.qtbot.keyClick(preview, Qt.Key.Key_Escape)

    h.window.selection_bar.download_all_button.click()
    h.controller.select_all_results()  # while the window is listed: cancels neither
    h.drain()
    assert sorted(h.controller.selected_ids()) == sorted(wanted)
    summary = h.downloads.last_summary
    assert summary is not None and summary.complete
    assert sorted(r.image_id or "" for r in summary.downloaded) == sorted(wanted)
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert len(names) == len(wanted)
    for result in summary.downloaded:
        assert result.image_id is not None
        data = (folder / result.file).read_bytes()
        original = fresh_demo.original_bytes(result.image_id)
        assert hashlib.sha256(data).digest() == hashlib.sha256(original).digest()
    assert h.window.download_panel.summary == f"Done: {len(wanted)} downloaded"


def test_all_photos_pages_the_gallery_and_the_picker_jumps_in_it(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    _open_time(h, SearchMode.ALL)
    picker = h.window.time_search.picker
    assert picker.all_button.isVisible() and not picker.widen_button.isVisible()
    assert picker.show_button.text().replace("&", "") == "Go to time"
    everything = [p.image_id for p in fresh_demo.catalog.photos(fresh_demo.event_id)]
    picker.all_button.click()
    h.drain()
    assert h.controller.search.mode is SearchMode.ALL
    assert h.window.results_title.text() == "All photos of the event"
    assert h.controller.view.total == len(everything)
    assert h.controller.model.image_ids() == everything[:PAGE]
    h.window.pager.next_button.click()
    h.drain()
    assert h.controller.model.image_ids() == everything[PAGE : 2 * PAGE]

    timed = _timed(fresh_demo)
    for row in (len(picker.slots) - 1, 1):
        picker.choose_slot(row)  # picking an hour jumps to it
        h.drain()
        slot = picker.slots[row]
        before = sum(1 for t, _ in timed if t < slot.start)
        assert h.controller.view.page == before // PAGE + 1
        assert everything[before] in h.controller.model.image_ids()


def test_a_jump_before_the_gallery_is_on_screen_opens_it_there(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    h.type_search(fresh_demo.sample_bibs[0])
    _open_time(h, SearchMode.ALL)
    picker = h.window.time_search.picker
    last = len(picker.slots) - 1
    picker.hour_picker.setCurrentIndex(last)
    picker.show_button.click()
    h.drain()
    timed = _timed(fresh_demo)
    before = sum(1 for t, _ in timed if t < picker.slots[last].start)
    assert h.controller.search.mode is SearchMode.ALL
    assert h.controller.view.page == before // PAGE + 1


def _api_calls(demo: DemoServer) -> int:
    return sum(demo.stats.api_calls.values())


def _open_event(h: Harness, event_id: int) -> None:
    picker = h.window.event_picker
    picker.setCurrentIndex(picker.findData(event_id))
    h.drain()
    assert h.controller.details.event_id == event_id


def test_switched_off_modes_are_not_offered_and_say_why(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    assert _mode_item(h, SearchMode.TIME) == (True, "")
    assert _mode_item(h, SearchMode.ALL) == (True, "")

    fresh_demo.stats.reset()
    _open_event(h, PAST_EVENT_ID)  # no timeline, but its gallery shows
    on, why = _mode_item(h, SearchMode.TIME)
    assert not on and why == (
        "This event has no photo timeline, so it cannot be searched by time of day."
    )
    assert _mode_item(h, SearchMode.ALL) == (True, "")
    bar = h.window.search_bar
    assert bar.mode_hint.text() == (
        "This event offers no BIB or selfie search; look through all its photos."
    )
    assert h.window.grid.status_text.endswith("Press Show every photo to start at the first one.")
    assert bar.mode is SearchMode.ALL, "the one mode the event offers is picked"
    picker = h.window.time_search.picker
    assert picker.all_button.isVisible() and not picker.hour_picker.isVisible()
    assert "no photo timeline" in picker.note.text()
    assert fresh_demo.stats.api_calls.get("timeline_days") is None
    calls = _api_calls(fresh_demo)
    window = TimeWindow(0, 600)
    h.controller.show_search(SearchSpec.for_window(PAST_EVENT_ID, window), Action.SEARCH_TIME)
    h.drain()
    assert "no photo timeline" in bar.input_error
    assert _api_calls(fresh_demo) == calls, "a switched-off mode makes no call"

    _open_event(h, DRAFT_EVENT_ID)  # not switched on: no gallery, no timeline either
    on, why = _mode_item(h, SearchMode.ALL)
    assert not on and why == (
        "This event is not switched on for outside use, so its whole gallery is not shown."
    )
    assert not _mode_item(h, SearchMode.TIME)[0]
    calls = _api_calls(fresh_demo)
    h.controller.show_search(SearchSpec.for_all(DRAFT_EVENT_ID), Action.BROWSE_ALL)
    h.drain()
    assert "whole gallery is not shown" in bar.input_error
    assert _api_calls(fresh_demo) == calls
    assert h.controller.model.rowCount() == 0


def test_the_picker_is_reachable_by_keyboard(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    _open_time(h)
    picker = h.window.time_search.picker
    picker.time_edit.setFocus()
    moment = _timed(fresh_demo)[200][0]
    hour = moment - moment % HOUR_S
    picker.hour_picker.setCurrentIndex([s.start for s in picker.slots].index(hour))
    when = local_time(moment)
    picker.set_time(when.hour, when.minute)
    h.qtbot.keyClick(picker.time_edit, Qt.Key.Key_Return)
    h.drain()
    assert h.controller.search.window == TimeWindow.around(moment - moment % 60)


def test_tab_goes_from_the_mode_picker_through_the_time_picker_to_the_photos(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    _open_time(h)
    w = h.window
    picker = w.time_search.picker
    w.search_bar.mode_picker.setFocus()
    reached = []
    for _ in range(5):
        w.focusNextChild()
        focused = QApplication.focusWidget()
        reached.append(focused.objectName() if focused is not None else "")
    # Widen is off until a window is on screen; after the picker come the photos
    assert reached[:4] == ["timeHourPicker", "timeEdit", "timeShowButton", w.grid.objectName()]
    assert picker.hour_picker.accessibleName() and picker.time_edit.accessibleName()


def test_hours_that_fail_to_load_say_so_and_retry(
    fresh_demo: DemoServer, make_window: WindowFactory
) -> None:
    h = make_window(fresh_demo)
    fresh_demo.set_faults(fault_rate=1.0)
    _open_time(h)
    bar = h.window.message_bar
    assert bar.isVisible() and bar.retry_button.isVisible()
    assert "problem on its side" in bar.text
    picker = h.window.time_search.picker
    assert picker.hour_picker.count() == 0 and not picker.show_button.isEnabled()
    assert picker.note.text() == ("The hours of the event could not be loaded; Retry asks again.")
    fresh_demo.set_faults(fault_rate=0.0)
    bar.retry_button.click()
    h.drain()
    assert picker.hour_picker.count() == len(_buckets(fresh_demo))
    assert picker.show_button.isEnabled() and not bar.isVisible()


def test_a_window_spec_downloads_by_the_ids_listed_for_it() -> None:
    window = TimeWindow(1_000, 1_600)
    spec = SearchSpec.for_window(456, window)
    assert spec.lists_photos and spec.identifier == "1000-1600"
    body = spec.download_request(["a", "b"])
    assert (body.method.value, body.identifier) == ("image_ids", ["a", "b"])
    with pytest.raises(ValueError):
        spec.download_request()
    with pytest.raises(ValueError):
        SearchSpec(456, SearchMode.TIME, "x")  # a time search without its window
    assert SearchSpec.for_all(456).download_request(["c"]).identifier == ["c"]
    assert not SearchSpec(456, SearchMode.BIB, "1488").lists_photos


def test_a_summer_event_reads_in_summer_time_whatever_the_season_now(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note names the offset on the event's day, and a typed time is placed by the
    zone's rules on that day (Berlin: UTC+02:00 in July, whatever today's offset)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time_module.tzset()
    try:
        picker = TimePicker()
        qtbot.addWidget(picker)
        summer = int(datetime(2026, 7, 1, 8, 0, tzinfo=ZoneInfo("UTC")).timestamp())
        picker.set_slots([HourSlot(summer, 12)])
        assert "UTC+02:00" in picker.note.text()
        picker.time_edit.setTime(QTime(10, 42))
        expected = datetime(2026, 7, 1, 10, 42, tzinfo=ZoneInfo("Europe/Berlin"))
        assert picker.moment() == int(expected.timestamp())
    finally:
        monkeypatch.delenv("TZ")
        time_module.tzset()
