"""The download panel's failed list: its title, "Retry failed", "Clear list" and why
retrying is off when no listed photo can succeed.

The pane hides itself while the list is empty (the panel then gives the batch's list the
whole width) and says what it holds through `count_changed`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.models.failed_model import FailedModel
from app.ui.text import fill
from app.ui.widgets.download_rows import FailedItemDelegate


class FailedPane(QWidget):
    """Signals:
    retry_requested(): "Retry failed" was pressed.
    dismiss_requested(): "Clear list" was pressed.
    count_changed(int): the list now holds this many photos.
    """

    retry_requested = Signal()
    dismiss_requested = Signal()
    count_changed = Signal(int)

    def __init__(self, failed: FailedModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("failedPane")
        self.model = failed
        self.title = QLabel(self)
        self.title.setObjectName("failedTitle")
        self.view = QListView(self)
        self.view.setObjectName("failedList")
        self.view.setAccessibleName(self.tr("Failed photos"))
        self.view.setModel(failed)
        self.delegate = FailedItemDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.title.setBuddy(self.view)
        self.retry_button = _button(self, "retryFailedButton", self.tr("Retry &failed"))
        self.retry_button.setAccessibleName(self.tr("Retry failed"))
        self.retry_button.clicked.connect(self.retry_requested)
        self.dismiss_button = _button(self, "dismissFailedButton", self.tr("Clear list"))
        self.dismiss_button.setAccessibleName(self.tr("Clear the failed list"))
        self.dismiss_button.setToolTip(
            self.tr("Forget these failures, e.g. photos whose original does not exist")
        )
        self.dismiss_button.clicked.connect(self.dismiss_requested)
        self.note = QLabel(self)
        self.note.setObjectName("retryNote")
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.retry_button)
        head.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        for signal in (failed.modelReset, failed.rowsInserted, failed.rowsRemoved):
            signal.connect(self._on_model_changed)
        failed.dataChanged.connect(self._on_model_changed)
        self._busy = False
        self._on_model_changed()

    @property
    def count(self) -> int:
        return self.model.rowCount()

    def set_busy(self, busy: bool) -> None:
        """A batch runs: the list follows it, its buttons wait."""
        self._busy = busy
        self._update_buttons()

    def _on_model_changed(self, *_args: object) -> None:
        count = self.count
        self.title.setText(fill(self.tr("Failed (%1)"), count) if count else self.tr("Failed"))
        self.setVisible(count > 0)
        self._update_buttons()
        self.count_changed.emit(count)

    def _update_buttons(self) -> None:
        count = self.count
        hopeless = count > 0 and not self.model.can_any_succeed()
        self.retry_button.setEnabled(count > 0 and not hopeless and not self._busy)
        self.dismiss_button.setEnabled(count > 0 and not self._busy)
        clips_note = self.tr(
            "Video clips are fetched again with Download clips in the Video clips panel "
            "(clips already saved are skipped)."
        )
        if hopeless and self.model.only_clips():
            self.retry_button.setToolTip(clips_note)
            self.note.setText(clips_note)
        elif hopeless:
            reason = self.tr(
                "Retrying cannot help: the server has no original for these photos. "
                "Clear the list to forget them."
            )
            self.retry_button.setToolTip(reason)
            self.note.setText(reason)
        else:
            self.retry_button.setToolTip(self.tr("Ask for fresh links for just the failed photos"))
            self.note.setText(clips_note if self.model.has_clips() else "")
        self.note.setVisible(bool(self.note.text()))


def _button(parent: QWidget, name: str, text: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    return button
