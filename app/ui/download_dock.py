"""`DownloadDock`: the download panel in the window's bottom dock, wired to its controller.

The dock opens when a batch starts, not at start-up: a failed list left by an earlier
run is offered by a small link in the selection bar ("1 earlier failure") that opens
it. It can be folded or closed (the link then brings it back) and never takes the
photo grid below two rows (`DockRoom`). The batch-end notice goes to the notifier; a
changed folder is remembered in the settings; the first download asks where to save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QListView, QMainWindow, QWidget

from app.core.downloads import DownloadSummary
from app.ui.dock_room import DockRoom
from app.ui.download_words import summary_text
from app.ui.downloads import DownloadController
from app.ui.messages import Level
from app.ui.models.download_model import DownloadRole
from app.ui.models.failed_model import FailedRole
from app.ui.notify import Notifier
from app.ui.row_thumbnails import RowThumbnails
from app.ui.settings_saver import SettingsSaver
from app.ui.thumbnails import ThumbnailLoader
from app.ui.widgets.download_panel import DownloadPanel
from app.ui.widgets.message_bar import MessageBar
from app.ui.widgets.selection_bar import SelectionBar


class DownloadDock(QObject):
    """Creates the panel and the dock and keeps them in step with `downloads`."""

    def __init__(
        self,
        window: QMainWindow,
        downloads: DownloadController,
        *,
        notifier: Notifier,
        message_bar: MessageBar,
        saver: SettingsSaver,
        grid: QListView,
        selection_bar: SelectionBar,
        thumbnails: ThumbnailLoader,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.downloads = downloads
        self.notifier = notifier
        self.saver = saver
        self.selection_bar = selection_bar
        self.panel = DownloadPanel(downloads.items, downloads.failed)
        self.panel.set_folder(downloads.folder)
        self.dock = QDockWidget(self.tr("Downloads"), window)
        self.dock.setObjectName("downloadDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setTitleBarWidget(QWidget(self.dock))  # the panel's bar line has the buttons
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.room = DockRoom(window, self.dock, self.panel, grid)
        self.pictures = RowThumbnails(thumbnails, downloads.runner, self)
        self.pictures.follow(downloads.items, DownloadRole.IMAGE_ID)
        self.pictures.follow(downloads.failed, FailedRole.IMAGE_ID)
        self.panel.show_pictures(self.pictures.pixmap)
        self.pictures.changed.connect(self.panel.repaint_lists)
        if downloads.folder_question.chooser is None:
            downloads.folder_question.chooser = self.panel.ask_folder

        panel = self.panel
        panel.pause_toggled.connect(downloads.toggle_pause)
        panel.cancel_requested.connect(downloads.cancel)
        panel.retry_failed_requested.connect(downloads.retry_failed)
        panel.dismiss_failed_requested.connect(downloads.dismiss_failed)
        panel.folder_chosen.connect(downloads.set_folder)
        panel.export_requested.connect(downloads.export_report)
        panel.close_requested.connect(self.hide)
        selection_bar.downloads_link_clicked.connect(self.show)
        downloads.batch_started.connect(self._on_batch_started)
        downloads.progress_changed.connect(panel.show_progress)
        downloads.batch_waiting.connect(panel.show_waiting)
        downloads.paused_changed.connect(panel.set_paused)
        downloads.batch_finished.connect(self._on_batch_finished)
        downloads.running_changed.connect(self._on_running_changed)
        downloads.failed_changed.connect(self._on_failed_changed)
        downloads.folder_changed.connect(self._on_folder_changed)
        downloads.folder_shown.connect(self.panel.set_folder)
        downloads.message.connect(message_bar.show_message)

    def show(self) -> None:
        if not self.dock.isVisible():
            self.room.show()
        self._update_link()

    def hide(self) -> None:
        self.dock.hide()
        self._update_link()

    def _update_link(self) -> None:
        """The link stands in for the closed dock: what it would show, in a few words."""
        self.selection_bar.set_downloads_link(
            shown=not self.dock.isVisible(),
            failed=self.downloads.failed.rowCount(),
            used=self.panel.used,
        )

    def _on_batch_started(self, what: str) -> None:
        self.panel.batch_started(what)
        self.show()

    def _on_batch_finished(self, summary: DownloadSummary) -> None:
        text = summary_text(summary)
        self.panel.batch_finished(summary, text)
        self._update_link()
        if self.dock.isVisible() and QApplication.activeWindow() is self.window:
            return  # the panel in front says it already; a message bar would take a row
        level = Level.INFO if summary.complete else Level.WARNING
        self.notifier.notify(self.tr("Download finished"), text, level)

    def _on_running_changed(self, running: bool) -> None:
        if not running:
            self.panel.batch_ended()  # only if no summary said it ended
        self.panel.set_can_retry(self.downloads.can_retry)

    def _on_failed_changed(self, _count: int) -> None:
        self.panel.set_can_retry(self.downloads.can_retry)
        if not self.downloads.running:
            self.panel.set_has_report(self.downloads.report_summary() is not None)
        self._update_link()

    def _on_folder_changed(self, folder: str) -> None:
        self.panel.set_folder(folder)
        self.saver.settings.download_folder = str(Path(folder))
        self.saver.changed()
