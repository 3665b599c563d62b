"""The download panel in the bottom dock: overall progress, the photos, the failed list.

The panel knows no engine: it shows what it is told (`batch_started`, `show_progress`,
`batch_finished`, …) and says what the user wants with signals. Dialogs open with
`open()` and answer through their signals, never `exec()`.

Why ~480 lines: it is one widget's layout (header, batch list, failed list, buttons) and
the states of its buttons, which change together; its words and row painting already
live in `download_rows.py`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.downloads import DownloadSummary, ProgressSnapshot
from app.ui.messages import format_bytes
from app.ui.models.download_model import DownloadListModel, DownloadRole, ItemState
from app.ui.models.failed_model import FailedModel
from app.ui.text import fill
from app.ui.widgets.download_rows import (
    DownloadItemDelegate,
    FailedItemDelegate,
    progress_text,
    progress_value,
    short_path,
)

Index = QModelIndex | QPersistentModelIndex

_SCALE = 1000
_FOLDER_TEXT_WIDTH = 360
REPORT_FILTERS = ("CSV (*.csv)", "JSON (*.json)")


class DownloadPanel(QWidget):
    """Overall bar, pause / cancel, the batch's photos, the failed list, folder and report.

    Signals:
        pause_toggled(): Pause (or Resume) was pressed.
        cancel_requested(): Cancel was pressed.
        folder_chosen(str): the user picked another download folder.
        export_requested(str): save the report at this path (.csv or .json).
        retry_failed_requested(): "Retry failed" was pressed.
        dismiss_failed_requested(): "Clear list" was pressed (forget those failures).
    """

    pause_toggled = Signal()
    cancel_requested = Signal()
    folder_chosen = Signal(str)
    export_requested = Signal(str)
    retry_failed_requested = Signal()
    dismiss_failed_requested = Signal()

    def __init__(
        self,
        items: DownloadListModel,
        failed: FailedModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("downloadPanel")
        self.setAccessibleName(self.tr("Downloads"))
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        """How "Open folder" opens it (tests replace it)."""
        self.folder = Path()
        self.folder_dialog: QFileDialog | None = None
        self.report_dialog: QFileDialog | None = None
        self._running = False
        self._paused = False
        self._can_retry = False
        self._finished = False
        self._has_report = False
        self._failed_count = 0
        self._what = ""
        self._build(items, failed)
        self._update_buttons()

    # --------------------------------------------------------------- layout

    def _build(self, items: DownloadListModel, failed: FailedModel) -> None:
        self.summary_label = QLabel(self.tr("Nothing downloaded yet."), self)
        self.summary_label.setObjectName("downloadSummary")
        self.summary_label.setAccessibleName(self.tr("Download status"))
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)

        self.overall = QProgressBar(self)
        self.overall.setObjectName("overallProgress")
        self.overall.setAccessibleName(self.tr("Overall progress"))
        self.overall.setRange(0, _SCALE)
        self.overall.setValue(0)
        self.overall.setTextVisible(True)
        self.overall.setFormat(self.tr("No download running"))
        self.overall.setAlignment(Qt.AlignmentFlag.AlignCenter)

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
        self.pause_button.clicked.connect(self.pause_toggled)
        self.cancel_button.clicked.connect(self.cancel_requested)

        self.list_view = QListView(self)
        self.list_view.setObjectName("downloadList")
        self.list_view.setAccessibleName(self.tr("Photos in this download"))
        self.list_view.setModel(items)
        self.list_view.setItemDelegate(DownloadItemDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.failed_title = QLabel(self)
        self.failed_title.setObjectName("failedTitle")
        self.failed_view = QListView(self)
        self.failed_view.setObjectName("failedList")
        self.failed_view.setAccessibleName(self.tr("Failed photos"))
        self.failed_view.setModel(failed)
        self.failed_view.setItemDelegate(FailedItemDelegate(self.failed_view))
        self.failed_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.failed_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.failed_title.setBuddy(self.failed_view)
        self.retry_button = self._button(
            "retryFailedButton", self.tr("Retry &failed"), self.tr("Retry failed")
        )
        self.retry_button.setToolTip(self.tr("Ask for fresh links for just the failed photos"))
        self.retry_button.clicked.connect(self.retry_failed_requested)
        self.dismiss_button = self._button(
            "dismissFailedButton", self.tr("Clear list"), self.tr("Clear the failed list")
        )
        self.dismiss_button.setToolTip(
            self.tr("Forget these failures, e.g. photos whose original does not exist")
        )
        self.dismiss_button.clicked.connect(self.dismiss_failed_requested)
        self.empty_failed = QLabel(self.tr("No failed photos."), self)
        self.empty_failed.setObjectName("failedEmpty")
        self.empty_failed.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_failed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        failed.modelReset.connect(self._on_failed_model_changed)
        failed.rowsInserted.connect(self._on_failed_model_changed)
        failed.rowsRemoved.connect(self._on_failed_model_changed)

        folder_label = QLabel(self.tr("Save &to"), self)
        self.choose_folder_button = self._button(
            "chooseFolderButton", "", self.tr("Choose the download folder")
        )
        self.choose_folder_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        )
        self.choose_folder_button.clicked.connect(self.choose_folder)
        folder_label.setBuddy(self.choose_folder_button)
        self.open_folder_button = self._button(
            "openFolderButton", self.tr("&Open folder"), self.tr("Open folder")
        )
        self.open_folder_button.setToolTip(self.tr("Show the downloaded photos"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.export_button = self._button(
            "exportReportButton", self.tr("E&xport report…"), self.tr("Export report")
        )
        self.export_button.setToolTip(
            self.tr("Save a receipt of this download: file, size, SHA-256, status (CSV or JSON)")
        )
        self.export_button.clicked.connect(self.choose_report_file)

        # overall line
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.overall, 1)
        top.addWidget(self.pause_button)
        top.addWidget(self.cancel_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_view)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(4)
        head = QHBoxLayout()
        head.addWidget(self.failed_title, 1)
        head.addWidget(self.retry_button)
        head.addWidget(self.dismiss_button)
        right_layout.addLayout(head)
        right_layout.addWidget(self.failed_view, 1)
        right_layout.addWidget(self.empty_failed, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._split_done = False
        items.dataChanged.connect(self._on_items_changed)

        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(folder_label)
        bottom.addWidget(self.choose_folder_button)
        bottom.addWidget(self.open_folder_button)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.summary_label)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        chain: list[QWidget] = [
            self.pause_button,
            self.cancel_button,
            self.list_view,
            self.retry_button,
            self.dismiss_button,
            self.failed_view,
            self.choose_folder_button,
            self.open_folder_button,
            self.export_button,
        ]
        self.overall.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self._on_failed_model_changed()

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._split_done and self.splitter.width() > 0:
            # 3:2 from the start (stretch factors only share out space beyond size hints)
            self._split_done = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 3 // 5, width - width * 3 // 5])

    def sizeHint(self) -> QSize:
        return QSize(900, 250)

    def minimumSizeHint(self) -> QSize:
        return QSize(480, 190)

    # ------------------------------------------------------------------ API

    def set_folder(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        shown = short_path(self.folder)
        metrics = self.choose_folder_button.fontMetrics()
        self.choose_folder_button.setText(
            metrics.elidedText(shown, Qt.TextElideMode.ElideMiddle, _FOLDER_TEXT_WIDTH)
        )
        self.choose_folder_button.setToolTip(
            self.tr("Photos are saved in %1. Click to choose another folder.").replace(
                "%1", str(self.folder)
            )
        )
        self.choose_folder_button.setAccessibleDescription(str(self.folder))

    def batch_started(self, what: str) -> None:
        self._running = True
        self._paused = False
        self._finished = False
        self._what = what
        self._set_summary(fill(self.tr("Downloading %1 to %2…"), what, short_path(self.folder)))
        self.overall.setValue(0)
        self._set_bar_text(self.tr("Starting…"))
        self._update_buttons()

    def show_progress(self, snapshot: ProgressSnapshot) -> None:
        if not self._running:
            return
        self.overall.setValue(progress_value(snapshot))
        self._set_bar_text(progress_text(snapshot))

    def show_waiting(self, text: str) -> None:
        """The batch has not started moving: say why on the bar (until progress comes)."""
        if self._running:
            self._set_bar_text(text)

    def set_paused(self, paused: bool) -> None:
        self._paused = paused
        if self._running:
            text = self.tr("Paused: %1 to %2. Resume to go on.") if paused else ""
            text = text or self.tr("Downloading %1 to %2…")
            self._set_summary(fill(text, self._what, short_path(self.folder)))
        self._update_buttons()

    def batch_ended(self) -> None:
        """The batch ended without a summary (an unexpected error, reported elsewhere)."""
        if self._running:
            self._running = False
            self._paused = False
            self._finished = True
            self._set_summary(self.tr("The download stopped before the end."))
            self._set_bar_text(self.tr("Stopped"))
            self._update_buttons()

    def batch_finished(self, summary: DownloadSummary, text: str) -> None:
        self._running = False
        self._paused = False
        self._finished = True
        self._has_report = True
        self._set_summary(text)
        if summary.complete or not summary.results:
            self.overall.setValue(_SCALE)
        ok = len(summary.downloaded) + len(summary.already_there)
        bar = fill(self.tr("%1 of %2 saved"), ok, len(summary.results))
        if summary.bytes_received:
            bar += " · " + format_bytes(summary.bytes_received)
        self._set_bar_text(bar)
        self._update_buttons()

    def set_can_retry(self, can_retry: bool) -> None:
        self._can_retry = can_retry
        self._update_buttons()

    def set_has_report(self, has_report: bool) -> None:
        self._has_report = has_report
        self._update_buttons()

    @property
    def summary(self) -> str:
        return self.summary_label.text()

    # -------------------------------------------------------------- actions

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose the download folder"), str(self.folder))
        dialog.setObjectName("folderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._on_folder_dialog_selected)
        dialog.destroyed.connect(self._on_folder_dialog_gone)
        self.folder_dialog = dialog
        dialog.open()

    def _on_folder_dialog_selected(self, path: str) -> None:
        if path:
            self.folder_chosen.emit(path)

    def _on_folder_dialog_gone(self) -> None:
        self.folder_dialog = None

    def open_folder(self) -> None:
        self.open_url(QUrl.fromLocalFile(str(self.folder)))

    def choose_report_file(self) -> None:
        suggested = self.folder / "race-photos-report.csv"
        dialog = QFileDialog(self, self.tr("Export the download report"), str(suggested))
        dialog.setObjectName("reportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(list(REPORT_FILTERS))
        dialog.setDefaultSuffix("csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filterSelected.connect(self._on_report_filter_selected)
        dialog.fileSelected.connect(self._on_report_dialog_selected)
        dialog.destroyed.connect(self._on_report_dialog_gone)
        self.report_dialog = dialog
        dialog.open()

    def _on_report_filter_selected(self, name_filter: str) -> None:
        if self.report_dialog is not None:
            self.report_dialog.setDefaultSuffix("json" if "json" in name_filter else "csv")

    def _on_report_dialog_selected(self, path: str) -> None:
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".csv", ".json"):
            target = target.with_name(target.name + ".csv")
        self.export_requested.emit(str(target))

    def _on_report_dialog_gone(self) -> None:
        self.report_dialog = None

    # -------------------------------------------------------------- helpers

    def _set_summary(self, text: str) -> None:
        self.summary_label.setText(text)
        self.summary_label.setToolTip(text)
        self.summary_label.setAccessibleDescription(text)

    def _set_bar_text(self, text: str) -> None:
        self.overall.setFormat(text.replace("%", "%%"))
        self.overall.setAccessibleDescription(text)

    def _on_items_changed(self, first: QModelIndex, _last: QModelIndex, roles: list[int]) -> None:
        """Keep the photo that just started in view, unless the user is in the list."""
        if DownloadRole.STATE not in roles or self.list_view.hasFocus():
            return
        if first.data(DownloadRole.STATE) == ItemState.DOWNLOADING:
            self.list_view.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)

    def _on_failed_model_changed(self, *_args: object) -> None:
        count = self.failed_view.model().rowCount()
        self.failed_title.setText(
            fill(self.tr("Failed (%1)"), count) if count else self.tr("Failed")
        )
        self.failed_view.setVisible(count > 0)
        self.empty_failed.setVisible(count == 0)
        self._failed_count = count
        if not self._running and not self._finished:
            self._set_summary(self._idle_text())
        self._update_buttons()

    def _idle_text(self) -> str:
        """Before the first batch of this session: what an earlier one left behind."""
        if self._failed_count == 1:
            return self.tr("1 photo could not be fetched in an earlier download.")
        if self._failed_count:
            return self.tr("%1 photos could not be fetched in an earlier download.").replace(
                "%1", str(self._failed_count)
            )
        return self.tr("Nothing downloaded yet.")

    def _update_buttons(self) -> None:
        running = self._running
        self.pause_button.setEnabled(running)
        self.cancel_button.setEnabled(running)
        paused = running and self._paused
        self.pause_button.setText(self.tr("Res&ume") if paused else self.tr("Pa&use"))
        self.pause_button.setAccessibleName(self.tr("Resume") if paused else self.tr("Pause"))
        self.choose_folder_button.setEnabled(not running)
        used = self._finished or self._failed_count > 0
        self.open_folder_button.setEnabled(used and not running)
        self.export_button.setEnabled(self._has_report and not running)
        self.retry_button.setEnabled(self._can_retry and not running)
        self.dismiss_button.setEnabled(self._failed_count > 0 and not running)
