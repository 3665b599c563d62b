"""The main window: its layout and the objects behind it. Behaviour lives in those:
`SearchController` (events, search, selection), `PreviewPresenter`, `DownloadDock`,
`TimeSearch`, `NearbyPresenter`, `SelfieSupport`, `SettingsSaver` and `Menus`;
`ControllerWiring` connects the controller and the widgets.

It is built in two steps so that it can be on screen before those objects exist: the
constructor lays out what the first frame draws (banner, search row, empty grid,
footer) from light modules only; `complete()` then makes the controller and the rest
(asyncio, pydantic and the client behind them) and wires them. Given a client and a
runner, the constructor does both at once (the tests' and the connect switch's way).
An Enter pressed before `complete()` is kept and searched once the controller is there.
The next thing to move out is the footer (pager, strip heading, selection bar).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from app.core.settings_peek import DEFAULT_THUMBNAIL_SIZE
from app.ui.menus import Menus
from app.ui.models.photo_model import PhotoModel
from app.ui.photo_drop import PhotoDrop
from app.ui.search import SearchMode
from app.ui.user_message import UserMessage
from app.ui.widgets.demo_banner import DemoBanner, organiser_banner
from app.ui.widgets.event_picker import EventPicker
from app.ui.widgets.message_bar import MessageBar
from app.ui.widgets.pager import Pager
from app.ui.widgets.photo_grid import PhotoGrid
from app.ui.widgets.results_header import ResultsHeader
from app.ui.widgets.search_bar import SearchBar
from app.ui.widgets.selection_bar import SelectionBar
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


class MainWindow(QMainWindow):
    """Event picker, search, thumbnail grid, pager, selection and preview.

    Signals:
        closed(): the window was closed; the app can shut down.
        connect_requested(): the user wants the connect dialog (menu, Ctrl+, or banner).
    """

    closed = Signal()
    connect_requested = Signal()
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
        super().__init__()
        self.setObjectName("mainWindow")
        self.backend = backend
        self._log_folder = log_folder
        self._completed = False
        self._waiting_search: Callable[[SearchController], None] | None = None
        """A search asked for before `complete()`: the latest one runs then."""
        self._connect_asked_early = False
        """Connect was asked for before `complete()` (see `take_early_connect`)."""
        self.connect_requested.connect(self._note_early_connect)
        self.downloads: DownloadController | None = None
        self.download_panel: DownloadPanel | None = None
        self.download_dock: QDockWidget | None = None
        if thumbnail_size is None:
            thumbnail_size = settings.thumbnail_size if settings else DEFAULT_THUMBNAIL_SIZE
        self._size_moved_early = False
        """The size slider was moved on the first frame: its value beats the file's."""
        self._build(thumbnail_size)
        self.size_slider.valueChanged.connect(self._note_early_size)
        self.photo_drop = PhotoDrop(self)
        self.photo_drop.photo_dropped.connect(self._on_early_drop)
        self.search_bar.search_requested.connect(self._on_search_requested)
        self.search_bar.selfie_photo_chosen.connect(self._on_selfie_photo_chosen)
        self.grid.sample_chosen.connect(self._search_sample)
        self.update_title()
        self.show_hint()
        self._fit_to_screen(1180, 820)
        if client is not None and runner is not None:
            self.complete(
                client,
                runner,
                settings=settings,
                settings_folder=settings_folder,
                settings_read_only=settings_read_only,
                thumbnail_concurrency=thumbnail_concurrency,
            )

    def _drawn_for(self, backend: BackendConfig) -> bool:
        """Whether this frame shows what a window on `backend` shows (banner, title)."""
        drawn = self.backend
        return (drawn.is_demo, drawn.title, drawn.sample_bibs, drawn.failure_bib) == (
            backend.is_demo,
            backend.title,
            backend.sample_bibs,
            backend.failure_bib,
        )

    def _note_early_size(self) -> None:
        if not self._completed:
            self._size_moved_early = True

    def _on_early_drop(self, path: str) -> None:
        """A selfie dropped on the first frame is taken; its search waits for the
        controller (from then on `ControllerWiring` takes the drops)."""
        if not self._completed:
            self.search_bar.use_photo(path)

    def _note_early_connect(self) -> None:
        if not self._completed:
            self._connect_asked_early = True

    def take_early_connect(self) -> bool:
        """Whether Connect was asked for before the window was complete (nobody listened
        yet): the shell opens the dialog then. Asked once, it is forgotten."""
        asked, self._connect_asked_early = self._connect_asked_early, False
        return asked

    @property
    def completed(self) -> bool:
        """True once the controller is attached: searches run from then on."""
        return self._completed

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
        if backend is not None and not self._drawn_for(backend):
            self.backend = backend
            self._draw_banner()  # drawn from a settings file the model then refused
        elif backend is not None:
            self.backend = backend
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

    # ---------------------------------------------------------------- layout

    def _build(self, thumbnail_size: int) -> None:
        """What the first frame draws; the time picker and the nearby strip (hidden
        until wanted) join in `complete()`."""
        central = self._central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.setSpacing(8)
        self._layout = layout
        self.demo_banner: DemoBanner | None = None
        self._banner: QWidget | None = None
        self.menus = Menus(self, self.connect_requested.emit, log_folder=self._log_folder)

        body = self._body = QVBoxLayout()
        body.setSpacing(8)
        layout.addLayout(body, 1)
        self._draw_banner()

        top = QHBoxLayout()
        top.setSpacing(8)
        event_label = QLabel(self.tr("&Event"), central)
        self.event_picker = EventPicker(central)
        event_label.setBuddy(self.event_picker)
        self.search_bar = SearchBar(central)
        event_label.setMinimumHeight(self.event_picker.sizeHint().height())
        top.addWidget(event_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.event_picker, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addWidget(self.search_bar, 1)
        body.addLayout(top)

        self.message_bar = MessageBar(central)

        header = ResultsHeader(thumbnail_size, central)
        self.results_title = header.title
        self.busy_indicator = header.busy_indicator
        self.size_slider = header.size_slider
        body.addWidget(header)

        self.photo_model = PhotoModel(self)
        self.grid = PhotoGrid(self.photo_model, central)
        self.grid.set_cell_size(self.size_slider.value())
        self.size_slider.valueChanged.connect(self.grid.set_cell_size)
        self.grid.setAccessibleDescription(
            self.tr(
                "Arrow keys move, Space selects, Enter opens a large preview, "
                "Page Up and Page Down change the page."
            )
        )
        body.addWidget(self.grid, 1)
        self.message_bar.float_over(self.grid)  # over the grid's top: nothing moves

        self.pager = Pager(central)
        self._footer = QHBoxLayout()  # the strip's heading (hidden until wanted) joins it
        self._footer.addWidget(self.pager, 1)
        body.addLayout(self._footer)
        self.selection_bar = SelectionBar(central)
        body.addWidget(self.selection_bar)
        self.setCentralWidget(central)

    def _draw_banner(self) -> None:
        """The banner over the body for `self.backend` (the demo's, the organiser's or
        none), in place of one drawn before."""
        if self._banner is not None:
            self._layout.removeWidget(self._banner)
            self._banner.deleteLater()
        self.demo_banner = None
        self._banner = None
        if self.backend.is_demo:
            self._banner = self.demo_banner = DemoBanner(
                self.backend.sample_bibs, self._central, failure_bib=self.backend.failure_bib
            )
            self.demo_banner.connect_requested.connect(self.connect_requested)
        elif self.backend.title:
            self._banner = organiser_banner(self.backend.title, self._central)
        if self._banner is not None:
            self._layout.insertWidget(0, self._banner)
            self._banner.show()  # also when the window is on screen already
        self._body.setContentsMargins(12, 4 if self.backend.is_demo else 12, 12, 0)

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

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The preferred size, but never larger than a small screen (1024×640): the
        Connect button at the banner's right end must stay in view."""
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)

    def update_title(self) -> None:
        self.setWindowTitle(
            window_title(
                self.controller.details if self._completed else None,
                is_demo=self.backend.is_demo,
                title=self.backend.title,
            )
        )

    # ------------------------------------------------------------- Qt hooks

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
