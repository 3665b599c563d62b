"""`NearbyPresenter`: the "you may be in these too" part of the window, in one object.

It makes the `NearbySession` (state and look-up) and its `NearbySection` (the widgets),
connects the two, and previews strip photos.

The preview walks the strip only (not the result pages) and says in its title that the
photo is one the runner may be in; selecting there selects in the window's selection.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QListView, QWidget

from app.core.errors import NinePicError
from app.ui.controller import SearchController
from app.ui.messages import Action, error_message
from app.ui.nearby_session import NearbySession
from app.ui.preview_presenter import load_large_into
from app.ui.runtime import TaskRunner
from app.ui.strip_room import StripRoom
from app.ui.text import fill
from app.ui.widgets.nearby_strip import NearbySection
from app.ui.widgets.preview import PreviewDialog

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.models import ImageItem

_TASK = "nearby-preview"


class NearbyPresenter(QObject):
    """Owns `session`, `section`, the strip's preview dialog (made on first use) and the
    row it shows. `section` goes into the window's layout (inside `container`)."""

    def __init__(
        self,
        controller: SearchController,
        runner: TaskRunner,
        window: QWidget,
        container: QWidget,
        grid: QListView,
    ) -> None:
        super().__init__(window)
        self.session = session = NearbySession(controller, runner, parent=self)
        self.section = section = NearbySection(session.model, container)
        self.runner = runner
        self.window = window
        self.dialog: PreviewDialog | None = None
        self._row = -1
        strip = section.strip
        self.room = StripRoom(section, grid)
        session.looking.connect(self.room.new_result)
        session.looking.connect(section.show_looking)
        session.photos_found.connect(self._on_photos_found)
        session.failed.connect(self._on_failed)
        session.cleared.connect(section.hide)
        strip.selection_toggled.connect(session.set_selected)
        strip.image_box_changed.connect(session.thumbnails.set_fit)
        session.thumbnails.set_fit(strip.image_box)
        session.thumbnails.set_finisher(strip.card_finisher)
        strip.preview_requested.connect(self.open)
        session.controller.selection.changed.connect(self._on_selection_changed)

    def _on_photos_found(self, count: int) -> None:
        self.room.fit()  # folded before it shows when the results need the room
        self.section.show_photos(count)

    def open(self, row: int) -> None:
        if self.session.model.item(row) is None:
            return
        if self.dialog is None:
            self.dialog = PreviewDialog(self.window)
            self.dialog.setObjectName("nearbyPreviewDialog")
            self.dialog.navigate_requested.connect(self._on_navigate)
            self.dialog.selection_toggled.connect(
                lambda image_id, on: self.session.set_selected([image_id], on)
            )
            self.dialog.finished.connect(self._on_finished)
        self._show_row(row)
        if not self.dialog.isVisible():
            self.dialog.resize(int(self.window.width() * 0.85), int(self.window.height() * 0.85))
            self.dialog.open()

    def close(self) -> None:
        """The window closes: preview shut, look-up cancelled, thumbnail workers stopped."""
        if self.dialog is not None:
            self.dialog.close()
        self.session.close()

    def _show_row(self, row: int) -> None:
        model = self.session.model
        item = model.item(row)
        if item is None or self.dialog is None:
            return
        self._row = row
        self.section.strip.set_current_row(row)
        title = fill(self.tr("You may be in this one · %1 of %2"), row + 1, model.rowCount())
        self.dialog.show_photo(
            item.image_id,
            title,
            model.pixmap(item.image_id),
            selected=self.session.controller.is_selected(item.image_id),
            has_previous=row > 0,
            has_next=row < model.rowCount() - 1,
        )
        self.runner.start(self._load_large(item), key=_TASK)

    async def _load_large(self, item: ImageItem) -> None:
        if self.dialog is not None:
            await load_large_into(self.dialog, item, self.session.controller)

    def _on_navigate(self, delta: int) -> None:
        row = self._row + delta
        if 0 <= row < self.session.model.rowCount():
            self._show_row(row)

    def _on_failed(self, error: NinePicError) -> None:
        self.section.show_failed(error_message(error, Action.LOAD_PAGE).text)

    def _on_selection_changed(self, _ids: list[str]) -> None:
        dialog = self.dialog
        if dialog is not None and dialog.isVisible():
            dialog.set_selected(self.session.controller.is_selected(dialog.image_id))

    def _on_finished(self, _result: int) -> None:
        self.runner.cancel(_TASK)
        self.section.strip.setFocus()
