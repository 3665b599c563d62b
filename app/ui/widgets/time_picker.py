"""The time picker: an hour of the event (with its photo count), then "I passed at 10:42".

It only words and collects; `TimeSearch` turns its signals into searches. Times are on
this computer's clock: the service buckets by UTC hour and names no event time zone,
and the note under the picker says so.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from app.core.timeline import HourSlot, TimeWindow
from app.ui.search import SearchMode
from app.ui.text import fill
from app.ui.timeline_session import SlotState

_MINUTE = 60


def zone_name(now: datetime | None = None) -> str:
    """`UTC+02:00`: this computer's offset from UTC right now."""
    offset = (now or datetime.now().astimezone()).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // _MINUTE
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


class TimePicker(QWidget):
    """Signals:
    window_requested(object): a `TimeWindow` around the typed time (find by time).
    widen_requested(): the window on screen should be twice as wide.
    jump_requested(int): go to the gallery page of this Unix time (All photos).
    all_requested(): show the whole gallery from its first page.
    """

    window_requested = Signal(object)
    widen_requested = Signal()
    jump_requested = Signal(int)
    all_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timePicker")
        self._mode = SearchMode.TIME
        self._slots: list[HourSlot] = []
        self._has_timeline = True
        self._state = SlotState.IDLE

        self.hour_picker = QComboBox(self)
        self.hour_picker.setObjectName("timeHourPicker")
        self.hour_picker.setAccessibleName(self.tr("Hour of the event"))
        self.hour_picker.setMinimumContentsLength(16)
        self.hour_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.hour_picker.currentIndexChanged.connect(self._on_hour_changed)
        self.hour_picker.activated.connect(self._on_hour_activated)

        self.time_label = QLabel(self.tr("&I passed at"), self)
        self.time_edit = QTimeEdit(self)
        self.time_edit.setObjectName("timeEdit")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("The time you passed the camera"))
        self.time_edit.editingFinished.connect(self._on_time_entered)
        self.time_label.setBuddy(self.time_edit)

        self.show_button = QPushButton(self)
        self.show_button.setObjectName("timeShowButton")
        self.show_button.clicked.connect(self._on_show)
        self.widen_button = QPushButton(self)
        self.widen_button.setObjectName("timeWidenButton")
        self.widen_button.clicked.connect(self.widen_requested)
        self.all_button = QPushButton(self.tr("Show e&very photo"), self)
        self.all_button.setObjectName("allPhotosButton")
        self.all_button.setAccessibleName(self.tr("Show every photo of the event"))
        self.all_button.clicked.connect(self.all_requested)

        self.note = QLabel(self)
        self.note.setObjectName("timeZoneNote")
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(4)
        layout.addWidget(self.hour_picker, 0, 0)
        layout.addWidget(self.time_label, 0, 1)
        layout.addWidget(self.time_edit, 0, 2)
        layout.addWidget(self.show_button, 0, 3)
        layout.addWidget(self.note, 1, 0, 1, 3)
        layout.addWidget(self.widen_button, 1, 3)  # time: a wider window
        layout.addWidget(self.all_button, 1, 3)  # gallery: from its first page
        layout.setColumnStretch(0, 1)
        self.set_window(None)
        self.set_mode(SearchMode.TIME, has_timeline=True)

    # ------------------------------------------------------------------ API

    def focus_chain(self) -> list[QWidget]:
        """Its controls in Tab order, for the window's chain."""
        return [
            self.hour_picker,
            self.time_edit,
            self.show_button,
            self.widen_button,
            self.all_button,
        ]

    @property
    def slots(self) -> list[HourSlot]:
        return list(self._slots)

    def set_mode(self, mode: SearchMode, *, has_timeline: bool) -> None:
        """TIME: find photos around a time; ALL: the whole gallery, the time a jump."""
        self._mode, self._has_timeline = mode, has_timeline
        gallery = mode is SearchMode.ALL
        self.all_button.setVisible(gallery)
        for widget in (self.hour_picker, self.time_label, self.time_edit, self.show_button):
            widget.setVisible(has_timeline)
        self.widen_button.setVisible(not gallery and has_timeline)
        self.show_button.setText(self.tr("Go to ti&me") if gallery else self.tr("Show &my photos"))
        self.show_button.setAccessibleName(
            self.tr("Go to the photos of this time")
            if gallery
            else self.tr("Show the photos taken around this time")
        )
        self._update_note()

    def set_slots(self, slots: list[HourSlot], *, state: SlotState = SlotState.LOADED) -> None:
        """The event's hours: "19 Apr · 10:00–11:00 · 98 photos", on this clock."""
        self._slots = list(slots)
        self._state = state
        self.hour_picker.clear()
        for slot in self._slots:
            self.hour_picker.addItem(self.slot_text(slot))
        has = bool(self._slots)
        for widget in (self.hour_picker, self.time_edit, self.show_button):
            widget.setEnabled(has)
        if has:  # the busiest hour first: most likely the race itself
            busiest = max(range(len(self._slots)), key=lambda row: self._slots[row].count)
            self.hour_picker.setCurrentIndex(busiest)
        self._update_note()

    def slot_text(self, slot: HourSlot) -> str:
        start = slot.local_start()
        end = start + timedelta(seconds=slot.end - slot.start)
        text = self.tr("%1 · %2–%3 · %n photo(s)", "", slot.count)
        return fill(text, f"{start:%d %b}", f"{start:%H:%M}", f"{end:%H:%M}")

    def set_window(self, window: TimeWindow | None) -> None:
        """The window on screen (None: none): the Widen button offers twice its width."""
        if window is None or not window.can_widen:
            self.widen_button.setText(self.tr("Widen"))
            self.widen_button.setAccessibleName(self.tr("Widen the time window"))
            self.widen_button.setEnabled(False)
            return
        minutes = window.widened().margin_s // _MINUTE
        self.widen_button.setText(fill(self.tr("Widen to ± %1 min"), minutes))
        self.widen_button.setAccessibleName(
            fill(self.tr("Widen the time window to plus or minus %1 minutes"), minutes)
        )
        self.widen_button.setEnabled(True)

    def moment(self) -> int | None:
        """The typed time on the chosen hour's day, as Unix seconds (None: no hours)."""
        row = self.hour_picker.currentIndex()
        if not 0 <= row < len(self._slots):
            return None
        day = self._slots[row].local_start()
        typed = self.time_edit.time()
        # a naive local time, placed by the computer's zone rules on that day (a clock
        # change between the hour's start and the typed minute is then counted right)
        naive = day.replace(hour=typed.hour(), minute=typed.minute(), second=0, tzinfo=None)
        return int(naive.astimezone().timestamp())

    def _shown_day(self) -> datetime | None:
        """The chosen hour's local start: the zone's offset on the event's day, not today."""
        row = self.hour_picker.currentIndex()
        return self._slots[row].local_start() if 0 <= row < len(self._slots) else None

    def choose_slot(self, row: int) -> None:
        """Pick an hour as a click would."""
        self.hour_picker.setCurrentIndex(row)
        self.hour_picker.activated.emit(row)

    def set_time(self, hour: int, minute: int) -> None:
        self.time_edit.setTime(QTime(hour, minute))

    # ------------------------------------------------------------ internals

    def _use_slot(self, row: int) -> None:
        start = self._slots[row].local_start()
        self.time_edit.setTime(QTime(start.hour, start.minute))

    def _on_hour_changed(self, row: int) -> None:
        if 0 <= row < len(self._slots):
            self._use_slot(row)
            self._update_note()  # the zone's offset on that hour's day

    def _on_hour_activated(self, row: int) -> None:
        """Picked by the user: in the gallery, that hour is where to go."""
        if 0 <= row < len(self._slots) and self._mode is SearchMode.ALL:
            self._use_slot(row)
            self._on_show()

    def _on_time_entered(self) -> None:
        if self.time_edit.hasFocus():
            self._on_show()

    def _on_show(self) -> None:
        moment = self.moment()
        if moment is None:
            return
        if self._mode is SearchMode.ALL:
            self.jump_requested.emit(moment)
        else:
            self.window_requested.emit(TimeWindow.around(moment))

    def _update_note(self) -> None:
        if not self._has_timeline:
            text = self.tr("This event has no photo timeline: page through the photos.")
        elif self._state in (SlotState.IDLE, SlotState.LOADING):
            text = self.tr("Loading the hours of the event…")
        elif self._state is SlotState.FAILED:
            text = self.tr("The hours of the event could not be loaded; Retry asks again.")
        elif not self._slots:
            text = self.tr("No photo of this event has a capture time yet.")
        else:
            text = fill(
                self.tr(
                    "Times are on this computer's clock (%1): the service names no event time zone."
                ),
                zone_name(self._shown_day()),
            )
        self.note.setText(text)
        self.note.setToolTip(
            self.tr(
                "The photo service counts photos per UTC hour and does not say which time "
                "zone the event is in, so times are shown in this computer's time zone."
            )
        )
