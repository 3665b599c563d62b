"""`KioskWindow`: the locked full-screen shell, its screens, the idle reset and the PIN.

It owns no search, selection or download state: those stay with `SearchController`
and `DownloadController` (the same objects the desktop window uses). The shell decides
what is on screen, forgets the runner at the idle reset (or after a crash in their
session), and retries a lost connection by itself behind a calm "Reconnecting…" screen.
Closing, Alt+F4 and Escape do nothing until staff unlock it with the PIN.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.kiosk.handoff import HandoffServer
from app.core.kiosk.options import KioskOptions
from app.core.kiosk.pin import PinGate
from app.core.models import EventDetails
from app.core.settings import Settings
from app.ui.controller import SearchController
from app.ui.downloads import DownloadController
from app.ui.kiosk.drives import DriveSource, Target, removable_drives
from app.ui.kiosk.pages import ResultsPage, StartPage
from app.ui.kiosk.panels import ExportPage, PhonePage, StaffPage
from app.ui.kiosk.preview_page import PreviewPage
from app.ui.kiosk.session import RunnerSession
from app.ui.kiosk.staff import StaffDesk
from app.ui.kiosk.style import TouchScale
from app.ui.kiosk.takeaway import ExportFlow, PhoneFlow
from app.ui.messages import Level, UserMessage
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode

log = logging.getLogger(__name__)

RECONNECT_DELAYS_S = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)


class KioskWindow(QWidget):
    """Signals:
    closed(): staff left kiosk mode; the app can shut down.
    reset_done(): the idle reset has forgotten everything of the last runner.
    """

    closed = Signal()
    reset_done = Signal()

    def __init__(
        self,
        backend: BackendConfig,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        settings: Settings,
        options: KioskOptions,
        drives: DriveSource | None = removable_drives,
        temp_root: Path | None = None,
        scale: TouchScale | None = None,
        idle_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("kioskWindow")
        self.setWindowTitle(self.tr("Race photos"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.backend = backend
        self.runner = runner
        self.options = options
        self.settings = settings
        self.idle_clock = idle_clock
        self.scale = scale or TouchScale.for_screen()
        self.setStyleSheet(self.scale.stylesheet())
        self._own_temp = temp_root is None
        self.temp_root = temp_root or Path(tempfile.mkdtemp(prefix="photo-retriever-kiosk-"))
        self.temp_root.mkdir(parents=True, exist_ok=True)
        self._drives = drives if options.usb_export else None
        self.controller = SearchController(
            client, runner, initial_event_id=backend.event_id, parent=self
        )
        self.gate = PinGate(options.pin_hash or settings.kiosk_pin_hash)
        self.handoff = HandoffServer(host=options.phone_host, ttl_s=options.phone_ttl_seconds)
        self.downloads: DownloadController | None = None
        self.export: ExportFlow | None = None
        self.phone: PhoneFlow | None = None
        self._leaving = False
        self._reconnect_step = 0
        self._reconnect = QTimer(self)
        self._reconnect.setSingleShot(True)
        self._reconnect.timeout.connect(self.controller.retry)
        self._build()
        self.session = RunnerSession(self, parent=self)
        self.staff = StaffDesk(self.staff_page, self.gate, runner, parent=self)
        self._wire()

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        unit = self.scale.unit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        top = QHBoxLayout()
        top.setContentsMargins(unit // 3, unit // 6, unit // 3, unit // 6)
        self.event_label = QLabel(self)
        self.event_label.setObjectName("kioskEventName")
        self.exit_button = QPushButton(self.tr("Staff"), self)
        self.exit_button.setObjectName("kioskExitButton")
        self.exit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top.addWidget(self.event_label, 1)
        top.addWidget(self.exit_button)
        layout.addLayout(top)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)
        self.start_page = StartPage(self.scale, letters=self.options.bib_letters)
        self.results_page = ResultsPage(self.controller.model, self.scale)
        self.preview_page = PreviewPage(self.scale)
        self.export_page = ExportPage(self.scale)
        self.phone_page = PhonePage(self.scale)
        self.staff_page = StaffPage(self.scale)
        for page in (
            self.start_page,
            self.results_page,
            self.preview_page,
            self.export_page,
            self.phone_page,
            self.staff_page,
        ):
            self.pages.addWidget(page)
        self.grid = self.results_page.grid
        self.countdown = QLabel(self)
        self.countdown.setObjectName("idleCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.hide()
        self.reconnecting = QLabel(self.tr("Reconnecting…\nYour photos will be back in a moment."))
        self.reconnecting.setParent(self)
        self.reconnecting.setObjectName("kioskReconnecting")
        self.reconnecting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reconnecting.setAutoFillBackground(True)
        self.reconnecting.hide()
        self.results_page.export_button.setVisible(
            self._drives is not None or self.options.export_dir is not None
        )
        if self._drives is None:
            self.results_page.export_button.setText(self.tr("Save my photos"))
        self.results_page.phone_button.setVisible(self.options.phone_handoff)

    def _wire(self) -> None:
        c, start, results = self.controller, self.start_page, self.results_page
        c.events.event_changed.connect(self._on_event_changed)
        c.search_started.connect(self._on_search_started)
        c.results.page_shown.connect(self._on_page_shown)
        c.input_refused.connect(start.notice.setText)
        c.message.connect(self._on_message)
        c.message_cleared.connect(self._on_message_cleared)
        c.selection.changed.connect(self._on_selection_changed)
        start.search_requested.connect(lambda text: c.submit(SearchMode.BIB, text))
        start.selfie_requested.connect(self.session.search_selfie)
        start.input.textChanged.connect(self._update_armed)
        self.pages.currentChanged.connect(self._update_armed)
        results.start_over_button.clicked.connect(self.session.reset)
        results.previous_button.clicked.connect(c.previous_page)
        results.next_button.clicked.connect(c.next_page)
        results.select_page_button.clicked.connect(c.select_page)
        results.clear_button.clicked.connect(c.clear_selection)
        results.export_button.clicked.connect(self._open_export)
        results.phone_button.clicked.connect(self._send_to_phone)
        self.grid.selection_toggled.connect(c.set_selected)
        self.grid.preview_requested.connect(self.session.open_preview)
        self.grid.image_box_changed.connect(c.thumbnails.set_fit)
        c.thumbnails.set_finisher(self.grid.card_finisher)
        for page in (self.export_page, self.phone_page, self.preview_page):
            page.back_requested.connect(self.show_results)
        self.staff_page.back_requested.connect(self._leave_staff_page)
        self.staff_page.leave_requested.connect(self.leave)
        self.exit_button.clicked.connect(self._open_staff_page)
        self.runner.failed.connect(self._on_runner_failed)

    def attach_downloads(self, downloads: DownloadController) -> None:
        """Saving and the phone hand-off go through this controller (one batch at a time)."""
        self.downloads = downloads
        self.controller.set_downloads(downloads)
        self.export = ExportFlow(
            self.controller,
            downloads,
            self.runner,
            drives=self._drives,
            export_dir=self.options.export_dir,
            parent=self,
        )
        self.export.targets_listed.connect(self.export_page.set_targets)
        self.export.status.connect(self.export_page.status.setText)
        self.export.refused.connect(self.export_page.status.setText)
        self.export.status.connect(lambda _t: self.export_page.set_busy(True))
        self.export.done.connect(self._on_export_done)
        self.export_page.target_chosen.connect(self._save_to)
        self.phone = PhoneFlow(
            self.controller,
            downloads,
            self.runner,
            server=self.handoff,
            temp_root=self.temp_root,
            parent=self,
        )
        self.phone.status.connect(self.phone_page.status.setText)
        self.phone.failed.connect(self.phone_page.status.setText)
        self.phone.ready.connect(self._on_phone_ready)
        downloads.running_changed.connect(self.session.update_held)

    # ------------------------------------------------------------------ API

    def start(self) -> None:
        """Full screen, the start screen, and the event (call once the loop runs)."""
        self.setGeometry(self.screen().geometry())  # covers the screen even with no WM
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.show_start()
        self.controller.start()
        if self.options.phone_handoff:
            self.runner.start(self._start_handoff(), key="kiosk-handoff-start")

    async def _start_handoff(self) -> None:
        """Listening before the first runner asks, so the QR code comes at once."""
        try:
            await asyncio.to_thread(self.handoff.start)
        except (OSError, RuntimeError) as exc:
            log.warning("phone hand-off server not started: %s", exc)

    def show_start(self) -> None:
        self.pages.setCurrentWidget(self.start_page)
        self.start_page.input.setFocus()

    def show_results(self) -> None:
        self.pages.setCurrentWidget(self.results_page)
        self.grid.setFocus()

    def recover(self) -> None:
        """Something broke in a runner's session: start again rather than close."""
        self.session.reset()

    def leave(self) -> None:
        """Staff, after the PIN: close for real."""
        self._leaving = True
        self.close()

    async def shutdown(self) -> None:
        self.session.stop()
        if self.downloads is not None:
            await self.downloads.forget()
        await asyncio.to_thread(self.handoff.stop)
        await self.controller.shutdown()
        if self._own_temp:
            await asyncio.to_thread(shutil.rmtree, self.temp_root, True)

    # ----------------------------------------------------------- controller

    def _on_event_changed(self, details: EventDetails | None) -> None:
        self._end_reconnecting()
        name = details.event_name or "" if details is not None else ""
        self.event_label.setText(self.backend.title or name)
        self.session.update_selfie_offer()

    def _on_search_started(self, _spec: object) -> None:
        results = self.results_page
        results.heading.setText(self.tr("Searching…"))
        results.notice.clear()
        results.set_page(0, 0)
        self.grid.set_status("")
        self._on_selection_changed([])
        self.show_results()

    def _on_page_shown(self, view: object) -> None:
        self._end_reconnecting()
        self.session.show_page(view)

    def _on_selection_changed(self, _ids: list[str]) -> None:
        count = self.controller.selected_count
        results = self.results_page
        usb = self._drives is not None
        results.export_button.setText(
            self.tr("Save to USB (%n)", "", count)
            if usb
            else self.tr("Save my photos (%n)", "", count)
        )
        results.phone_button.setText(self.tr("Send to my phone (%n)", "", count))
        for button in (results.export_button, results.phone_button, results.clear_button):
            button.setEnabled(count > 0)
        self.session.selection_changed()

    def _on_message(self, message: UserMessage) -> None:
        if message.countdown or (message.level is Level.ERROR and self.controller.can_retry):
            self._start_reconnecting()
            return
        page = self.pages.currentWidget()
        notice = self.start_page.notice if page is self.start_page else self.results_page.notice
        notice.setText(message.text)

    def _on_message_cleared(self) -> None:
        self.start_page.notice.clear()
        self.results_page.notice.clear()

    def _start_reconnecting(self) -> None:
        self.reconnecting.setGeometry(self.pages.geometry())  # Staff stays reachable
        self.reconnecting.raise_()
        self.reconnecting.show()
        if self.controller.can_retry and not self._reconnect.isActive():
            step = min(self._reconnect_step, len(RECONNECT_DELAYS_S) - 1)
            self._reconnect_step += 1
            self._reconnect.start(int(RECONNECT_DELAYS_S[step] * 1000))

    def end_reconnecting(self) -> None:
        """The runner's search is gone (a reset): so is its retry."""
        if self.controller.details is not None:
            self._end_reconnecting()

    def _end_reconnecting(self) -> None:
        self._reconnect_step = 0
        self._reconnect.stop()
        self.reconnecting.hide()

    @property
    def is_reconnecting(self) -> bool:
        return not self.reconnecting.isHidden()

    def _on_runner_failed(self, error: object, name: str) -> None:
        log.error("kiosk session task %s failed: %r; starting over", name, error)
        self.recover()

    # ----------------------------------------------------------- take away

    def _open_export(self) -> None:
        if self.export is None:
            return
        self.export_page.set_targets([])
        self.export_page.status.clear()
        self.export_page.set_busy(False)
        self.pages.setCurrentWidget(self.export_page)
        self.export.list_targets()

    def _save_to(self, target: Target) -> None:
        if self.export is not None:
            self.export.save_to(target)

    def _on_export_done(self, text: str, _complete: bool) -> None:
        self.export_page.status.setText(text)
        self.export_page.set_busy(False)

    def _send_to_phone(self) -> None:
        if self.phone is None:
            return
        self.phone_page.clear()
        self.pages.setCurrentWidget(self.phone_page)
        self.phone.send()

    def _on_phone_ready(self, url: str) -> None:
        minutes = max(1, round(self.options.phone_ttl_seconds / 60))
        self.phone_page.show_code(url, minutes, self.options.wifi_name)

    # ---------------------------------------------------------------- staff

    def _open_staff_page(self) -> None:
        self.staff.prepare()
        self.pages.setCurrentWidget(self.staff_page)

    def _leave_staff_page(self) -> None:
        self.staff_page.lock()
        if self.controller.search is not None:
            self.show_results()
        else:
            self.show_start()

    # ------------------------------------------------------------- Qt hooks

    def _update_armed(self, *_args: object) -> None:
        self.session.update_armed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reconnecting.setGeometry(self.pages.geometry())
        self.session.place_countdown()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # Escape never leaves the kiosk
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving:
            event.ignore()  # close button, Alt+F4, the window manager: refused
            return
        super().closeEvent(event)
        self.closed.emit()
