"""The thumbnail fetch queue: as many fetches at once as the host's round trip needs,
and never an image lost or taken twice when takers give their places back."""

from __future__ import annotations

import pytest

from app.ui.fetch_queue import FETCH_PACE_S, RECENT_FETCHES, FetchQueue, in_flight_for


@pytest.mark.parametrize(
    ("round_trip", "most", "expected"),
    [
        (None, 16, 16),  # not known yet: as for a far host
        (0.050, 16, 16),  # far: all of them
        (0.005, 16, 5),
        (0.0104, 16, 11),
        (0.0002, 16, 2),  # loopback: two still beat one
        (0.0002, 1, 1),  # never more than allowed
        (0.050, 1, 1),
    ],
)
def test_fetches_in_flight_follow_the_round_trip(
    round_trip: float | None, most: int, expected: int
) -> None:
    assert in_flight_for(round_trip, most) == expected


def _queue(takers: int, images: int) -> FetchQueue:
    queue = FetchQueue(takers)
    queue.queue_screen([(f"i{n}", f"http://h/i{n}.jpg") for n in range(images)], set())
    return queue


def test_a_near_host_gives_places_back_and_loses_no_image() -> None:
    queue = _queue(8, 20)
    firsts = [queue.open_taker() for _ in range(9)]
    assert None not in firsts[:8] and firsts[8] is None  # unknown host: all eight
    taken = {claim.image_id for claim in firsts if claim is not None}
    # each taker reports a quick fetch: the ones over two give their places back
    nexts = [queue.take_next(fetched_in=0.0003) for _ in range(8)]
    assert nexts[:6] == [None] * 6 and None not in nexts[6:]
    assert queue.takers_now == 2
    assert queue.open_taker() is None  # two are still taking: no third
    pending = [claim for claim in nexts if claim is not None]
    while pending:
        claim = pending.pop()
        taken.add(claim.image_id)
        following = queue.take_next(fetched_in=0.0003)
        if following is not None:
            pending.append(following)
    assert taken == {f"i{n}" for n in range(20)} and queue.started == 20


def test_a_far_host_keeps_every_taker() -> None:
    queue = _queue(8, 20)
    for _ in range(8):
        assert queue.open_taker() is not None
    assert all(queue.take_next(fetched_in=0.060) is not None for _ in range(8))
    assert queue.takers_now == 8


def test_a_host_that_slows_down_gets_its_takers_back() -> None:
    queue = _queue(8, 0)
    queue.open_taker()  # nothing queued: no taker opened
    assert queue.round_trip is None
    for n in range(RECENT_FETCHES):  # quick at first…
        queue.queue_screen([(f"q{n}", f"http://h/q{n}.jpg")], set())
        assert queue.open_taker() is not None
        assert queue.take_next(fetched_in=FETCH_PACE_S / 2) is None
    assert queue.takers_now == 2
    for n in range(RECENT_FETCHES):  # …then slow: the quick ones age out
        queue.queue_screen([(f"s{n}", f"http://h/s{n}.jpg")], set())
        assert queue.open_taker() is not None
        assert queue.take_next(fetched_in=0.040) is None
    assert queue.round_trip == pytest.approx(0.040)
    assert queue.takers_now == 8


def test_an_unmeasured_host_is_probed_once_by_two_takers() -> None:
    queue = _queue(8, 20)
    assert queue.start_probe() and not queue.start_probe()  # once
    assert queue.takers_now == 2
    assert [queue.open_taker() is not None for _ in range(3)] == [True, True, False]
    queue.end_probe()  # nothing came back meanwhile: a far host, all eight
    assert queue.takers_now == 8
    measured = _queue(8, 20)
    assert measured.open_taker() is not None
    measured.take_next(fetched_in=0.0003)
    assert not measured.start_probe()  # known already: no probe
