"""The main window: layout and wiring only; the behaviour lives in `SearchController`."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMetaMethod, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.downloads import DownloadSummary
from app.core.errors import NinePicError
from app.core.models import EventDetails, EventListItem, ImageItem
from app.core.settings import Settings, save_settings
from app.ui.controller import PageView, SearchController
from app.ui.downloads import DownloadController, summary_text
from app.ui.messages import Action, Level, UserMessage, error_message
from app.ui.notify import Notifier
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec
from app.ui.thumbnails import DEFAULT_CONCURRENCY
from app.ui.widgets.demo_banner import DemoBanner
from app.ui.widgets.download_panel import DownloadPanel
from app.ui.widgets.message_bar import MessageBar
from app.ui.widgets.pager import Pager
from app.ui.widgets.photo_grid import MAX_CELL, MIN_CELL, PhotoGrid
from app.ui.widgets.preview import PreviewDialog
from app.ui.widgets.search_bar import SearchBar
from app.ui.widgets.selection_bar import SelectionBar

log = logging.getLogger(__name__)

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png"}
_Keys = QKeySequence | QKeySequence.StandardKey | str


class MainWindow(QMainWindow):
    """Event picker, search, thumbnail grid, pager, selection and preview.

    Signals:
        download_selected_requested(list): image ids to download (for the download panel).
        download_all_requested(object): the `SearchSpec` whose every photo is wanted.
        closed(): the window was closed; the app can shut down.
    """

    download_selected_requested = Signal(list)
    download_all_requested = Signal(object)
    closed = Signal()

    def __init__(
        self,
        backend: BackendConfig,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        settings: Settings | None = None,
        settings_folder: Path | None = None,
        thumbnail_concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.backend = backend
        self.runner = runner
        self.settings = settings or Settings()
        self._settings_folder = settings_folder
        # A real backend started with --event opens that event; the demo (and a backend
        # without --event) opens the remembered one when the service still lists it.
        remembered = self.settings.last_event_id
        if backend.event_id is not None and not backend.is_demo:
            remembered = None
        self.controller = SearchController(
            client,
            runner,
            initial_event_id=backend.event_id,
            preferred_event_id=remembered,
            thumbnail_concurrency=thumbnail_concurrency,
            parent=self,
        )
        self.preview: PreviewDialog | None = None
        self._preview_row = -1
        self._pending_preview: str | None = None
        self.download_dock: QDockWidget | None = None
        self.downloads: DownloadController | None = None
        self.download_panel: DownloadPanel | None = None
        self.notifier = Notifier(self.message_bar_fallback, self)
        self._filling_events = False
        self._build()
        self._wire()
        self._update_title()
        self._show_hint()
        self.setAcceptDrops(True)
        self.resize(1180, 820)

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(8)
        self.demo_banner: DemoBanner | None = None
        if self.backend.is_demo:
            self.demo_banner = DemoBanner(self.backend.sample_bibs, central)
            layout.addWidget(self.demo_banner)

        body = QVBoxLayout()
        body.setContentsMargins(12, 4 if self.backend.is_demo else 12, 12, 0)
        body.setSpacing(8)
        layout.addLayout(body, 1)

        top = QHBoxLayout()
        top.setSpacing(8)
        event_label = QLabel(self.tr("&Event"), central)
        self.event_picker = QComboBox(central)
        self.event_picker.setObjectName("eventPicker")
        self.event_picker.setAccessibleName(self.tr("Event"))
        self.event_picker.setMinimumContentsLength(20)
        self.event_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.event_picker.setPlaceholderText(self.tr("Loading events…"))
        event_label.setBuddy(self.event_picker)
        self.search_bar = SearchBar(central)
        event_label.setMinimumHeight(self.event_picker.sizeHint().height())
        top.addWidget(event_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.event_picker, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addWidget(self.search_bar, 1)
        body.addLayout(top)

        self.message_bar = MessageBar(central)
        body.addWidget(self.message_bar)

        header = QHBoxLayout()
        self.results_title = QLabel(central)
        self.results_title.setObjectName("resultsTitle")
        font = self.results_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.results_title.setFont(font)
        self.busy_indicator = QProgressBar(central)
        self.busy_indicator.setObjectName("busyIndicator")
        self.busy_indicator.setAccessibleName(self.tr("Loading"))
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.setMaximumHeight(10)
        self.busy_indicator.hide()
        size_label = QLabel(self.tr("Si&ze"), central)
        self.size_slider = QSlider(Qt.Orientation.Horizontal, central)
        self.size_slider.setObjectName("thumbnailSizeSlider")
        self.size_slider.setAccessibleName(self.tr("Thumbnail size"))
        self.size_slider.setToolTip(self.tr("Thumbnail size (Ctrl+Plus / Ctrl+Minus)"))
        self.size_slider.setRange(MIN_CELL, MAX_CELL)
        self.size_slider.setSingleStep(8)
        self.size_slider.setPageStep(40)
        self.size_slider.setMaximumWidth(160)
        self.size_slider.setValue(max(MIN_CELL, min(MAX_CELL, self.settings.thumbnail_size)))
        size_label.setBuddy(self.size_slider)
        header.addWidget(self.results_title)
        header.addSpacing(8)
        header.addWidget(self.busy_indicator)
        header.addStretch(1)
        header.addWidget(size_label)
        header.addWidget(self.size_slider)
        body.addLayout(header)

        self.grid = PhotoGrid(self.controller.model, central)
        self.grid.image_box_changed.connect(self.controller.thumbnails.set_fit)
        self.grid.set_cell_size(self.size_slider.value())
        self.grid.setAccessibleDescription(
            self.tr(
                "Arrow keys move, Space selects, Enter opens a large preview, "
                "Page Up and Page Down change the page."
            )
        )
        body.addWidget(self.grid, 1)

        self.pager = Pager(central)
        body.addWidget(self.pager)
        self.selection_bar = SelectionBar(central)
        body.addWidget(self.selection_bar)
        self.setCentralWidget(central)

        chain: list[QWidget] = [
            self.event_picker,
            self.search_bar.mode_picker,
            self.search_bar.input,
            self.search_bar.choose_photo_button,
            self.search_bar.search_button,
            self.grid,
            self.pager.previous_button,
            self.pager.next_button,
            self.selection_bar.select_page_button,
            self.selection_bar.select_all_button,
            self.selection_bar.clear_button,
            self.selection_bar.download_selected_button,
            self.selection_bar.download_all_button,
            self.size_slider,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    def _wire(self) -> None:
        c = self.controller
        c.events_loaded.connect(self._on_controller_events_loaded)
        c.event_changed.connect(self._on_controller_event_changed)
        c.search_started.connect(self._on_controller_search_started)
        c.page_shown.connect(self._on_controller_page_shown)
        c.results_cleared.connect(self._on_controller_results_cleared)
        c.input_refused.connect(self.search_bar.show_input_error)
        c.message.connect(self._on_controller_message)
        c.message_cleared.connect(self.message_bar.clear)
        c.busy_changed.connect(self.busy_indicator.setVisible)
        c.selection_changed.connect(self._on_controller_selection_changed)
        c.selfie_search_ready.connect(self.search_bar.show_selfie_request_id)
        c.search_failed.connect(self._on_controller_search_failed)
        c.download_selected_requested.connect(self._on_controller_download_selected)
        c.download_all_requested.connect(self._on_controller_download_all)
        self.runner.failed.connect(self._on_runner_failed)

        self.event_picker.currentIndexChanged.connect(self._on_event_picker_changed)
        self.search_bar.search_requested.connect(self._on_search_bar_search)
        self.search_bar.selfie_photo_chosen.connect(c.search_selfie_photo)
        self.search_bar.focus_results_requested.connect(self.focus_grid)
        self.message_bar.retry_requested.connect(c.retry)
        self.grid.selection_toggled.connect(c.set_selected)
        self.grid.preview_requested.connect(self.open_preview)
        self.pager.previous_requested.connect(c.previous_page)
        self.pager.next_requested.connect(c.next_page)
        self.selection_bar.select_page_requested.connect(c.select_page)
        self.selection_bar.select_all_requested.connect(c.select_all_results)
        self.selection_bar.clear_requested.connect(c.clear_selection)
        self.selection_bar.download_selected_requested.connect(c.request_download_selected)
        self.selection_bar.download_all_requested.connect(c.request_download_all)
        self.size_slider.valueChanged.connect(self._on_size_slider_changed)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(600)
        self._save_timer.timeout.connect(self._save_settings)

        shortcuts: list[
            tuple[QKeySequence | QKeySequence.StandardKey | str, Callable[[], None]]
        ] = [
            (QKeySequence(Qt.Key.Key_PageDown), c.next_page),
            (QKeySequence(Qt.Key.Key_PageUp), c.previous_page),
            (QKeySequence.StandardKey.Find, self.focus_search),
            ("Ctrl+L", self.focus_search),
            ("Ctrl+Shift+A", c.select_all_results),
            ("Ctrl+Shift+N", c.clear_selection),
            ("Ctrl+D", c.request_download_selected),
            ("Ctrl+Shift+D", c.request_download_all),
            ("Ctrl+O", self.search_bar.choose_photo),
            (QKeySequence.StandardKey.ZoomIn, lambda: self._step_size(+24)),
            ("Ctrl+=", lambda: self._step_size(+24)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self._step_size(-24)),
        ]
        for keys, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)

    # ------------------------------------------------------------------ API

    def start(self) -> None:
        """Load the events and open the initial one (call once the loop runs)."""
        self.search_bar.input.setFocus()
        self.controller.start()

    def set_download_panel(self, panel: QWidget, title: str = "") -> QDockWidget:
        """The slot for the download panel: a dock under the results."""
        if self.download_dock is None:
            self.download_dock = QDockWidget(title or self.tr("Downloads"), self)
            self.download_dock.setObjectName("downloadDock")
            self.download_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.download_dock)
        self.download_dock.setWidget(panel)
        self.download_dock.show()
        self.setTabOrder(self.selection_bar.download_all_button, panel)
        return self.download_dock

    def attach_downloads(self, downloads: DownloadController) -> DownloadPanel:
        """Wire the download buttons to `downloads` and put its panel in the bottom dock.

        The dock stays hidden until a batch starts or the folder holds a failed list."""
        self.downloads = downloads
        panel = DownloadPanel(downloads.items, downloads.failed)
        panel.set_folder(downloads.folder)
        self.download_panel = panel
        dock = self.set_download_panel(panel)
        dock.hide()
        self.download_selected_requested.connect(self._on_download_selected_requested)
        self.download_all_requested.connect(downloads.start_all)
        panel.pause_toggled.connect(downloads.toggle_pause)
        panel.cancel_requested.connect(downloads.cancel)
        panel.retry_failed_requested.connect(downloads.retry_failed)
        panel.dismiss_failed_requested.connect(downloads.dismiss_failed)
        panel.folder_chosen.connect(downloads.set_folder)
        panel.export_requested.connect(downloads.export_report)
        downloads.batch_started.connect(self._on_downloads_batch_started)
        downloads.progress_changed.connect(panel.show_progress)
        downloads.paused_changed.connect(panel.set_paused)
        downloads.batch_finished.connect(self._on_downloads_batch_finished)
        downloads.running_changed.connect(self._on_downloads_state_changed)
        downloads.failed_changed.connect(self._on_downloads_failed_changed)
        downloads.folder_changed.connect(self._on_downloads_folder_changed)
        downloads.message.connect(self.message_bar.show_message)
        self.notifier.activated.connect(self._on_notifier_activated)
        if self.controller.details is not None:
            downloads.set_event(self.controller.details.event_id)
        return panel

    def focus_search(self) -> None:
        self.search_bar.input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.input.selectAll()

    def focus_grid(self) -> None:
        if self.controller.model.rowCount():
            self.grid.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if self.grid.current_row() < 0:
                self.grid.set_current_row(0)

    async def shutdown(self) -> None:
        """Stop all work: cancel tasks first; the caller closes the client afterwards."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            await _save_quietly(self.runner.loop, self.settings.model_copy(), self._settings_folder)
        if self.preview is not None:
            self.preview.close()
        self.notifier.close()
        if self.downloads is not None:
            await self.downloads.shutdown()  # parts kept: the next run resumes them
        await self.controller.shutdown()

    # --------------------------------------------------------------- preview

    def open_preview(self, row: int) -> None:
        if self.controller.model.item(row) is None:
            return
        if self.preview is None:
            self.preview = PreviewDialog(self)
            self.preview.navigate_requested.connect(self._on_preview_navigate)
            self.preview.selection_toggled.connect(self._on_preview_selection_toggled)
            self.preview.finished.connect(self._on_preview_finished)
        self._show_preview_row(row)
        if not self.preview.isVisible():
            self.preview.resize(int(self.width() * 0.85), int(self.height() * 0.85))
            self.preview.open()

    def _show_preview_row(self, row: int) -> None:
        model = self.controller.model
        item = model.item(row)
        view = self.controller.view
        if item is None or self.preview is None or view is None:
            return
        self._preview_row = row
        self.grid.set_current_row(row)
        position = (view.page - 1) * view.page_size + row + 1
        title = self.tr("Photo %1 of %2").replace("%1", str(position))
        title = title.replace("%2", str(view.total))
        self.preview.show_photo(
            item.image_id,
            title,
            model.pixmap(item.image_id),
            selected=self.controller.is_selected(item.image_id),
            has_previous=row > 0 or view.has_previous,
            has_next=row < model.rowCount() - 1 or view.has_next,
        )
        self.runner.start(self._load_preview(item), key="preview")

    async def _load_preview(self, item: ImageItem) -> None:
        try:
            pixmap = await self.controller.load_large(item)
        except NinePicError as error:
            if self.preview is not None:
                text = error_message(error, Action.PREVIEW).text
                self.preview.set_failed(item.image_id, text)
            return
        if self.preview is not None:
            self.preview.set_large(item.image_id, pixmap)

    def _on_preview_navigate(self, delta: int) -> None:
        row = self._preview_row + delta
        view = self.controller.view
        if 0 <= row < self.controller.model.rowCount():
            self._show_preview_row(row)
        elif view is not None and row >= 0 and view.has_next:
            self._pending_preview = "first"
            self.controller.next_page()
        elif view is not None and row < 0 and view.has_previous:
            self._pending_preview = "last"
            self.controller.previous_page()

    def _on_preview_selection_toggled(self, image_id: str, on: bool) -> None:
        self.controller.set_selected([image_id], on)
        self.grid.sync_selection()

    def _on_preview_finished(self, _result: int) -> None:
        self.runner.cancel("preview")
        self._pending_preview = None
        self.activateWindow()  # without a window manager (kiosk) nobody else would
        self.grid.setFocus()

    # ----------------------------------------------------------- controller

    def _on_controller_events_loaded(self, events: list[EventListItem]) -> None:
        self._filling_events = True
        try:
            self.event_picker.clear()
            for event in events:
                self.event_picker.addItem(_event_label(event), event.event_id)
            current = self.controller.event_id
            if current is not None:
                self.event_picker.setCurrentIndex(self.event_picker.findData(current))
            elif events:
                self.event_picker.setCurrentIndex(0)
        finally:
            self._filling_events = False
        if not events:
            self.event_picker.setPlaceholderText(self.tr("No events"))

    def _on_controller_message(self, message: UserMessage) -> None:
        self.message_bar.show_message(message)
        if message.level is Level.INFO or message.countdown:
            return  # a notice, or a retry still to come
        if self.controller.details is None:
            self.grid.set_status(
                self.tr("The event could not be opened"), self.tr("See the message above.")
            )

    def _on_controller_search_failed(self, spec: SearchSpec | None) -> None:
        self.results_title.setText(self._search_name(spec))  # no "Searching…" left behind
        self.grid.set_status(self.tr("No photos to show"), self.tr("See the message above."))

    def _on_event_picker_changed(self, index: int) -> None:
        if self._filling_events or index < 0:
            return
        event_id = self.event_picker.itemData(index)
        if isinstance(event_id, int):
            self.controller.select_event(event_id)

    def _on_controller_event_changed(self, details: EventDetails | None) -> None:
        if self.downloads is not None and details is not None:
            self.downloads.set_event(details.event_id)
        if details is None:
            self.search_bar.set_available(False, False, event_known=False)
            self._update_title()
            self._show_hint()
            return
        index = self.event_picker.findData(details.event_id)
        if index >= 0 and index != self.event_picker.currentIndex():
            self._filling_events = True
            self.event_picker.setCurrentIndex(index)
            self._filling_events = False
        self.search_bar.set_available(details.bib_search, details.selfie_search)
        self._update_title()
        self._show_hint()
        if not details.event_enabled:
            self.message_bar.show_message(
                UserMessage(
                    self.tr(
                        "This event is not switched on for photo search yet; "
                        "searches may find nothing."
                    ),
                    Level.INFO,
                )
            )
        if self.settings.last_event_id != details.event_id:
            self.settings.last_event_id = details.event_id
            self._save_timer.start()

    def _on_search_bar_search(self, mode: SearchMode, text: str) -> None:
        self.controller.submit(mode, text)

    def _on_controller_search_started(self, spec: SearchSpec | None) -> None:
        self.search_bar.clear_input_error()
        self.results_title.setText(self.tr("Searching %1…").replace("%1", self._search_name(spec)))
        self.grid.set_status("")

    def _on_controller_results_cleared(self) -> None:
        self.pager.set_state(0, 0, 0)
        self.selection_bar.set_results(0, 0)
        if self.controller.search is None:
            self.results_title.clear()
            self._show_hint()

    def _on_controller_page_shown(self, view: PageView) -> None:
        self.results_title.setText(self._search_name(view.search))
        self.pager.set_state(view.page, view.total_pages, view.total)
        self.selection_bar.set_results(self.controller.model.rowCount(), view.total)
        self.grid.sync_selection()
        if view.total == 0:
            self.grid.set_status(*self._empty_text(view.search))
        else:
            self.grid.set_status("")
        if self.preview is not None and self.preview.isVisible() and self._pending_preview:
            last = self.controller.model.rowCount() - 1
            row = 0 if self._pending_preview == "first" else last
            self._pending_preview = None
            self._show_preview_row(row)

    def _on_controller_selection_changed(self, count: int, estimated: int, pages: int) -> None:
        self.selection_bar.set_selection(count, estimated, pages)
        self.grid.sync_selection()
        if self.preview is not None and self.preview.isVisible():
            self.preview.set_selected(self.controller.is_selected(self.preview.image_id))

    def _on_controller_download_selected(self, image_ids: list[str]) -> None:
        if not self._has_receivers("download_selected_requested(QVariantList)"):
            self._downloads_missing()
            return
        self.download_selected_requested.emit(image_ids)

    def _on_controller_download_all(self, spec: SearchSpec) -> None:
        if not self._has_receivers("download_all_requested(PyObject)"):
            self._downloads_missing()
            return
        self.download_all_requested.emit(spec)

    # ------------------------------------------------------------- downloads

    def _on_download_selected_requested(self, image_ids: list[str]) -> None:
        if self.downloads is not None:
            self.downloads.start_selected(image_ids, self.controller.event_id)

    def _show_download_dock(self) -> None:
        dock = self.download_dock
        if dock is None or dock.isVisible():
            return
        dock.show()
        height = max(dock.sizeHint().height(), 250)
        self.resizeDocks([dock], [min(height, self.height() // 3)], Qt.Orientation.Vertical)

    def _on_downloads_batch_started(self, what: str) -> None:
        if self.download_panel is not None:
            self.download_panel.batch_started(what)
        self._show_download_dock()

    def _on_downloads_batch_finished(self, summary: DownloadSummary) -> None:
        text = summary_text(summary)
        if self.download_panel is not None:
            self.download_panel.batch_finished(summary, text)
        level = Level.INFO if summary.complete else Level.WARNING
        self.notifier.notify(self.tr("Download finished"), text, level)

    def _on_downloads_state_changed(self, running: bool) -> None:
        if self.download_panel is not None and self.downloads is not None:
            if not running:
                self.download_panel.batch_ended()  # only if no summary said it ended
            self.download_panel.set_can_retry(self.downloads.can_retry)

    def _on_downloads_failed_changed(self, count: int) -> None:
        if self.download_panel is None or self.downloads is None:
            return
        self.download_panel.set_can_retry(self.downloads.can_retry)
        if not self.downloads.running:
            self.download_panel.set_has_report(self.downloads.report_summary() is not None)
        if count:
            self._show_download_dock()

    def _on_downloads_folder_changed(self, folder: str) -> None:
        if self.download_panel is not None:
            self.download_panel.set_folder(folder)
        self.settings.download_folder = folder
        self._save_timer.start()

    def _on_notifier_activated(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def message_bar_fallback(self, message: UserMessage) -> None:
        """Where notifications go without a system tray."""
        self.message_bar.show_message(message)

    def _has_receivers(self, signature: str) -> bool:
        meta = self.metaObject()
        index = meta.indexOfSignal(signature)
        if index < 0:
            return True
        method: QMetaMethod = meta.method(index)
        return self.isSignalConnected(method)

    def _downloads_missing(self) -> None:
        self.message_bar.show_message(
            UserMessage(self.tr("Downloading is not available in this build."), Level.INFO)
        )

    def _on_runner_failed(self, error: BaseException, name: str) -> None:
        self.message_bar.show_message(error_message(error, Action.LOAD_PAGE))

    # --------------------------------------------------------------- helpers

    def _search_name(self, spec: SearchSpec | None) -> str:
        if spec is None:
            return self.tr("your selfie")
        if spec.mode is SearchMode.BIB:
            return self.tr("BIB %1").replace("%1", spec.identifier)
        if spec.selfie_name:
            return self.tr("your selfie (%1)").replace("%1", spec.selfie_name)
        return self.tr("selfie search %1…").replace("%1", spec.identifier[:8])

    def _empty_text(self, spec: SearchSpec) -> tuple[str, str]:
        selfie_on = self.controller.mode_enabled(SearchMode.SELFIE)
        if spec.mode is SearchMode.BIB:
            title = self.tr("No photos for BIB %1").replace("%1", spec.identifier)
            detail = (
                self.tr("Check the number or try a selfie.")
                if selfie_on
                else self.tr("Check the number and search again.")
            )
            if self.backend.sample_bibs:
                detail += " " + self.tr("The demo event has BIBs like %1.").replace(
                    "%1", ", ".join(self.backend.sample_bibs)
                )
            return title, detail
        return (
            self.tr("No photos matched this selfie"),
            self.tr("Try another photo with your face clearly visible, or search by BIB number."),
        )

    def _show_hint(self) -> None:
        if self.controller.search is not None or self.controller.model.rowCount():
            return
        event = self.controller.details
        if event is None:
            self.grid.set_status(self.tr("Opening the event…"))
        elif not event.bib_search and not event.selfie_search:
            self.grid.set_status(
                self.tr("This event offers no photo search"), self.tr("Pick another event.")
            )
        else:
            how = []
            if event.bib_search:
                how.append(self.tr("type your BIB number and press Enter"))
            if event.selfie_search:
                how.append(self.tr("search with a selfie (or drop one here)"))
            detail = self.tr(" or ").join(how)
            self.grid.set_status(
                self.tr("Find your race photos"),
                detail[:1].upper()
                + detail[1:]
                + ". "
                + self.tr("Then Down arrow moves to the photos, Space selects, Enter previews."),
            )

    def _update_title(self) -> None:
        event = self.controller.details
        title = self.tr("Race Photo Retriever")
        if event is not None:
            title += " — " + (
                event.event_name or self.tr("Event %1").replace("%1", str(event.event_id))
            )
        if self.backend.is_demo:
            title += " " + self.tr("(demo)")
        self.setWindowTitle(title)

    def _on_size_slider_changed(self, value: int) -> None:
        self.grid.set_cell_size(value)
        self.settings.thumbnail_size = value
        self._save_timer.start()

    def _step_size(self, delta: int) -> None:
        self.size_slider.setValue(self.size_slider.value() + delta)

    def _save_settings(self) -> None:
        if self.runner.closed:
            return
        snapshot = self.settings.model_copy()
        folder = self._settings_folder
        self.runner.start(_save_quietly(self.runner.loop, snapshot, folder))

    # ------------------------------------------------------------- Qt hooks

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_photo(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_photo(event.mimeData().urls())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        if self.controller.mode_enabled(SearchMode.SELFIE_PHOTO):
            self.search_bar.use_photo(str(path))
        else:
            self.search_bar.show_input_error(
                self.tr("This event does not offer search by selfie. Search by BIB number instead.")
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


async def _save_quietly(
    loop: asyncio.AbstractEventLoop, settings: Settings, folder: Path | None
) -> None:
    """Write the settings on a worker thread (no file writes on the GUI thread)."""
    try:
        await loop.run_in_executor(None, save_settings, settings, folder)
    except OSError as exc:
        log.warning("could not save settings: %s", type(exc).__name__)


def _dropped_photo(urls: Sequence[QUrl]) -> Path | None:
    for url in urls:
        local = url.toLocalFile()
        if local and Path(local).suffix.lower() in PHOTO_SUFFIXES:
            return Path(local)
    return None


def _event_label(event: EventListItem) -> str:
    name = event.event_name or QCoreApplication.translate("MainWindow", "Event %1").replace(
        "%1", str(event.event_id)
    )
    if event.event_date:
        try:
            when = datetime.fromisoformat(event.event_date)
        except ValueError:
            return name
        return f"{name} · {when.day} {when:%b %Y}"
    return name
