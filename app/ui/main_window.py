"""The main window: the first frame (`WindowFrame`) completed with the objects behind it.
Behaviour lives in those: `SearchController` (events, search, selection),
`PreviewPresenter`, `DownloadDock`, `TimeSearch`, `NearbyPresenter`, `SelfieSupport`,
`SettingsSaver` and `Menus`; `ControllerWiring` connects the controller and the widgets.

It is built in two steps so that it can be on screen before those objects exist: the
constructor draws the frame from light modules only; `complete()` then makes the
controller and the rest (asyncio, pydantic and the client behind them) and wires them.
Given a client and a runner, the constructor does both at once (the tests' and the
connect switch's way). An Enter pressed before `complete()` is kept and searched once
the controller is there.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from app.core.settings_peek import DEFAULT_THUMBNAIL_SIZE
from app.ui.search import SearchMode
from app.ui.user_message import UserMessage
from app.ui.window_frame import WindowFrame
from app.ui.wording import start_hint, window_title

TYPE_CHECKING = False
if TYPE_CHECKING:  # what the first frame does not draw loads with `complete()`
    from app.core.backend import BackendConfig
    from app.core.client import NinePicClient
    from app.core.settings import Settings
    from app.ui.controller import SearchController
    from app.ui.downloads import DownloadController
    from app.ui.nearby_presenter import NearbyPresenter
    from app.ui.notify import Notifier
    from app.ui.preview_presenter import PreviewPresenter
    from app.ui.runtime import TaskRunner
    from app.ui.selfie_support import SelfieSupport
    from app.ui.settings_saver import SettingsSaver
    from app.ui.size_estimate import SizeEstimate
    from app.ui.time_search import TimeSearch
    from app.ui.widgets.download_panel import DownloadPanel
    from app.ui.widgets.preview import PreviewDialog
    from app.ui.window_wiring import ControllerWiring


class MainWindow(WindowFrame):
    """Event picker, search, thumbnail grid, pager, selection and preview.

    Signals (with the frame's `closed` and `connect_requested`):
        ready(): `complete()` is done; searches run from now on.
    """

    ready = Signal()

    controller: SearchController
    runner: TaskRunner
    saver: SettingsSaver
    notifier: Notifier
    sizes: SizeEstimate
    previews: PreviewPresenter
    time_search: TimeSearch
    nearby: NearbyPresenter
    selfie_support: SelfieSupport
    wiring: ControllerWiring

    def __init__(
        self,
        backend: BackendConfig,
        client: NinePicClient | None = None,
        runner: TaskRunner | None = None,
        *,
        settings: Settings | None = None,
        settings_folder: Path | None = None,
        settings_read_only: bool = False,
        log_folder: Path | None = None,
        thumbnail_concurrency: int | None = None,
        thumbnail_size: int | None = None,
    ) -> None:
        """The first frame; with `client` and `runner`, completed at once.
        `thumbnail_size`: the tile size to draw before the settings are there."""
        if thumbnail_size is None:
            thumbnail_size = settings.thumbnail_size if settings else DEFAULT_THUMBNAIL_SIZE
        super().__init__(backend, thumbnail_size=thumbnail_size, log_folder=log_folder)
        self._waiting_search: Callable[[SearchController], None] | None = None
        """A search asked for before `complete()`: the latest one runs then."""
        self.downloads: DownloadController | None = None
        self.download_panel: DownloadPanel | None = None
        self.download_dock: QDockWidget | None = None
        self.search_bar.search_requested.connect(self._on_search_requested)
        self.search_bar.selfie_photo_chosen.connect(self._on_selfie_photo_chosen)
        self.grid.sample_chosen.connect(self._search_sample)
        self.update_title()
        self.show_hint()
        if client is not None and runner is not None:
            self.complete(
                client,
                runner,
                settings=settings,
                settings_folder=settings_folder,
                settings_read_only=settings_read_only,
                thumbnail_concurrency=thumbnail_concurrency,
            )

    def complete(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        settings: Settings | None = None,
        settings_folder: Path | None = None,
        settings_read_only: bool = False,
        thumbnail_concurrency: int | None = None,
        backend: BackendConfig | None = None,
    ) -> None:
        """Make the controller and everything behind the first frame, and wire them.
        `backend`: the one to work on, when the frame was drawn from a stand-in (no key
        yet; redrawn when it shows another, e.g. the demo for a settings file the model
        refused). Emits `ready`; a search, a size or a selfie given meanwhile is kept."""
        assert not self._completed, "complete() runs once"
        from app.ui.controller import SearchController
        from app.ui.nearby_presenter import NearbyPresenter
        from app.ui.notify import Notifier
        from app.ui.preview_presenter import PreviewPresenter
        from app.ui.settings_saver import SettingsSaver
        from app.ui.size_estimate import SizeEstimate
        from app.ui.thumbnails import DEFAULT_CONCURRENCY
        from app.ui.time_search import TimeSearch
        from app.ui.window_wiring import ControllerWiring

        if settings is None:
            from app.core.settings import Settings

            settings = Settings()
        if backend is not None:
            self._redraw_for(backend)
        backend = self.backend
        self.runner = runner
        self.saver = SettingsSaver(
            settings,
            runner,
            folder=settings_folder,
            read_only=settings_read_only,
            parent=self,
        )
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
            thumbnail_concurrency=thumbnail_concurrency or DEFAULT_CONCURRENCY,
            model=self.photo_model,
            parent=self,
        )
        self.notifier = Notifier(self.message_bar_fallback, self)
        self.sizes = SizeEstimate(client, runner, self)
        central = self._central
        self.time_search = TimeSearch(self.controller, self.search_bar, central)
        self.nearby = NearbyPresenter(self.controller, runner, self, central, self.grid)
        self._footer.insertWidget(0, self.nearby.section.heading, 1)
        self._body.insertWidget(self._body.indexOf(self.selection_bar), self.nearby.section)
        self.previews = PreviewPresenter(self.controller, self.grid, runner, self)
        if self._size_moved_early:  # the user's word beats the file's
            self.settings.thumbnail_size = self.size_slider.value()
            self.saver.changed()
        else:
            self.size_slider.setValue(self.settings.thumbnail_size)  # the model's word now
        self.wiring = ControllerWiring(self)
        self._tab_order()
        self._completed = True
        self.update_title()
        self.show_hint()
        waiting, self._waiting_search = self._waiting_search, None
        if waiting is not None:
            waiting(self.controller)  # it waits in turn for the event to open
        self.ready.emit()

    @property
    def settings(self) -> Settings:
        return self.saver.settings

    @property
    def preview(self) -> PreviewDialog | None:
        """The large preview dialog, once it has been opened."""
        return self.previews.dialog

    def _tab_order(self) -> None:
        chain: list[QWidget] = [
            self.event_picker,
            self.search_bar.mode_picker,
            self.search_bar.input,
            self.search_bar.choose_photo_button,
            self.search_bar.search_button,
            *self.time_search.picker.focus_chain(),
            self.grid,
            self.pager.previous_button,
            self.pager.next_button,
            self.nearby.section.strip,
            self.selection_bar.select_page_button,
            self.selection_bar.select_all_button,
            self.selection_bar.clear_button,
            self.selection_bar.download_selected_button,
            self.selection_bar.download_all_button,
            self.size_slider,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    # ------------------------------------------------------------------ API

    def start(self) -> None:
        """Load the events and open the initial one (call once the loop runs)."""
        self.search_bar.input.setFocus()
        self.controller.start()

    def attach_downloads(self, downloads: DownloadController) -> DownloadPanel:
        """Downloads for this window: the buttons reach `downloads`, its panel docks below."""
        from app.ui.download_dock import DownloadDock  # the panel's widgets: with the downloads

        self.downloads = downloads
        dock = DownloadDock(
            self,
            downloads,
            notifier=self.notifier,
            message_bar=self.message_bar,
            saver=self.saver,
            grid=self.grid,
            selection_bar=self.selection_bar,
            thumbnails=self.controller.thumbnails,
        )
        self.download_panel, self.download_dock = dock.panel, dock.dock
        self.nearby.room.reserve = dock.room.wanted
        dock.pictures.also_from(self.nearby.session.thumbnails)
        self.setTabOrder(self.selection_bar.download_all_button, dock.panel)
        self.controller.set_downloads(downloads)
        self.notifier.activated.connect(self._on_notifier_activated)
        if self.controller.details is not None:
            details = self.controller.details
            downloads.set_event(details.event_id, details.event_name)
        return dock.panel

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
        await self.saver.flush()
        self.previews.close()
        self.nearby.close()
        self.notifier.close()
        if self.downloads is not None:
            await self.downloads.shutdown()  # parts kept: the next run resumes them
        await self.controller.shutdown()

    def message_bar_fallback(self, message: UserMessage) -> None:
        """Where notifications go without a system tray."""
        self.message_bar.show_message(message)

    # ----------------------------------------------------------- controller

    def _on_notifier_activated(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # --------------------------------------------------------------- helpers

    def show_hint(self) -> None:
        if not self._completed:
            details = None  # the first frame: the event is not open yet
        elif self.controller.search is None and not self.controller.model.rowCount():
            details = self.controller.details
        else:
            return
        mode = self.search_bar.mode
        bibs = self.backend.sample_bibs if details and details.bib_search else ()
        if mode not in (SearchMode.BIB, SearchMode.SELFIE, SearchMode.SELFIE_PHOTO):
            bibs = ()  # the time and gallery modes have their own way in
        samples = [bib for bib in bibs if bib != self.backend.failure_bib]  # as the banner
        self.grid.set_status(*start_hint(details, mode), samples=samples)

    def _search_sample(self, bib: str) -> None:
        self.search_bar.set_mode(SearchMode.BIB)
        self.search_bar.input.setText(bib)
        self._on_search_requested(SearchMode.BIB, bib)

    def _on_search_requested(self, mode: SearchMode, text: str) -> None:
        self._search_when_ready(lambda c: c.submit(mode, text))

    def _on_selfie_photo_chosen(self, path: str) -> None:
        self._search_when_ready(lambda c: c.search_selfie_photo(path))

    def _search_when_ready(self, search: Callable[[SearchController], None]) -> None:
        if self._completed:
            search(self.controller)
        else:
            self._waiting_search = search  # the latest wins, as in the controller

    def update_title(self) -> None:
        self.setWindowTitle(
            window_title(
                self.controller.details if self._completed else None,
                is_demo=self.backend.is_demo,
                title=self.backend.title,
            )
        )
