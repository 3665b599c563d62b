"""`PreviewPresenter`: the large preview, and moving through the results from it.

Left and right walk the page on screen and, past its ends, the next or previous
result page: the presenter asks for that page and, once it is shown, continues at its
first (or last) photo.
"""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.core.errors import NinePicError
from app.ui.controller import SearchController
from app.ui.messages import Action, error_message
from app.ui.runtime import TaskRunner
from app.ui.search_session import PageView
from app.ui.text import fill
from app.ui.widgets.photo_grid import PhotoGrid
from app.ui.widgets.preview import PreviewDialog

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.models import ImageItem

_TASK = "preview"


class Edge(Enum):
    """Where to continue once the page the preview walked onto is shown."""

    FIRST = auto()
    LAST = auto()


class PreviewPresenter(QObject):
    """Owns the preview dialog (made on first use) and the row it shows."""

    def __init__(
        self,
        controller: SearchController,
        grid: PhotoGrid,
        runner: TaskRunner,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.controller = controller
        self.grid = grid
        self.runner = runner
        self.window = window
        self.dialog: PreviewDialog | None = None
        self._row = -1
        self._continue_at: Edge | None = None
        controller.results.page_shown.connect(self._on_page_shown)
        controller.selection.changed.connect(self._on_selection_changed)

    @property
    def visible(self) -> bool:
        return self.dialog is not None and self.dialog.isVisible()

    def open(self, row: int) -> None:
        if self.controller.model.item(row) is None:
            return
        if self.dialog is None:
            self.dialog = PreviewDialog(self.window)
            self.dialog.navigate_requested.connect(self._on_navigate)
            self.dialog.selection_toggled.connect(self._on_selection_toggled)
            self.dialog.download_requested.connect(self._on_download_requested)
            self.dialog.offer_download()
            self.dialog.finished.connect(self._on_finished)
        self._show_row(row)
        if not self.dialog.isVisible():
            self.dialog.resize(int(self.window.width() * 0.85), int(self.window.height() * 0.85))
            self.dialog.open()
            self.dialog.image.setFocus()  # keys browse; Tab reaches the arrows and buttons

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.close()

    def _show_row(self, row: int) -> None:
        model = self.controller.model
        item = model.item(row)
        view = self.controller.view
        if item is None or self.dialog is None or view is None:
            return
        self._row = row
        self.grid.set_current_row(row)
        position = (view.page - 1) * view.page_size + row + 1
        title = fill(self.tr("Photo %1 of %2"), position, view.total)
        self.dialog.show_photo(
            item.image_id,
            title,
            model.pixmap(item.image_id),
            selected=self.controller.is_selected(item.image_id),
            has_previous=row > 0 or view.has_previous,
            has_next=row < model.rowCount() - 1 or view.has_next,
        )
        self.runner.start(self._load_large(item), key=_TASK)

    async def _load_large(self, item: ImageItem) -> None:
        if self.dialog is not None:
            await load_large_into(self.dialog, item, self.controller)

    def _on_navigate(self, delta: int) -> None:
        row = self._row + delta
        view = self.controller.view
        if 0 <= row < self.controller.model.rowCount():
            self._show_row(row)
        elif view is not None and row >= 0 and view.has_next:
            self._continue_at = Edge.FIRST
            self.controller.next_page()
        elif view is not None and row < 0 and view.has_previous:
            self._continue_at = Edge.LAST
            self.controller.previous_page()

    def _on_page_shown(self, _view: PageView) -> None:
        edge, self._continue_at = self._continue_at, None
        if edge is not None and self.visible:
            self._show_row(0 if edge is Edge.FIRST else self.controller.model.rowCount() - 1)

    def _on_selection_toggled(self, image_id: str, on: bool) -> None:
        self.controller.set_selected([image_id], on)

    def _on_download_requested(self, image_id: str) -> None:
        """Just this photo, through the same downloads as the selection."""
        started = self.controller.request_download([image_id])
        if self.dialog is None:
            return
        if started:
            self.dialog.set_download_started(image_id)
        elif self.controller.downloads is not None and self.controller.downloads.running:
            text = self.tr("Another download is running; download this photo once it is done.")
            self.dialog.set_failed(image_id, text)

    def _on_selection_changed(self, _ids: list[str]) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.set_selected(self.controller.is_selected(self.dialog.image_id))

    def _on_finished(self, _result: int) -> None:
        self.runner.cancel(_TASK)
        self._continue_at = None
        self.window.activateWindow()  # without a window manager (kiosk) nobody else would
        self.grid.setFocus()


async def load_large_into(
    dialog: PreviewDialog, item: ImageItem, controller: SearchController
) -> None:
    """Swap the large photo into the preview once it arrives, or say why it did not."""
    try:
        pixmap = await controller.load_large(item)
    except NinePicError as error:
        dialog.set_failed(item.image_id, error_message(error, Action.PREVIEW).text)
        return
    dialog.set_large(item.image_id, pixmap)
    dialog.set_taken(item.image_id, await controller.results.capture_time(item))
