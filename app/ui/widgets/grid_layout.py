"""The grid's arithmetic: how many columns fit, how wide tiles are, how big a page is.

Kept apart from the widget so the rules are plain functions a test can check at any width.
Qt's icon-mode layout puts `spacing` before every item and wraps an item whose right edge
would reach the last pixel of the viewport; the fit below respects exactly that, so the
columns it promises are the columns Qt lays out.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.page_limits import MAX_PAGE_SIZE_IMAGES

BASE_SPACING = 4
"""The smallest gap Qt leaves between items; a little more is added to fill the width."""
MIN_PAGE = 32
"""A page is never smaller than this (rounded up to whole rows): a small window would
otherwise page every few photos, each page one more request and one more click."""


@dataclass(frozen=True)
class GridFit:
    """Columns, the width of each item (tile plus its margins) and the spacing between."""

    columns: int
    item_width: int
    spacing: int

    @property
    def used_width(self) -> int:
        """From the viewport's left edge to the right edge of the last column."""
        return self.columns * (self.item_width + self.spacing)


def fit_columns(viewport_width: int, wanted_item: int, base_spacing: int = BASE_SPACING) -> GridFit:
    """As many columns of about `wanted_item` pixels as fit, widened to fill the row.

    What a whole pixel per column cannot absorb goes into the spacing (up to one pixel more
    per column, so an item may come out a few pixels under `wanted_item`): the gap on the
    right is then the same as on the left, plus the one pixel Qt keeps free.
    """
    room = max(1, viewport_width - 1)  # Qt wraps an item that would touch the last pixel
    columns = max(1, (room - base_spacing) // (wanted_item + base_spacing))
    spacing = base_spacing
    for extra in range(columns):
        if (room - base_spacing - extra) % columns == 0:
            spacing = base_spacing + extra
            break
    item = max(1, (room - spacing) // columns - spacing)
    return GridFit(columns, item, spacing)


def rows_that_fit(viewport_height: int, item_height: int, spacing: int) -> int:
    """Whole rows visible at once (at least one)."""
    return max(1, (viewport_height - spacing) // (item_height + spacing))


def photos_per_page(columns: int, rows: int) -> int:
    """Photos per page: whole rows, at least a screenful and `MIN_PAGE`, within the API's
    maximum for image lists."""
    columns = max(1, columns)
    rows = max(rows, -(-MIN_PAGE // columns))
    largest = max(1, MAX_PAGE_SIZE_IMAGES // columns) * columns
    return max(1, min(columns * rows, largest, MAX_PAGE_SIZE_IMAGES))
