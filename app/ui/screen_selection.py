"""Selecting by what is on screen: photos of the page shown by id, the whole page, or
every photo of the search (fetched 100 a page), each kept with the result page it is on
(the selection bar says "12 selected across 4 pages")."""

from __future__ import annotations

from collections.abc import Iterable

from app.ui.search_session import SearchSession
from app.ui.selection import Selection


class ScreenSelection:
    """Puts the photos of `results` into `selection`, the one selection truth."""

    def __init__(self, results: SearchSession, selection: Selection) -> None:
        self._results = results
        self._selection = selection

    def set_ids(self, image_ids: Iterable[str], selected: bool) -> None:
        """Select or unselect photos of the page on screen by id."""
        model = self._results.model
        rows = (model.row_of(image_id) for image_id in image_ids)
        items = [i for row in rows if row is not None and (i := model.item(row)) is not None]
        self._selection.set(items, selected, page=self._page_on_screen())

    def select_page(self) -> None:
        self._selection.set(self._results.model.items(), True, page=self._page_on_screen())

    def select_all_results(self) -> None:
        """Every photo of the search, on every page."""
        spec, view = self._results.search, self._results.view
        if spec is None or view is None or view.total == 0:
            return
        self._results.fetch_every_item(
            spec, lambda items, pages: self._selection.set(items, True, page_of=pages)
        )

    def _page_on_screen(self) -> int:
        view = self._results.view
        return view.page if view is not None else 1
