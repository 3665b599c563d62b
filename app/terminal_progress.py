"""How `photo-retriever download` shows its progress on stderr.

In a terminal: one tqdm bar counted in photos, whose total is "…" until the service has
said how many there are (it never jumps between guesses), with the bytes and speed
beside it; closing it draws the final count. Piped into a file or a CI log: a plain line
every few seconds ("12/40 saved, 1 failed, 48.2 MB, 6.1 MB/s") and the last count at the
end, never carriage returns. tqdm is imported only when a bar is drawn.
"""

from __future__ import annotations

import time
from typing import Any, Protocol, TextIO

from app import terminal_words as words
from app.core.downloads.events import (
    BatchProgress,
    BatchStopped,
    BatchWaiting,
    DownloadEvent,
    ProgressSnapshot,
)

PLAIN_INTERVAL_S = 5.0
"""Seconds between two plain lines when stderr is not a terminal."""
BAR_INTERVAL_S = 0.2


class Progress(Protocol):
    """What the download command needs of a progress display."""

    def on_event(self, event: DownloadEvent) -> None: ...

    def close(self) -> None: ...


def terminal_progress(
    out: TextIO, *, interval_s: float | None = None, noun: str = "photos"
) -> Progress:
    """A bar when `out` is a terminal, plain lines otherwise; `noun` counts ("clips")."""
    if out.isatty():
        return BarProgress(out, interval_s=interval_s or BAR_INTERVAL_S, noun=noun)
    return PlainProgress(out, interval_s=interval_s or PLAIN_INTERVAL_S)


class PlainProgress:
    """A line every `interval_s` while photos come in, and the final count once a
    line has been written (a run shorter than that ends on the summary alone)."""

    def __init__(self, out: TextIO, *, interval_s: float = PLAIN_INTERVAL_S) -> None:
        self.out = out
        self.interval_s = interval_s
        self._next = time.monotonic() + interval_s
        self._latest: ProgressSnapshot | None = None
        self._written: str | None = None

    def on_event(self, event: DownloadEvent) -> None:
        if isinstance(event, BatchStopped):
            self._write(words.STOPPING)  # the reason comes once, with the summary
        elif isinstance(event, BatchWaiting):
            self._write(words.waiting_text())
        elif isinstance(event, BatchProgress):
            self._latest = event.snapshot
            now = time.monotonic()
            if now >= self._next and _started(event.snapshot):
                self._next = now + self.interval_s
                self._write(words.plain_progress_line(event.snapshot))

    def close(self) -> None:
        if self._written is None or self._latest is None:
            return
        last = words.plain_progress_line(self._latest)
        if last != self._written:
            self._write(last)

    def _write(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()
        self._written = text


class BarProgress:
    """A tqdm bar on a terminal; notices ("Stopping…") are written above it."""

    def __init__(
        self, out: TextIO, *, interval_s: float = BAR_INTERVAL_S, noun: str = "photos"
    ) -> None:
        self.out = out
        self.interval_s = interval_s
        self.noun = noun
        self._bar: Any = None
        self._latest: ProgressSnapshot | None = None

    def on_event(self, event: DownloadEvent) -> None:
        if isinstance(event, BatchStopped):
            self._notice(words.STOPPING)
        elif isinstance(event, BatchWaiting):
            self._notice(words.waiting_text())
        elif isinstance(event, BatchProgress) and _started(event.snapshot):
            self._latest = event.snapshot
            self._draw(event.snapshot, force=False)

    def close(self) -> None:
        """The last frame shows the final count, then the bar stays on screen."""
        if self._bar is None:
            return
        if self._latest is not None:
            self._draw(self._latest, force=True)
        self._bar.close()
        self._bar = None

    def _draw(self, snap: ProgressSnapshot, *, force: bool) -> None:
        bar = self._bar if self._bar is not None else self._open(snap)
        if snap.items_total is not None and bar.total != snap.items_total:
            bar.total = snap.items_total
            bar.bar_format = _KNOWN.format(noun=self.noun)
        bar.n = snap.items_finished
        bar.set_postfix_str(words.bar_postfix(snap), refresh=False)
        if force:
            bar.refresh()
        else:
            bar.update(0)  # redraws at most every `mininterval`

    def _open(self, snap: ProgressSnapshot) -> Any:
        from tqdm import tqdm  # only a terminal run draws a bar

        self._bar = tqdm(
            total=snap.items_total,
            initial=snap.items_finished,
            postfix=words.bar_postfix(snap),
            file=self.out,
            unit=self.noun.removesuffix("s"),
            bar_format=(_UNKNOWN if snap.items_total is None else _KNOWN).format(noun=self.noun),
            dynamic_ncols=True,
            mininterval=self.interval_s,
            leave=True,
        )
        return self._bar

    def _notice(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(text, file=self.out)
        else:
            self.out.write(text + "\n")
            self.out.flush()


# tqdm puts ", " before the postfix: "12/40 photos, 48.2 MB, 6.1 MB/s".
# `{noun}` is filled first ("photos", "clips"); the doubled braces are tqdm's own fields.
_KNOWN = "{{percentage:3.0f}}%|{{bar}}| {{n_fmt}}/{{total_fmt}} {noun}{{postfix}}"
_UNKNOWN = "{{n_fmt}}/… {noun}{{postfix}}"


def _started(snap: ProgressSnapshot) -> bool:
    """Nothing known yet is no frame at all (no "0/…")."""
    return snap.items_total is not None or snap.items_finished > 0
