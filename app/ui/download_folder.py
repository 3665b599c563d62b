"""Where the window's downloads go: the folder in use (`DownloadFolder`, per event or
the one picked), and the first download's question ("Where should the photos be
saved?") asked once through a chooser.

The chooser is a callable so the window can open a folder dialog and tests can answer
without one; the kiosk, and a folder given on the command line, never ask.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.core.downloads.filenames import event_folder_name

FolderAnswer = Callable[[Path | None], None]
FolderChooser = Callable[[Path, FolderAnswer], None]
"""Asks where to save, proposing a folder; answers later with the folder, or None."""


class FolderQuestion:
    """Asked before a download until a folder is confirmed; one question at a time.

    `confirmed`: a folder was chosen before (settings, command line, kiosk), or now.
    `chooser`: how to ask (the window's dialog); without one nothing is asked.
    """

    def __init__(self, confirmed: bool, chooser: FolderChooser | None = None) -> None:
        self.confirmed = confirmed
        self.chooser = chooser
        self._then: FolderAnswer | None = None

    @property
    def needed(self) -> bool:
        return not self.confirmed and self.chooser is not None

    def ask(self, proposal: Path, then: FolderAnswer) -> None:
        """Ask, proposing `proposal`; `then` gets the answer (None: no folder chosen). A
        second download asked for while the question is open waits for the same answer."""
        if self._then is not None or self.chooser is None:
            return
        self._then = then
        self.chooser(proposal, self._answered)

    def _answered(self, folder: Path | None) -> None:
        then, self._then = self._then, None
        if folder is not None:
            self.confirmed = True
        if then is not None:
            then(folder)


class DownloadFolder:
    """The folder the next batch saves into, and why that one.

    `base`: the folder given (settings, command line) or picked; `path`: the one in use.
    With `per_event`, each event saves into its own sub-folder of `base`
    (`Race photos/Demo City Marathon 2026`) until the user picks a folder, which is then
    used as it is. `question` confirms the folder before the first download.
    """

    def __init__(self, folder: Path, *, per_event: bool, question: FolderQuestion) -> None:
        self.base = Path(folder)
        self.path = Path(folder)
        self.per_event = per_event
        self.question = question
        self.event_name = ""
        """The open event's name: its sub-folder, and the event in patterned file names."""

    def pick(self, path: Path) -> bool:
        """The user's folder, confirmed and used as it is from now on; False when it is
        the folder in use already (nothing else changes then)."""
        self.per_event = False
        self.question.confirmed = True
        if path == self.path:
            return False
        self.path = self.base = path
        return True

    def follow_event(self, event_id: int | None, name: str | None, *, move: bool) -> bool:
        """The event now open; with `per_event`, and `move` (no batch is saving into the
        folder in use), the folder becomes the event's sub-folder. True if it moved."""
        self.event_name = (name or "").strip() or (f"Event {event_id}" if event_id else "")
        if not self.per_event or event_id is None or not move:
            return False
        self.path = self.base / event_folder_name(self.event_name, event_id)
        return True
