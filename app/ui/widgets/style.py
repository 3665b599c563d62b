"""Colours derived from the system palette, so light and dark themes both look right,
and the style that draws a focus ring in them."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

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


_Element = QStyle.PrimitiveElement
_Complex = QStyle.ComplexControl
_RING_AFTER = (_Element.PE_PanelButtonCommand, _Element.PE_PanelLineEdit)
_RING_AROUND = (_Complex.CC_ComboBox, _Complex.CC_Slider, _Complex.CC_SpinBox)
RING_WIDTH = 2.0


def focus_ring_colour(palette: QPalette) -> QColor:
    """The palette's accent, lifted on dark windows so it stands out from dark buttons."""
    accent = palette.color(QPalette.ColorRole.Highlight)
    return accent.lighter(135) if is_dark(palette) else accent


class FocusRingStyle(QProxyStyle):
    """The platform style with a focus ring you can see.

    Fusion marks the focused button or field with a 1 px tint of its border, which is
    easy to miss; keyboard users need to see where they are. This draws a 2 px ring in
    the accent colour over buttons, fields, pickers and the size slider that have focus
    (Fusion's own focus rectangle, for check boxes, is already as strong).
    """

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _RING_AFTER and _has_focus(option):
            self._ring(painter, option)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _RING_AROUND and _has_focus(option):
            self._ring(painter, option)

    @staticmethod
    def _ring(painter: QPainter, option: QStyleOption) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(focus_ring_colour(option.palette), RING_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = RING_WIDTH / 2 + 1
        painter.drawRoundedRect(QRectF(option.rect).adjusted(half, half, -half, -half), 3, 3)
        painter.restore()


def _has_focus(option: QStyleOption) -> bool:
    state = option.state
    return bool(state & QStyle.StateFlag.State_HasFocus) and bool(
        state & QStyle.StateFlag.State_Enabled
    )
