"""`HeapTrimmer`: the heap's free memory given back once a page of results has settled.

A page shown replaces the last page's thumbnails and cards; once its own thumbnails are
in, the churn is over until the next page, and that is when `malloc_tuning.trim_heap`
has the most to give back (see `app.core.malloc_tuning` for the figures). It runs on a
worker thread, so the GUI thread never waits for it; pages shown faster than they
settle trim once, for the last.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QObject

from app.core.malloc_tuning import trim_heap
from app.ui.runtime import TaskRunner
from app.ui.search_session import PageView, SearchSession

_TASK = "heap-trim"


class HeapTrimmer(QObject):
    """Trims after each page `results` shows, once that page's thumbnails are in."""

    def __init__(
        self,
        results: SearchSession,
        runner: TaskRunner,
        *,
        trim: Callable[[], object] = trim_heap,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._results = results
        self._runner = runner
        self._trim = trim
        self.trims = 0
        """Trims done so far (tests prove "once the page settled")."""
        results.page_shown.connect(self._on_page_shown)

    def _on_page_shown(self, _view: PageView) -> None:
        self._runner.start(self._trim_when_settled(), key=_TASK)

    async def _trim_when_settled(self) -> None:
        await self._results.thumbnails.wait_screen_done()
        await asyncio.to_thread(self._trim)
        self.trims += 1
