"""The download panel's bar line: overall bar, Pause / Cancel, Hide details and close.

It is all that stays when the panel is folded, so it owns the fold button's words and
whether it may unfold (not when the photos would lose their rows).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStyle, QWidget

from app.ui.widgets.overall_bar import OverallBar


class BarLine(QWidget):
    """Signals: pause_toggled(), cancel_requested(), collapse_toggled(), close_requested()."""

    pause_toggled = Signal()
    cancel_requested = Signal()
    collapse_toggled = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overall = OverallBar(self)
        self.overall.setObjectName("overallProgress")
        self.overall.setAccessibleName(self.tr("Overall progress"))
        self.overall.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pause_button = self._button("pauseButton", self.tr("Pa&use"), self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause the download; Resume goes on where it was"))
        width = max(
            self.pause_button.fontMetrics().horizontalAdvance(t)
            for t in (self.tr("Pause"), self.tr("Resume"))
        )
        self.pause_button.setMinimumWidth(width + 40)
        self.cancel_button = self._button("cancelButton", self.tr("&Cancel"), self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop the download; photos already saved stay in the folder")
        )
        self.collapse_button = self._button("collapseDownloadsButton", "", "")
        self.close_button = self._button("closeDownloadsButton", "", self.tr("Close downloads"))
        self.close_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)
        )
        self.close_button.setToolTip(self.tr("Close the download panel (downloads go on)"))
        self.pause_button.clicked.connect(self.pause_toggled)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.collapse_button.clicked.connect(self.collapse_toggled)
        self.close_button.clicked.connect(self.close_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.overall, 1)
        for button in (
            self.pause_button,
            self.cancel_button,
            self.collapse_button,
            self.close_button,
        ):
            layout.addWidget(button)
        self.show_state(running=False, paused=False, collapsed=False, can_expand=True)

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    def line_height(self) -> int:
        return max(self.overall.sizeHint().height(), self.pause_button.sizeHint().height())

    def show_state(self, *, running: bool, paused: bool, collapsed: bool, can_expand: bool) -> None:
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        # folded and idle: Pause and Cancel only take room
        self.pause_button.setVisible(running or not collapsed)
        self.cancel_button.setVisible(running or not collapsed)
        paused = running and paused
        self.pause_button.setText(self.tr("Res&ume") if paused else self.tr("Pa&use"))
        self.pause_button.setAccessibleName(self.tr("Resume") if paused else self.tr("Pause"))
        button = self.collapse_button
        if collapsed:
            button.setText(self.tr("Show details"))
            button.setAccessibleName(self.tr("Show details"))
            button.setEnabled(can_expand)
            button.setToolTip(
                self.tr("Show the photos of this download and the failed list")
                if can_expand
                else self.tr("No room: make the window taller or the photos smaller")
            )
        else:
            button.setText(self.tr("Hide details"))
            button.setAccessibleName(self.tr("Hide details"))
            button.setEnabled(True)
            button.setToolTip(self.tr("Fold the panel to its progress bar"))
