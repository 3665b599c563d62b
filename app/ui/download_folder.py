"""Where the window's downloads go: the remembered folder, and the first download's
question ("Where should the photos be saved?") asked once through a chooser.

The chooser is a callable so the window can open a folder dialog and tests can answer
without one; the kiosk, and a folder given on the command line, never ask.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
