"""The download panel in the bottom dock: overall progress, the photos, the failed list.

The panel knows no engine: it shows what it is told (`batch_started`, `show_progress`,
`batch_finished`, …) and says what the user wants with signals. It takes only the room
it needs: "Hide details" folds it to its one bar line, the close button hides it, and
the failed pane is there only while something failed. Its parts live in their own
modules: the bar line (`bar_line`, `overall_bar`), the failed pane (`failed_pane`) and
the folder row with its dialogs (`folder_row`, `panel_dialogs`).
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.downloads import DownloadSummary, ProgressSnapshot
from app.ui.download_folder import FolderAnswer
from app.ui.messages import format_bytes
from app.ui.models.download_model import DownloadListModel, DownloadRole, ItemState
from app.ui.models.failed_model import FailedModel
from app.ui.text import fill
from app.ui.widgets.bar_line import BarLine
from app.ui.widgets.download_rows import (
    DownloadItemDelegate,
    Pictures,
    progress_text,
    short_path,
)
from app.ui.widgets.failed_pane import FailedPane
from app.ui.widgets.folder_row import FolderRow
from app.ui.widgets.overall_bar import BarParts


class DownloadPanel(QWidget):
    """Overall bar, pause / cancel, the batch's photos, the failed list, folder and report.

    Signals:
        pause_toggled(): Pause (or Resume) was pressed.
        cancel_requested(): Cancel was pressed.
        folder_chosen(str): the user picked another download folder.
        export_requested(str): save the report at this path (.csv or .json).
        retry_failed_requested(): "Retry failed" was pressed.
        dismiss_failed_requested(): "Clear list" was pressed (forget those failures).
        close_requested(): the close button was pressed (hide the panel).
        collapsed_changed(bool): the details were folded away or shown again.
    """

    pause_toggled = Signal()
    cancel_requested = Signal()
    folder_chosen = Signal(str)
    export_requested = Signal(str)
    retry_failed_requested = Signal()
    dismiss_failed_requested = Signal()
    close_requested = Signal()
    collapsed_changed = Signal(bool)

    def __init__(
        self,
        items: DownloadListModel,
        failed: FailedModel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("downloadPanel")
        self.setAccessibleName(self.tr("Downloads"))
        self.items = items
        self._running = False
        self._paused = False
        self._can_retry = False
        self._finished = False
        self._has_report = False
        self._collapsed = False
        self._can_expand = True
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

        self.bar_line = BarLine(self)
        self.overall = self.bar_line.overall
        self.pause_button = self.bar_line.pause_button
        self.cancel_button = self.bar_line.cancel_button
        self.collapse_button = self.bar_line.collapse_button
        self.close_button = self.bar_line.close_button
        self._set_bar_text(self.tr("No download running"))
        self.bar_line.pause_toggled.connect(self.pause_toggled)
        self.bar_line.cancel_requested.connect(self.cancel_requested)
        self.bar_line.collapse_toggled.connect(self.toggle_collapsed)
        self.bar_line.close_requested.connect(self.close_requested)

        self.list_view = QListView(self)
        self.list_view.setObjectName("downloadList")
        self.list_view.setAccessibleName(self.tr("Photos in this download"))
        self.list_view.setModel(items)
        self.row_delegate = DownloadItemDelegate(self.list_view)
        self.list_view.setItemDelegate(self.row_delegate)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.failed_pane = FailedPane(failed, self)
        self.failed_title = self.failed_pane.title
        self.failed_view = self.failed_pane.view
        self.retry_button = self.failed_pane.retry_button
        self.dismiss_button = self.failed_pane.dismiss_button
        self.failed_pane.retry_requested.connect(self.retry_failed_requested)
        self.failed_pane.dismiss_requested.connect(self.dismiss_failed_requested)
        self.failed_pane.count_changed.connect(self._on_failed_count)

        self.folder_row = FolderRow(self)
        self.choose_folder_button = self.folder_row.choose_folder_button
        self.open_folder_button = self.folder_row.open_folder_button
        self.export_button = self.folder_row.export_button
        self.folder_row.folder_chosen.connect(self.folder_chosen)
        self.folder_row.export_requested.connect(self.export_requested)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_view)
        self.splitter.addWidget(self.failed_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self._split_done = False
        self.splitter.installEventFilter(self)
        self._failed_shown = self.failed_pane.count > 0
        items.dataChanged.connect(self._on_items_changed)

        self.details = QWidget(self)
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(6)
        details.addWidget(self.splitter, 1)
        details.addWidget(self.folder_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.bar_line)
        layout.addWidget(self.details, 1)

        chain: list[QWidget] = [
            self.pause_button,
            self.cancel_button,
            self.collapse_button,
            self.close_button,
            self.list_view,
            self.retry_button,
            self.dismiss_button,
            self.failed_view,
            self.choose_folder_button,
            self.open_folder_button,
            self.export_button,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The splitter's first real size (once shown) gets the 3:2 split."""
        resized = watched is self.splitter and event.type() == QEvent.Type.Resize
        if resized and not self._split_done:
            self._split()
        return False

    def sizeHint(self) -> QSize:
        return QSize(900, 250 if not self._collapsed else self.collapsed_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(480, self.collapsed_height() if self._collapsed else 150)

    def collapsed_height(self) -> int:
        """The one bar line, with the panel's margins."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        return self.bar_line.line_height() + margins.top() + margins.bottom()

    # ------------------------------------------------------------ collapse

    @property
    def collapsed(self) -> bool:
        return self._collapsed

    def set_collapsed(self, collapsed: bool) -> None:
        """Folded: only the bar line (its tooltip carries the summary)."""
        if collapsed == self._collapsed:
            return
        self._collapsed = collapsed
        self.details.setVisible(not collapsed)
        self.summary_label.setVisible(not collapsed)
        self._update_buttons()
        self.updateGeometry()
        self.collapsed_changed.emit(collapsed)

    def toggle_collapsed(self) -> None:
        self.set_collapsed(not self._collapsed)

    def set_can_expand(self, can: bool) -> None:
        """Whether there is room for the details without the photos losing their rows."""
        self._can_expand = can
        self._update_buttons()

    # ------------------------------------------------------------------ API

    def set_folder(self, folder: str | Path) -> None:
        self.folder_row.set_folder(folder)

    def ask_folder(self, start: Path, answer: FolderAnswer) -> None:
        """The first download's question (a folder dialog proposing `start`)."""
        self.folder_row.ask_folder(start, answer)

    @property
    def folder(self) -> Path:
        return self.folder_row.folder

    @property
    def folder_dialog(self) -> QFileDialog | None:
        return self.folder_row.folder_dialog

    @property
    def report_dialog(self) -> QFileDialog | None:
        return self.folder_row.report_dialog

    def batch_started(self, what: str) -> None:
        self._running = True
        self._paused = False
        self._finished = False
        self._what = what
        self._set_summary(fill(self.tr("Downloading %1 to %2…"), what, short_path(self.folder)))
        self.overall.reset_parts()
        self._set_bar_text(self.tr("Starting…"))
        self._update_buttons()

    def show_progress(self, snapshot: ProgressSnapshot) -> None:
        if not self._running:
            return
        tally = self.items.tally()
        total = max(snapshot.items_total or 0, tally.rows)
        self.overall.set_parts(BarParts(tally.saved, tally.failed, total))
        counted = dataclasses.replace(
            snapshot,
            items_finished=max(snapshot.items_finished, tally.finished),
            items_total=total if snapshot.items_total is not None else None,
        )
        self._set_bar_text(progress_text(counted))

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
            self.overall.set_outcome("stopped")
            self._set_bar_text(self.tr("Stopped"))
            self._update_buttons()

    def batch_finished(self, summary: DownloadSummary, text: str) -> None:
        self._running = False
        self._paused = False
        self._finished = True
        self._has_report = True
        self._set_summary(text)
        ok = len(summary.downloaded) + len(summary.already_there)
        failed = len(summary.failed)
        total = len(summary.results)
        self.overall.set_parts(BarParts(ok, failed, total) if total else BarParts(1, 0, 1))
        if failed:
            self.overall.set_outcome("failed")
        else:
            self.overall.set_outcome("complete" if summary.complete else "stopped")
        bar = fill(self.tr("%1 of %2 saved"), ok, total)
        if failed:
            bar += " · " + self.tr("%n failed", "", failed)
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

    def show_pictures(self, pictures: Pictures) -> None:
        """Each row and failed entry shows its photo's small picture, from `pictures`."""
        self.row_delegate.pictures = pictures
        self.failed_pane.delegate.pictures = pictures

    def repaint_lists(self) -> None:
        self.list_view.viewport().update()
        self.failed_view.viewport().update()

    @property
    def summary(self) -> str:
        return self.summary_label.text()

    @property
    def used(self) -> bool:
        """A batch ran in this session (the panel has something of its own to show)."""
        return self._running or self._finished

    # -------------------------------------------------------------- helpers

    def _set_summary(self, text: str) -> None:
        self.summary_label.setText(text)
        self.summary_label.setToolTip(text)
        self.summary_label.setAccessibleDescription(text)
        self.overall.setToolTip(text)

    def _set_bar_text(self, text: str) -> None:
        self.overall.setFormat(text.replace("%", "%%"))
        self.overall.setAccessibleDescription(text)

    def _on_items_changed(self, first: QModelIndex, _last: QModelIndex, roles: list[int]) -> None:
        """Keep the photo that just started in view, unless the user is in the list."""
        if DownloadRole.STATE not in roles or self.list_view.hasFocus():
            return
        if first.data(DownloadRole.STATE) == ItemState.DOWNLOADING:
            self.list_view.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)

    def _split(self) -> None:
        """3:2 between the batch and the failed list (stretch factors only share out
        space beyond the size hints, so a pane that appears would take what it likes)."""
        width = self.splitter.width()
        self._split_done = width > 0 and self.splitter.isVisible()
        if width > 0:
            self.splitter.setSizes([width * 3 // 5, width - width * 3 // 5])

    def _on_failed_count(self, count: int) -> None:
        if (count > 0) != self._failed_shown:
            self._failed_shown = count > 0
            self._split()
        if not self._running and not self._finished:
            self._set_summary(self._idle_text(count))
        self._update_buttons()

    def _idle_text(self, count: int) -> str:
        """Before the first batch of this session: what an earlier one left behind."""
        if count == 1:
            return self.tr("1 photo could not be fetched in an earlier download.")
        if count:
            return self.tr("%1 photos could not be fetched in an earlier download.").replace(
                "%1", str(count)
            )
        return self.tr("Nothing downloaded yet.")

    def _update_buttons(self) -> None:
        running = self._running
        self.bar_line.show_state(
            running=running,
            paused=self._paused,
            collapsed=self._collapsed,
            can_expand=self._can_expand,
        )
        used = self._finished or self.failed_pane.count > 0
        self.folder_row.show_state(running=running, used=used, has_report=self._has_report)
        self.failed_pane.set_busy(running)
        self.retry_button.setEnabled(self.retry_button.isEnabled() and self._can_retry)
