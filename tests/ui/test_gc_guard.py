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
