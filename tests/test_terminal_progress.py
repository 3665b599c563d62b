"""The headless command's progress: a tqdm bar on a terminal, plain lines in a log."""

from __future__ import annotations

import io

from app.core.downloads.events import BatchProgress, BatchStopped, ProgressSnapshot
from app.terminal_progress import BarProgress, PlainProgress, terminal_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def snap(finished: int, total: int | None, **more: float) -> BatchProgress:
    return BatchProgress(
        ProgressSnapshot(
            items_total=total,
            items_finished=finished,
            downloaded=finished,
            bytes_done=finished * 4_000_000,
            speed_bps=6_100_000,
            **more,  # type: ignore[arg-type]
        )
    )


def test_a_terminal_gets_a_bar_and_a_log_gets_lines() -> None:
    assert isinstance(terminal_progress(Terminal()), BarProgress)
    assert isinstance(terminal_progress(io.StringIO()), PlainProgress)


def test_bar_shows_an_ellipsis_until_the_total_is_known_and_ends_on_the_final_count() -> None:
    out = Terminal()
    bar = BarProgress(out, interval_s=0)
    bar.on_event(snap(0, None))  # nothing known: no frame at all
    assert out.getvalue() == ""
    bar.on_event(snap(2, None))
    assert "2/… photos" in out.getvalue()
    for done in range(3, 41):
        bar.on_event(snap(done, 40))
    bar.close()
    frames = [f for f in out.getvalue().replace("\n", "\r").split("\r") if f.strip()]
    assert all("/?" not in frame for frame in frames)
    totals = {frame.split(" photos")[0].rsplit("/", 1)[1] for frame in frames}
    assert totals <= {"…", "40"}  # the total never jumps between guesses
    assert frames[-1].startswith("100%") and "40/40 photos, 160.0 MB, 6.1 MB/s" in frames[-1]


def test_bar_notices_go_above_it() -> None:
    out = Terminal()
    bar = BarProgress(out, interval_s=0)
    bar.on_event(snap(1, 4))
    bar.on_event(BatchStopped(problem=None))  # type: ignore[arg-type]
    bar.close()
    assert "Stopping…\n" in out.getvalue()


def test_plain_lines_come_every_interval_and_end_on_the_last_count() -> None:
    out = io.StringIO()
    lines = PlainProgress(out, interval_s=0)
    for done in range(1, 4):
        lines.on_event(snap(done, 3, failed=0))
    lines.close()
    assert out.getvalue().splitlines() == [
        "1/3 saved, 4.0 MB, 6.1 MB/s",
        "2/3 saved, 8.0 MB, 6.1 MB/s",
        "3/3 saved, 12.0 MB, 6.1 MB/s",
    ]


def test_plain_lines_stay_quiet_for_a_short_run() -> None:
    out = io.StringIO()
    lines = PlainProgress(out, interval_s=3600)
    lines.on_event(snap(1, 3))
    lines.close()
    assert out.getvalue() == ""  # the summary line says it all


def test_plain_line_counts_failures_and_an_unknown_total() -> None:
    out = io.StringIO()
    lines = PlainProgress(out, interval_s=0)
    lines.on_event(snap(12, None, failed=1))
    assert out.getvalue() == "12/… saved, 1 failed, 48.0 MB, 6.1 MB/s\n"
