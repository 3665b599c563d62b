"""`ControllerWiring`: what connects the controller to the window's frame once it exists.

The frame (`MainWindow`) is drawn before the controller has loaded; this object is made
by `MainWindow.complete()` and holds the slots that forward the controller's signals to
the frame's widgets, the widgets' requests to the controller, and the shortcuts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from app.ui.messages import Action, error_message, offline_status
from app.ui.search import SearchMode, SearchSpec
from app.ui.selfie_support import SelfieSupport
from app.ui.text import fill
from app.ui.user_message import Level, UserMessage
from app.ui.wording import empty_result, search_heading, search_name

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.models import EventDetails, EventListItem
    from app.ui.main_window import MainWindow
    from app.ui.search_session import PageView

_Keys = QKeySequence | QKeySequence.StandardKey | str


class ControllerWiring(QObject):
    """Connects `window.controller` and the window's widgets both ways (made once)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = w = window
        w.sizes.changed.connect(lambda: self._on_selection_changed([]))
        w.photo_drop.photo_dropped.connect(self._on_photo_dropped)
        c = w.controller
        c.events.events_loaded.connect(self._on_events_loaded)
        c.events.event_changed.connect(self._on_event_changed)
        c.search_started.connect(self._on_search_started)
        c.results.page_shown.connect(self._on_page_shown)
        c.results.results_cleared.connect(self._on_results_cleared)
        c.results.selfie_search_ready.connect(w.search_bar.show_selfie_request_id)
        c.input_refused.connect(w.search_bar.show_input_error)
        c.message.connect(self._on_controller_message)
        c.message_cleared.connect(w.message_bar.clear)
        c.busy_changed.connect(w.busy_indicator.setVisible)
        c.selection.changed.connect(self._on_selection_changed)
        c.search_failed.connect(self._on_search_failed)
        c.downloads_missing.connect(self._on_downloads_missing)
        w.runner.failed.connect(self._on_runner_failed)

        w.event_picker.event_chosen.connect(c.select_event)
        w.search_bar.focus_results_requested.connect(w.focus_grid)
        w.search_bar.mode_changed.connect(w.show_hint)
        w.selfie_support = SelfieSupport(w.search_bar, w.runner, w.saver, w)
        w.message_bar.retry_requested.connect(c.retry)
        w.grid.selection_toggled.connect(c.set_selected)
        w.grid.preview_requested.connect(w.previews.open)
        w.grid.image_box_changed.connect(c.thumbnails.set_fit)
        c.thumbnails.set_finisher(w.grid.card_finisher)
        w.grid.page_size_changed.connect(c.results.set_page_size)
        if w.grid.page_size:  # laid out before the controller was there
            c.results.set_page_size(w.grid.page_size)
            c.thumbnails.set_fit(w.grid.image_box)
        w.pager.previous_requested.connect(c.previous_page)
        w.pager.next_requested.connect(c.next_page)
        w.selection_bar.select_page_requested.connect(c.select_page)
        w.selection_bar.select_all_requested.connect(c.select_all_results)
        w.selection_bar.clear_requested.connect(c.clear_selection)
        w.selection_bar.download_selected_requested.connect(c.request_download_selected)
        w.selection_bar.download_all_requested.connect(c.request_download_all)
        w.size_slider.valueChanged.connect(self._on_size_slider_changed)

        shortcuts: list[tuple[_Keys, Callable[[], None]]] = [
            (QKeySequence(Qt.Key.Key_PageDown), c.next_page),
            (QKeySequence(Qt.Key.Key_PageUp), c.previous_page),
            (QKeySequence.StandardKey.Find, w.focus_search),
            ("Ctrl+L", w.focus_search),
            (QKeySequence.StandardKey.SelectAll, self._select_page_or_text),
            ("Ctrl+Shift+A", c.select_all_results),
            ("Ctrl+Shift+N", c.clear_selection),
            ("Ctrl+D", c.request_download_selected),
            ("Ctrl+Shift+D", c.request_download_all),
            ("Ctrl+O", w.search_bar.choose_photo),
            (QKeySequence.StandardKey.ZoomIn, lambda: self._step_size(+24)),
            ("Ctrl+=", lambda: self._step_size(+24)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self._step_size(-24)),
        ]
        for keys, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), w)  # window-wide
            shortcut.activated.connect(slot)

    def _on_events_loaded(self, events: list[EventListItem]) -> None:
        w = self.window
        w.event_picker.set_events(events, w.controller.event_id)

    def _on_controller_message(self, message: UserMessage) -> None:
        w = self.window
        w.message_bar.show_message(message)
        if message.level is Level.INFO or message.retrying:
            return  # a notice, or a retry still to come
        if w.controller.details is None:
            offline = w.controller.reconnect.waiting
            w.event_picker.set_unavailable(offline)
            w.grid.set_status(
                *(offline_status() if offline else (self.tr("The event could not be opened"), ""))
            )

    def _on_search_failed(self, spec: SearchSpec | None) -> None:
        w = self.window
        w.results_title.setText(search_heading(spec))  # no "Searching…" left behind
        offline = w.controller.reconnect.waiting
        w.grid.set_status(*(offline_status() if offline else (self.tr("No photos to show"), "")))

    def _on_event_changed(self, details: EventDetails | None) -> None:
        w = self.window
        if w.downloads is not None and details is not None:
            w.downloads.set_event(details.event_id, details.event_name)
        if details is None:
            w.search_bar.set_available(False, False, event_known=False)
            w.update_title()
            w.show_hint()
            return
        w.event_picker.show_event(details.event_id)
        w.time_search.offer_modes(details)
        w.update_title()
        w.show_hint()
        if not details.event_enabled:
            w.message_bar.show_message(
                UserMessage(
                    self.tr(
                        "This event is not switched on for photo search yet; "
                        "searches may find nothing."
                    ),
                    Level.INFO,
                )
            )
        w.saver.remember_event(w.backend, details.event_id)

    def _on_search_started(self, spec: SearchSpec | None) -> None:
        w = self.window
        w.search_bar.clear_input_error()
        w.results_title.setText(fill(self.tr("Searching %1…"), search_name(spec)))
        w.grid.set_status("")

    def _on_results_cleared(self) -> None:
        w = self.window
        w.pager.set_state(0, 0, 0)
        w.selection_bar.set_results(0, 0)
        if w.controller.search is None:
            w.results_title.clear()
            w.show_hint()

    def _on_page_shown(self, view: PageView) -> None:
        w = self.window
        w.results_title.setText(search_heading(view.search))
        w.pager.set_state(view.page, view.total_pages, view.total)
        w.selection_bar.set_results(w.controller.model.rowCount(), view.total)
        if view.total == 0:
            selfie_on = w.controller.mode_enabled(SearchMode.SELFIE)
            sample_bibs = w.backend.sample_bibs
            w.grid.set_status(
                *empty_result(view.search, selfie_on=selfie_on, sample_bibs=sample_bibs)
            )
        else:
            w.grid.set_status("")

    def _on_selection_changed(self, _ids: list[str]) -> None:
        w = self.window
        selection = w.controller.selection
        if selection.count:
            w.sizes.learn(w.controller.event_id, selection.items())
        w.selection_bar.set_selection(
            selection.count,
            selection.estimated_bytes(w.sizes.bytes_per_pixel(w.controller.event_id)),
            selection.pages,
        )

    def _on_downloads_missing(self) -> None:
        w = self.window
        w.message_bar.show_message(
            UserMessage(self.tr("Downloading is not available in this build."), Level.INFO)
        )

    def _on_runner_failed(self, error: BaseException, name: str) -> None:
        w = self.window
        w.message_bar.show_message(error_message(error, Action.LOAD_PAGE))

    def _on_size_slider_changed(self, value: int) -> None:
        w = self.window
        w.settings.thumbnail_size = value
        w.saver.changed()

    def _select_page_or_text(self) -> None:
        """Ctrl+A selects the page from anywhere; with no photos shown, the search text."""
        w = self.window
        if w.controller.model.rowCount():
            w.controller.select_page()
        elif w.search_bar.input.hasFocus():
            w.search_bar.input.selectAll()

    def _step_size(self, delta: int) -> None:
        w = self.window
        w.size_slider.setValue(w.size_slider.value() + delta)

    def _on_photo_dropped(self, path: str) -> None:
        w = self.window
        # While the event opens its flags are unknown: take the photo, the search waits.
        if w.controller.details is None or w.controller.mode_enabled(SearchMode.SELFIE_PHOTO):
            w.search_bar.use_photo(path)
        else:
            w.search_bar.show_input_error(
                self.tr("This event does not offer search by selfie. Search by BIB number instead.")
            )
