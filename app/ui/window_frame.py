"""The main window's first frame: what is drawn before the controller exists.

`MainWindow` builds on it. Kept apart so that the frame can be on screen while asyncio,
pydantic and the client still load: this module imports light widgets only. It owns the
layout (banner, search row, results header, grid, footer), the banner's redraw for
another backend, and the input a user gives before the window is complete (a moved size
slider, a dropped selfie, a Connect click); the search itself waits in `MainWindow`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from app.ui.menus import Menus
from app.ui.models.photo_model import PhotoModel
from app.ui.photo_drop import PhotoDrop
from app.ui.widgets.demo_banner import DemoBanner, organiser_banner
from app.ui.widgets.event_picker import EventPicker
from app.ui.widgets.message_bar import MessageBar
from app.ui.widgets.pager import Pager
from app.ui.widgets.photo_grid import PhotoGrid
from app.ui.widgets.results_header import ResultsHeader
from app.ui.widgets.search_bar import SearchBar
from app.ui.widgets.selection_bar import SelectionBar

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.backend import BackendConfig


class WindowFrame(QMainWindow):
    """The laid-out main window before `MainWindow.complete()`.

    Signals:
        closed(): the window was closed; the app can shut down.
        connect_requested(): the user wants the connect dialog (menu, Ctrl+, or banner).
    """

    closed = Signal()
    connect_requested = Signal()

    def __init__(
        self, backend: BackendConfig, *, thumbnail_size: int, log_folder: Path | None
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.backend = backend
        self._log_folder = log_folder
        self._completed = False
        """Set by `MainWindow.complete()`: from then on, input goes to the controller."""
        self._connect_asked_early = False
        """Connect was asked for before completion (see `take_early_connect`)."""
        self._size_moved_early = False
        """The size slider was moved on the first frame: its value beats the file's."""
        self.connect_requested.connect(self._note_early_connect)
        self._build(thumbnail_size)
        self.size_slider.valueChanged.connect(self._note_early_size)
        self.photo_drop = PhotoDrop(self)
        self.photo_drop.photo_dropped.connect(self._on_early_drop)
        self._fit_to_screen(1180, 820)

    @property
    def completed(self) -> bool:
        """True once the controller is attached: searches run from then on."""
        return self._completed

    def take_early_connect(self) -> bool:
        """Whether Connect was asked for before the window was complete (nobody listened
        yet): the shell opens the dialog then. Asked once, it is forgotten."""
        asked, self._connect_asked_early = self._connect_asked_early, False
        return asked

    def _redraw_for(self, backend: BackendConfig) -> None:
        """Work on `backend` from now on; redraw the banner when the frame was drawn for
        another (e.g. the demo, for a settings file the model then refused)."""
        drawn, self.backend = self.backend, backend
        if (drawn.is_demo, drawn.title, drawn.sample_bibs, drawn.failure_bib) != (
            backend.is_demo,
            backend.title,
            backend.sample_bibs,
            backend.failure_bib,
        ):
            self._draw_banner()

    # ------------------------------------------------------------ early input

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

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The preferred size, but never larger than a small screen (1024×640): the
        Connect button at the banner's right end must stay in view."""
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)

    # ------------------------------------------------------------- Qt hooks

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
