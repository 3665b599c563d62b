"""Find by time without the network: buckets as slots, windows, ISO times, local clocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.core.models import Timeline
from app.core.timeline import (
    DEFAULT_MARGIN_S,
    MAX_MARGIN_S,
    HourSlot,
    TimeWindow,
    hour_slots,
    local_time,
    parse_time,
    window_label,
)
from app.core.validation import InputProblem, RefusedInput

PLUS_TWO = timezone(timedelta(hours=2))
INDIA = timezone(timedelta(hours=5, minutes=30))


def _utc(*args: int) -> int:
    return int(datetime(*args, tzinfo=UTC).timestamp())


def test_buckets_become_slots_in_utc_hours_with_their_counts() -> None:
    timeline = Timeline.model_validate(
        {
            "days": [
                {"date": "2024-01-01", "total": 125, "hours": [{"hour": 10, "count": 98}]},
                {"date": "2024-01-01", "total": 27, "hours": [{"hour": 11, "count": 27}]},
                {"date": "2024-01-02", "total": 42, "hours": [{"hour": 9, "count": 42}]},
                {"date": "not-a-date", "total": 5, "hours": [{"hour": 1, "count": 5}]},
                {"date": "2024-01-03", "total": 0, "hours": [{"hour": 3, "count": 0}]},
            ]
        }
    )
    slots = hour_slots(timeline)
    assert slots == [
        HourSlot(_utc(2024, 1, 1, 10), 98),
        HourSlot(_utc(2024, 1, 1, 11), 27),
        HourSlot(_utc(2024, 1, 2, 9), 42),
    ]
    assert slots[0].end - slots[0].start == 3600
    # shown on a clock 5:30 ahead of UTC, the 10:00 UTC bucket is 15:30-16:30
    assert f"{slots[0].local_start(INDIA):%Y-%m-%d %H:%M}" == "2024-01-01 15:30"


def test_repeated_buckets_add_up() -> None:
    day = {"date": "2024-01-01", "total": 3, "hours": [{"hour": 8, "count": 1}]}
    again = {"date": "2024-01-01", "total": 2, "hours": [{"hour": 8, "count": 2}]}
    assert hour_slots(Timeline.model_validate({"days": [day, again]})) == [
        HourSlot(_utc(2024, 1, 1, 8), 3)
    ]


def test_a_window_around_a_moment_widens_to_a_limit() -> None:
    moment = _utc(2026, 4, 19, 10, 42)
    window = TimeWindow.around(moment)
    assert (window.start, window.end) == (moment - DEFAULT_MARGIN_S, moment + DEFAULT_MARGIN_S)
    assert window.middle == moment
    wider = window.widened()
    assert (wider.middle, wider.margin_s) == (moment, 2 * DEFAULT_MARGIN_S)
    margins = []
    while window.can_widen:
        window = window.widened()
        margins.append(window.margin_s)
    assert margins[-1] == MAX_MARGIN_S and margins == sorted(margins)
    assert window.middle == moment


@pytest.mark.parametrize(("start", "end"), [(10, 10), (10, 9)])
def test_an_empty_window_is_refused(start: int, end: int) -> None:
    with pytest.raises(RefusedInput) as refused:
        TimeWindow(start, end)
    assert refused.value.problem is InputProblem.EMPTY_TIME_WINDOW


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-04-19T10:42:00+02:00", _utc(2026, 4, 19, 8, 42)),
        ("2026-04-19T10:42Z", _utc(2026, 4, 19, 10, 42)),
        ("2026-04-19 10:42", _utc(2026, 4, 19, 8, 42)),  # naive: the given zone (+02:00)
        ("2026-04-19", _utc(2026, 4, 18, 22, 0)),
        (" 2026-04-19T10:42 ", _utc(2026, 4, 19, 8, 42)),
    ],
)
def test_iso_times_and_naive_ones_in_the_local_zone(text: str, expected: int) -> None:
    assert parse_time(text, PLUS_TWO) == expected


def test_a_naive_time_without_a_zone_is_the_computers_local_time() -> None:
    local = datetime(2026, 4, 19, 10, 42).astimezone()
    assert parse_time("2026-04-19T10:42") == int(local.timestamp())


@pytest.mark.parametrize("text", ["10:42", "yesterday", "2026-13-01T10:00", "", "2026-04-19T25:00"])
def test_a_bad_time_is_refused_quoting_it(text: str) -> None:
    with pytest.raises(RefusedInput) as refused:
        parse_time(text)
    assert refused.value.problem is InputProblem.BAD_TIME
    assert refused.value.value == text


def test_local_clock_and_file_label() -> None:
    window = TimeWindow(_utc(2026, 4, 19, 8, 37), _utc(2026, 4, 19, 8, 47))
    assert window_label(window, PLUS_TWO) == "1037-1047"
    assert local_time(window.start, PLUS_TWO).isoformat() == "2026-04-19T10:37:00+02:00"
