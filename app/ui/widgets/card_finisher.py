"""`CardFinisher`: the grid's tile cards composed on the thumbnail fetch threads.

Composing a card (a smooth scale and an antialiased rounded clip) costs the GUI thread
most of a millisecond per thumbnail, paid right when a page's thumbnails arrive together.
The fetch thread that decoded a thumbnail composes it instead (`tile_art` draws on a
QImage, which any thread may do), and the GUI thread only keeps the result.
"""

from __future__ import annotations

from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QWidget

from app.ui.widgets.photo_delegate import CardSpec, PhotoDelegate
from app.ui.widgets.tile_art import photo_card_image


class CardFinisher:
    """A `thumbnail_work.Finisher` for one grid: its view (`widget`) and its delegate."""

    def __init__(self, widget: QWidget, delegate: PhotoDelegate) -> None:
        self._widget = widget
        self._delegate = delegate

    def capture(self) -> CardSpec:
        """GUI thread: the card a thumbnail arriving now gets (size, palette, look)."""
        return self._delegate.card_spec(self._widget.devicePixelRatioF(), self._widget.palette())

    def prepare(self, image: QImage, captured: object) -> object:
        """Worker thread: the card for `image` as `captured` describes it."""
        if not isinstance(captured, CardSpec):
            return None
        spec = captured
        return spec, photo_card_image(image, spec.size, spec.dpr, spec.palette, spec.look)

    def adopt(self, pixmap: QPixmap, prepared: object) -> None:
        """GUI thread: the delegate keeps the card, if the tiles still look that way
        (size, look, palette and pixel ratio: a theme or screen may have changed)."""
        if not isinstance(prepared, tuple):
            return
        spec, card = prepared
        if isinstance(spec, CardSpec) and isinstance(card, QImage) and spec == self.capture():
            self._delegate.adopt(pixmap, QPixmap.fromImage(card), spec)
