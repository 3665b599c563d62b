"""The grid fills the window: columns span the viewport at any width, a page is sized from
the viewport, and photos of either orientation cover their tile (no grey letterboxes)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from pytestqt.qtbot import QtBot

from app.core.page_limits import MAX_PAGE_SIZE_IMAGES
from app.ui.models.photo_model import PhotoModel
from app.ui.widgets.grid_layout import MIN_PAGE, fit_columns, photos_per_page
from app.ui.widgets.photo_grid import PhotoGrid
from app.ui.widgets.tile_art import cover_source_rect
from tests.ui.test_models import _items

WIDTHS = (820, 900, 1000, 1220, 1280, 1340, 1500, 1580, 1660, 1740, 1880)


def _grid(qtbot: QtBot, count: int = 60) -> tuple[PhotoGrid, PhotoModel]:
    model = PhotoModel()
    model.set_page(_items(count), 1, count)
    grid = PhotoGrid(model)
    qtbot.addWidget(grid)
    grid.show()
    return grid, model


def _first_row(grid: PhotoGrid, model: PhotoModel) -> list[tuple[int, int]]:
    """(left, right edge) of every item on the first line, as Qt laid them out."""
    grid.doItemsLayout()
    rects = [grid.visualRect(model.index(row, 0)) for row in range(model.rowCount())]
    return [(r.x(), r.x() + r.width()) for r in rects if r.y() == rects[0].y()]


@pytest.mark.parametrize("cell", [96, 180, 360])
def test_the_columns_span_the_viewport_at_every_width(qtbot: QtBot, cell: int) -> None:
    grid, model = _grid(qtbot)
    grid.set_cell_size(cell)
    for width in WIDTHS:
        grid.resize(width, 700)
        qtbot.waitUntil(lambda w=width: grid.width() == w)
        row = _first_row(grid, model)
        viewport = grid.viewport().width()
        spacing = grid.spacing()
        assert len(row) == grid.columns, f"{width}: Qt wrapped a column we planned"
        left_gap, right_gap = row[0][0], viewport - row[-1][1]
        assert left_gap == spacing
        # No empty column: what is left on the right is the left gap (and the one pixel
        # Qt's layout keeps free), at every width and size.
        assert right_gap <= spacing + 1, f"{width}: {right_gap} px empty on the right"
        assert row[-1][1] >= viewport - spacing - 1
        widths = {right - left for left, right in row}
        # about the slider's size: a few pixels less at most, to spread the spacing
        assert len(widths) == 1 and widths.pop() >= min(cell, viewport) - grid.columns - 1


def test_tiles_are_painted_where_qt_lays_them_out(qtbot: QtBot) -> None:
    grid, model = _grid(qtbot, 60)
    for width, cell in ((820, 180), (1280, 96), (1500, 250), (1880, 360)):
        grid.set_cell_size(cell)
        grid.resize(width, 600)
        qtbot.waitUntil(lambda w=width: grid.width() == w)
        grid.doItemsLayout()
        bar = grid.verticalScrollBar()
        for scroll in (0, bar.maximum() // 3, bar.maximum()):
            bar.setValue(scroll)
            for row in range(model.rowCount()):
                assert grid.tile_rect(row) == grid.visualRect(model.index(row, 0)), (width, row)


def test_fit_columns_never_promises_more_than_fits() -> None:
    for viewport in range(200, 2600, 7):
        for item in (104, 188, 368):
            fit = fit_columns(viewport, item)
            # Qt's rule: spacing before every item, the last one clear of the last pixel
            assert fit.spacing + fit.columns * (fit.spacing + fit.item_width) <= viewport - 1
            assert fit.item_width >= item - fit.columns - 1 or fit.columns == 1
            assert viewport - fit.used_width <= fit.spacing + 1


def test_a_page_is_whole_rows_within_the_api_maximum() -> None:
    for columns in range(1, 30):
        for rows in range(1, 12):
            size = photos_per_page(columns, rows)
            assert 1 <= size <= MAX_PAGE_SIZE_IMAGES
            if columns <= MAX_PAGE_SIZE_IMAGES:
                assert size % columns == 0, "whole rows"
            if columns * rows <= MAX_PAGE_SIZE_IMAGES:
                assert size >= columns * rows, "at least a screenful"
            assert size >= min(MIN_PAGE, MAX_PAGE_SIZE_IMAGES // columns * columns)


def test_the_page_size_follows_the_viewport(qtbot: QtBot) -> None:
    grid, _model = _grid(qtbot)
    sizes: list[int] = []
    grid.page_size_changed.connect(sizes.append)
    grid.resize(820, 600)
    qtbot.waitUntil(lambda: grid.width() == 820)
    small, small_columns = grid.page_size, grid.columns
    grid.resize(1880, 1040)
    qtbot.waitUntil(lambda: grid.width() == 1880)
    large = grid.page_size
    assert small % small_columns == 0
    assert large % grid.columns == 0 and large > small
    line = grid.delegate.cell + 8 + grid.spacing()
    assert large >= grid.columns * (grid.viewport().height() // line), "a screenful at least"
    assert sizes[-1] == large, "the change is announced"


def test_a_tall_photo_is_cropped_to_keep_its_upper_part() -> None:
    tall = cover_source_rect(QSize(200, 300), QSize(180, 180))
    assert (tall.width(), tall.height()) == (200, 200)
    assert tall.x() == 0 and tall.y() == 33  # a third of what is cut comes off the top
    wide = cover_source_rect(QSize(300, 200), QSize(180, 180))
    assert (wide.x(), wide.y(), wide.width(), wide.height()) == (50, 0, 200, 200)


def _picture(size: QSize, colour: str) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(QColor(colour))
    return pixmap


def test_portrait_and_landscape_thumbnails_fill_their_tiles(qtbot: QtBot) -> None:
    grid, model = _grid(qtbot, 2)
    grid.resize(900, 500)
    box = grid.image_box
    # as the loader hands them over: decoded to fit the box the grid asked for
    model.set_thumbnail(
        "id-0", _picture(QSize(2, 3).scaled(box, Qt.AspectRatioMode.KeepAspectRatio), "red")
    )
    model.set_thumbnail(
        "id-1", _picture(QSize(3, 2).scaled(box, Qt.AspectRatioMode.KeepAspectRatio), "blue")
    )
    image: QImage = grid.viewport().grab().toImage()
    for row, colour in ((0, QColor("red")), (1, QColor("blue"))):
        photo = grid.delegate.photo_rect(grid.visualRect(model.index(row, 0)))
        inset = photo.adjusted(3, 3, -3, -3)  # clear of the rounded corners
        for point in (
            inset.topLeft(),
            inset.topRight(),
            inset.bottomLeft(),
            inset.bottomRight(),
            inset.center(),
        ):
            assert image.pixelColor(point) == colour, f"row {row} at {point}: a letterbox"


def test_cards_are_made_when_thumbnails_arrive_and_only_copied_when_painted(
    qtbot: QtBot,
) -> None:
    grid, model = _grid(qtbot, 6)
    grid.resize(900, 500)
    for row in range(6):
        model.set_thumbnail(f"id-{row}", _picture(QSize(300, 200), "teal"))
    made = len(grid.delegate.cards())
    assert made == 6, "each thumbnail is scaled once, as it arrives"
    grid.viewport().repaint()
    grid.viewport().repaint()
    assert len(grid.delegate.cards()) == made, "painting reuses the cards"
