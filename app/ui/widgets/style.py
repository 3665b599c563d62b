"""Colours derived from the system palette, so light and dark themes both look right."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

ERROR_TINT = QColor(211, 47, 47)
WARNING_TINT = QColor(237, 160, 0)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def blend(base: QColor, tint: QColor, amount: float) -> QColor:
    """`amount` of `tint` over `base` (0 = base, 1 = tint)."""
    a = max(0.0, min(1.0, amount))
    return QColor(
        round(base.red() * (1 - a) + tint.red() * a),
        round(base.green() * (1 - a) + tint.green() * a),
        round(base.blue() * (1 - a) + tint.blue() * a),
    )


def readable_tint(palette: QPalette, tint: QColor) -> QColor:
    """The tint as text colour: darker on light windows, lighter on dark ones."""
    return blend(tint, QColor("white"), 0.45) if is_dark(palette) else tint.darker(125)
