"""What a grid tile is made of, drawn once into pixmaps the delegate reuses: the
cover-cropped photo on its rounded card, the placeholder glyph, the selection tick."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPalette, QPen, QPixmap

from app.ui.widgets.style import blend

RADIUS = 6.0
PHOTO_INSET = 3
"""The card shows this much around the photo: room for the selection ring."""


def cover_source_rect(source: QSize, target: QSize) -> QRect:
    """The part of a `source` image that, scaled to `target`, fills it with nothing cut
    twice: the middle across, and the upper part of a tall photo (heads and bibs are
    there, rarely in the bottom third)."""
    if source.isEmpty() or target.isEmpty():
        return QRect(0, 0, max(0, source.width()), max(0, source.height()))
    scale = max(target.width() / source.width(), target.height() / source.height())
    width = min(source.width(), max(1, round(target.width() / scale)))
    height = min(source.height(), max(1, round(target.height() / scale)))
    x = (source.width() - width) // 2
    y = (source.height() - height) // 3
    return QRect(x, y, width, height)


def card_path(rect: QRectF, radius: float = RADIUS) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


def card_colour(palette: QPalette, selected: bool) -> QColor:
    base = palette.color(QPalette.ColorRole.Base)
    if selected:
        return blend(base, palette.color(QPalette.ColorRole.Highlight), 0.25)
    return blend(base, palette.color(QPalette.ColorRole.Mid), 0.22)


def new_canvas(size: QSize, dpr: float, background: QColor | None = None) -> QPixmap:
    """A pixmap of `size` logical pixels at `dpr`, transparent or filled with `background`.

    Filled, it has no alpha channel: painting it is a plain copy, several times cheaper
    than blending (the grid fills its cards with the view's own background colour)."""
    canvas = QPixmap(max(1, round(size.width() * dpr)), max(1, round(size.height() * dpr)))
    canvas.setDevicePixelRatio(dpr)
    canvas.fill(background if background is not None else QColor(Qt.GlobalColor.transparent))
    return canvas


@dataclass(frozen=True)
class Look:
    """How a tile is marked: selected (ring and filled tick), hovered (outline), and
    whether every tile shows its tick (touch screens)."""

    selected: bool = False
    hovered: bool = False
    touch: bool = False

    @property
    def marked(self) -> bool:
        return self.selected or self.hovered or self.touch


def photo_card(photo: QPixmap, size: QSize, dpr: float, palette: QPalette, look: Look) -> QPixmap:
    """`photo_card_image` for a pixmap, as a pixmap (GUI thread)."""
    return QPixmap.fromImage(photo_card_image(photo.toImage(), size, dpr, palette, look))


def photo_card_image(
    photo: QImage, size: QSize, dpr: float, palette: QPalette, look: Look
) -> QImage:
    """The opaque card with `photo` cover-cropped into it and its marks: scaled once,
    smoothly, here, so that every later paint is a 1:1 copy of whole device pixels.

    Any thread: QImage and a QPainter on it are not tied to the GUI thread, so the
    fetch thread that decoded a thumbnail composes its card too."""
    card = QImage(
        max(1, round(size.width() * dpr)),
        max(1, round(size.height() * dpr)),
        QImage.Format.Format_RGB32,
    )
    card.setDevicePixelRatio(dpr)
    card.fill(palette.color(QPalette.ColorRole.Base))
    local = QRectF(0, 0, size.width(), size.height())
    inner = local.adjusted(PHOTO_INSET, PHOTO_INSET, -PHOTO_INSET, -PHOTO_INSET)
    target = QSize(round(inner.width() * dpr), round(inner.height() * dpr))
    source = cover_source_rect(photo.size(), target)
    scaled = photo.copy(source).scaled(
        target, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    scaled.setDevicePixelRatio(dpr)
    p = QPainter(card)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillPath(card_path(local), card_colour(palette, look.selected))
    p.save()
    p.setClipPath(card_path(inner, RADIUS - PHOTO_INSET))
    p.drawImage(inner.topLeft(), scaled)
    p.restore()
    draw_marks(p, local, palette, look)
    p.end()
    return card


def placeholder_card(
    size: QSize, dpr: float, palette: QPalette, look: Look, failed_text: str | None
) -> QPixmap:
    """The opaque card of a photo still loading, or (with `failed_text`) that failed."""
    card = new_canvas(size, dpr, palette.color(QPalette.ColorRole.Base))
    local = QRectF(0, 0, size.width(), size.height())
    p = QPainter(card)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillPath(card_path(local), card_colour(palette, look.selected))
    draw_placeholder(p, local, palette, failed_text)
    draw_marks(p, local, palette, look)
    p.end()
    return card


def draw_marks(painter: QPainter, rect: QRectF, palette: QPalette, look: Look) -> None:
    """The selection ring or hover outline, and the tick, over a card."""
    if not look.marked:
        return
    highlight = palette.color(QPalette.ColorRole.Highlight)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if look.selected:
        painter.setPen(QPen(highlight, 3.0))
        painter.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), RADIUS, RADIUS)
    elif look.hovered:
        base = palette.color(QPalette.ColorRole.Base)
        painter.setPen(QPen(blend(base, highlight, 0.6), 1.5))
        painter.drawRoundedRect(rect.adjusted(0.75, 0.75, -0.75, -0.75), RADIUS, RADIUS)
    draw_tick(painter, rect, palette, look.selected, look.touch)


def draw_placeholder(
    painter: QPainter, rect: QRectF, palette: QPalette, failed_text: str | None
) -> None:
    """A picture-frame glyph (and, for a photo that could not load, a word under it)."""
    colour = palette.color(QPalette.ColorRole.PlaceholderText)
    centre = rect.center()
    size = min(rect.width(), rect.height()) * 0.28
    frame = QRectF(centre.x() - size / 2, centre.y() - size * 0.4, size, size * 0.8)
    painter.setPen(QPen(colour, 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(frame, 3, 3)
    mountain = QPainterPath()
    mountain.moveTo(frame.left() + size * 0.1, frame.bottom() - size * 0.1)
    mountain.lineTo(frame.left() + size * 0.4, frame.top() + size * 0.35)
    mountain.lineTo(frame.left() + size * 0.6, frame.bottom() - size * 0.25)
    mountain.lineTo(frame.left() + size * 0.72, frame.top() + size * 0.5)
    mountain.lineTo(frame.right() - size * 0.1, frame.bottom() - size * 0.1)
    painter.drawPath(mountain)
    if failed_text:
        text_rect = QRectF(rect.left(), frame.bottom() + 6, rect.width(), 20)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, failed_text
        )


def draw_tick(painter: QPainter, rect: QRectF, palette: QPalette, on: bool, touch: bool) -> None:
    """The round selection badge in the top-right corner; large enough to tap on touch."""
    if touch:
        radius = max(24.0, min(40.0, rect.width() * 0.1))
    else:
        radius = max(9.0, min(13.0, rect.width() * 0.07))
    centre = QPointF(rect.right() - radius - 6, rect.top() + radius + 6)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    if on:
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1.5))
        painter.setBrush(highlight)
    else:
        painter.setPen(QPen(QColor(255, 255, 255, 230), 1.5))
        painter.setBrush(QColor(0, 0, 0, 90))
    painter.drawEllipse(centre, radius, radius)
    if on:
        pen = QPen(palette.color(QPalette.ColorRole.HighlightedText), 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        tick = QPainterPath()
        tick.moveTo(centre.x() - radius * 0.45, centre.y() + radius * 0.02)
        tick.lineTo(centre.x() - radius * 0.1, centre.y() + radius * 0.38)
        tick.lineTo(centre.x() + radius * 0.5, centre.y() - radius * 0.35)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(tick)
