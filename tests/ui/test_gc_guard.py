"""Garbage collection moves to the GUI thread while the window runs."""

from __future__ import annotations

import gc

from app.ui.gc_guard import GuiThreadCollector


def test_automatic_collection_is_off_while_running_and_restored(qapp) -> None:
    outer = gc.isenabled()  # the UI tests' own collector has it off already
    gc.enable()
    collector = GuiThreadCollector()
    collector.start()
    try:
        assert not gc.isenabled()
    finally:
        collector.stop()
    assert gc.isenabled()
    if not outer:
        gc.disable()


def test_collects_only_when_a_threshold_is_passed(qapp) -> None:
    collector = GuiThreadCollector()
    collector.start()
    try:
        gc.collect()
        assert collector.collect_if_due() == -1
        first_threshold = gc.get_threshold()[0]
        junk = [[] for _ in range(first_threshold + 10)]
        for item in junk:
            item.append(item)  # cycles that only the collector frees
        del junk, item
        assert collector.collect_if_due() >= 0
        assert gc.get_count()[0] < first_threshold
    finally:
        collector.stop()


def test_a_settling_collector_freezes_the_start_then_collects_what_comes_after(qapp) -> None:
    """Its first turn moves every object alive then out of the collections' way (none of
    them is walked again) and frees nothing; from the second on it collects as usual.
    Stopping gives the frozen objects back to Python's collector."""
    collector = GuiThreadCollector(settle=True)
    collector.start()
    try:
        started_with = [[] for _ in range(1000)]
        for item in started_with:
            item.append(item)
        assert gc.get_freeze_count() == 0
        assert collector.collect_if_due() == -1
        assert collector.settled
        assert gc.get_freeze_count() >= len(started_with)
        assert gc.get_count() == (0, 0, 0)  # the frozen ones count for no generation
        first_threshold = gc.get_threshold()[0]
        later = [[] for _ in range(first_threshold + 10)]
        for item in later:
            item.append(item)
        del later, item
        assert collector.collect_if_due() >= 0
        assert gc.get_count()[0] < first_threshold
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0 and not collector.settled
