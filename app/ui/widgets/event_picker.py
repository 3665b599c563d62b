"""The event picker: a combo box that says which event the user chose, and only then.

Filling it or following the open event never echoes back as a choice, so the window
needs no "filling" flag of its own. In a narrow window the event's name ends in "…"
(a plain combo box cuts it off mid-letter) and the whole name is its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

from app.ui.wording import event_label

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.models import EventListItem


class EventPicker(QComboBox):
    """Signals: event_chosen(int): the user picked this event."""

    event_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventPicker")
        self.setAccessibleName(self.tr("Event"))
        self.setMinimumContentsLength(20)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setPlaceholderText(self.tr("Loading events…"))
        self.currentIndexChanged.connect(self._on_index_changed)

    def set_events(self, events: list[EventListItem], current: int | None) -> None:
        with QSignalBlocker(self):
            self.clear()
            for event in events:
                self.addItem(event_label(event), event.event_id)
            if current is not None:
                self.setCurrentIndex(self.findData(current))
            elif events:
                self.setCurrentIndex(0)
        self._name_in_tooltip()
        if not events:
            self.setPlaceholderText(self.tr("No events"))

    def set_unavailable(self, offline: bool) -> None:
        """The event list could not be loaded: say so instead of "Loading events…"."""
        if self.count() == 0:
            self.setPlaceholderText(
                self.tr("Not connected") if offline else self.tr("Events not loaded")
            )

    def show_event(self, event_id: int) -> None:
        """Follow the open event without it counting as a choice."""
        index = self.findData(event_id)
        if index >= 0 and index != self.currentIndex():
            with QSignalBlocker(self):
                self.setCurrentIndex(index)
            self._name_in_tooltip()

    def shown_text(self) -> str:
        """What the field shows: the event's name elided to the field's width, or the
        placeholder ("Loading events…") while no event is chosen."""
        if self.currentIndex() < 0:
            return self.placeholderText()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self._elided(option)

    def paintEvent(self, event: QPaintEvent) -> None:
        """QComboBox's own painting, with the current text elided to the field's width
        (and QComboBox's own, placeholder included, while no event is chosen)."""
        if self.currentIndex() < 0:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self._elided(option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def _elided(self, option: QStyleOptionComboBox) -> str:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        # the label is drawn 1 px in from each side of the field
        return self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width() - 2
        )

    def _name_in_tooltip(self) -> None:
        """The whole name, for when the field shows it elided."""
        self.setToolTip(self.currentText())

    def _on_index_changed(self, index: int) -> None:
        self._name_in_tooltip()
        event_id = self.itemData(index) if index >= 0 else None
        if isinstance(event_id, int):
            self.event_chosen.emit(event_id)
