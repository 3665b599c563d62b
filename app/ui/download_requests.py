"""The window's download requests (the selection, one previewed photo, everything a
search found), handed to the `DownloadController` the window attached.

A window without downloads says so (`missing`) instead; a time window or the whole
gallery is listed page by page first, then downloaded by id.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.ui.event_session import EventSession
from app.ui.messages import Action, Level, UserMessage
from app.ui.search_session import SearchSession
from app.ui.selection import Selection
from app.ui.wording import file_label

TYPE_CHECKING = False
if TYPE_CHECKING:  # the wire models and the downloads load where used, not with the window
    from app.core.models import ImageItem
    from app.ui.downloads import DownloadController


class DownloadRequests(QObject):
    """Where "Download" goes: `downloads`, or None until the window attaches them.

    Signals:
        selected_requested(list): the user asked for these image ids.
        all_requested(object): the user asked for every photo of this `SearchSpec`.
        missing(): a download was asked for but this window has no downloads.
        message(object): a `UserMessage` for the message bar.
    """

    selected_requested = Signal(list)
    all_requested = Signal(object)
    missing = Signal()
    message = Signal(object)

    def __init__(
        self,
        events: EventSession,
        results: SearchSession,
        selection: Selection,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._events = events
        self._results = results
        self._selection = selection
        self.downloads: DownloadController | None = None

    def request_selected(self) -> None:
        ids = self._selection.ids()
        if not ids:  # only the Ctrl+D key gets here: the button is disabled
            self.message.emit(UserMessage(self._nothing_selected_text(), Level.INFO))
            return
        self.selected_requested.emit(ids)
        self.request(ids)

    def request(self, ids: list[str]) -> bool:
        """Download these photos of the search (the selection, or the one previewed)."""
        if self.downloads is None:
            self.missing.emit()
            return False
        spec = self._results.search
        label = ""
        if spec is not None:
            label = file_label(spec)
        return self.downloads.start_selected(ids, self._events.event_id, label)

    def _nothing_selected_text(self) -> str:
        if self._results.model.rowCount():
            return self.tr(
                "No photos are selected. Click photos or press Space to select them, "
                "or Ctrl+A for the whole page, then Ctrl+D."
            )
        return self.tr("No photos are selected. Search for your photos first, then select them.")

    def request_all(self) -> None:
        spec, view = self._results.search, self._results.view
        if spec is None or view is None or view.total == 0:
            return
        self.all_requested.emit(spec)
        downloads = self.downloads
        if downloads is None:
            self.missing.emit()
        elif spec.lists_photos:  # a window or the gallery: list its photos, then by ids

            def listed(items: list[ImageItem], _pages: dict[str, int]) -> None:
                downloads.start_all(spec, [item.image_id for item in items])

            self._results.fetch_every_item(spec, listed, Action.DOWNLOAD)
        else:
            downloads.start_all(spec)
