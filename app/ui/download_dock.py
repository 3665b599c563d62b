"""`DownloadDock`: the download panel in the window's bottom dock, wired to its controller.

The dock stays hidden until a batch starts or the folder holds a failed list; the
panel shows the batch, the failed list and the controls; the batch-end notice goes to
the notifier; a changed folder is remembered in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from app.core.downloads import DownloadSummary
from app.ui.download_words import summary_text
from app.ui.downloads import DownloadController
from app.ui.messages import Level
from app.ui.notify import Notifier
from app.ui.settings_saver import SettingsSaver
from app.ui.widgets.download_panel import DownloadPanel
from app.ui.widgets.message_bar import MessageBar


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
    ) -> None:
        super().__init__(window)
        self.window = window
        self.downloads = downloads
        self.notifier = notifier
        self.saver = saver
        self.panel = DownloadPanel(downloads.items, downloads.failed)
        self.panel.set_folder(downloads.folder)
        self.dock = QDockWidget(self.tr("Downloads"), window)
        self.dock.setObjectName("downloadDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()

        panel = self.panel
        panel.pause_toggled.connect(downloads.toggle_pause)
        panel.cancel_requested.connect(downloads.cancel)
        panel.retry_failed_requested.connect(downloads.retry_failed)
        panel.dismiss_failed_requested.connect(downloads.dismiss_failed)
        panel.folder_chosen.connect(downloads.set_folder)
        panel.export_requested.connect(downloads.export_report)
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
        if self.dock.isVisible():
            return
        self.dock.show()
        height = max(self.dock.sizeHint().height(), 250)
        window = self.window
        window.resizeDocks(
            [self.dock], [min(height, window.height() // 3)], Qt.Orientation.Vertical
        )

    def _on_batch_started(self, what: str) -> None:
        self.panel.batch_started(what)
        self.show()

    def _on_batch_finished(self, summary: DownloadSummary) -> None:
        text = summary_text(summary)
        self.panel.batch_finished(summary, text)
        level = Level.INFO if summary.complete else Level.WARNING
        self.notifier.notify(self.tr("Download finished"), text, level)

    def _on_running_changed(self, running: bool) -> None:
        if not running:
            self.panel.batch_ended()  # only if no summary said it ended
        self.panel.set_can_retry(self.downloads.can_retry)

    def _on_failed_changed(self, count: int) -> None:
        self.panel.set_can_retry(self.downloads.can_retry)
        if not self.downloads.running:
            self.panel.set_has_report(self.downloads.report_summary() is not None)
        if count:
            self.show()

    def _on_folder_changed(self, folder: str) -> None:
        self.panel.set_folder(folder)
        self.saver.settings.download_folder = folder
        self.saver.changed()
