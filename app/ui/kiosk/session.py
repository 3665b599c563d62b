"""`RunnerSession`: one runner at the kiosk, from the first tap to the reset.

It shows the pages of results and the large preview, watches for idleness (countdown,
then reset), and at the reset forgets everything of the runner: results, selection,
preview, selfie, messages, the download lists, the thumbnail and preview caches, the
phone link and the runner's temporary files. The screen changes at once; the rest
follows as soon as a running download has let go (well within a second).
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.core.models import ImageItem
from app.ui.kiosk.idle import IdleWatcher
from app.ui.search import SearchMode
from app.ui.search_session import PageView
from app.ui.wording import empty_result, search_name

if TYPE_CHECKING:
    from app.ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

_PREVIEW, _RESET, _SELFIE = "kiosk-preview", "kiosk-reset", "kiosk-selfie"
SELFIE_SUFFIXES = (".jpg", ".jpeg", ".png")
SELFIE_SLACK_S = 2.0
"""File times may be coarse (FAT drives keep 2 s): a photo this much older still counts."""


class RunnerSession(QObject):
    """What the kiosk shows of one runner, and how it is forgotten."""

    def __init__(self, window: KioskWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.controller = window.controller
        self.runner = window.runner
        options = window.options
        self.idle = IdleWatcher(
            options.idle_seconds, options.countdown_seconds, clock=window.idle_clock, parent=self
        )
        self.idle.countdown_started.connect(self._show_countdown)
        self.idle.countdown_changed.connect(self._show_countdown)
        self.idle.countdown_cancelled.connect(window.countdown.hide)
        self.idle.reset_due.connect(self.reset)
        self.runner.busy_changed.connect(self.update_held)
        self.preview_row = -1
        self.selfie_used: Path | None = None
        self.runner_since = time.time()
        """When this runner's session began: an older booth photo is someone else's."""
        preview = window.preview_page
        preview.navigate.connect(self._on_navigate)
        preview.toggle_requested.connect(self._toggle_preview_selection)

    # ------------------------------------------------------------- results

    def show_page(self, view: object) -> None:
        assert isinstance(view, PageView)
        page = self.window.results_page
        total = view.total
        name = search_name(view.search)
        page.heading.setText(
            self.tr("{name}: %n photo(s)", "", total).format(name=name) if total else name
        )
        page.set_page(view.page, view.total_pages)
        page.hint.setVisible(total > 0)
        page.select_page_button.setEnabled(total > 0)
        if total == 0:
            selfie_on = not self.window.start_page.selfie_button.isHidden()
            title, detail = empty_result(
                view.search, selfie_on=selfie_on, sample_bibs=self.window.backend.sample_bibs
            )
            self.window.grid.set_status(title, detail)
        else:
            self.window.grid.set_status("")
        if self.window.pages.currentWidget() is self.window.preview_page:
            self.open_preview(0)

    def selection_changed(self) -> None:
        if self.preview_row >= 0:
            item = self.controller.model.item(self.preview_row)
            if item is not None:
                self.window.preview_page.set_selected(self.controller.is_selected(item.image_id))

    # ------------------------------------------------------------- preview

    def open_preview(self, row: int) -> None:
        model = self.controller.model
        item = model.item(row)
        if item is None:
            return
        self.preview_row = row
        page = self.window.preview_page
        view = self.controller.view
        position = (view.page - 1) * view.page_size + row + 1 if view is not None else row + 1
        total = view.total if view is not None else model.rowCount()
        page.show_photo(
            self.tr("Photo {n} of {total}").format(n=position, total=total),
            selected=self.controller.is_selected(item.image_id),
            has_previous=row > 0 or (view is not None and view.has_previous),
            has_next=row + 1 < model.rowCount() or (view is not None and view.has_next),
        )
        page.set_pixmap(model.pixmap(item.image_id))  # the thumbnail until the large one is in
        self.window.pages.setCurrentWidget(page)
        self.runner.start(self._load_large(item, row), key=_PREVIEW)

    async def _load_large(self, item: ImageItem, row: int) -> None:
        try:
            pixmap = await self.controller.load_large(item)
        except Exception as error:  # a missing preview keeps the thumbnail on screen
            log.info("large preview not loaded: %s", type(error).__name__)
            return
        if (
            row == self.preview_row
            and self.window.pages.currentWidget() is self.window.preview_page
        ):
            self.window.preview_page.set_pixmap(pixmap)

    def _on_navigate(self, delta: int) -> None:
        row, rows = self.preview_row + delta, self.controller.model.rowCount()
        if 0 <= row < rows:
            self.open_preview(row)
        elif row >= rows and self.controller.view is not None and self.controller.view.has_next:
            self.controller.next_page()  # `show_page` opens its first photo
        elif row < 0 and self.controller.view is not None and self.controller.view.has_previous:
            self.controller.previous_page()

    def _toggle_preview_selection(self) -> None:
        item = self.controller.model.item(self.preview_row)
        if item is not None:
            self.controller.set_selected(
                [item.image_id], not self.controller.is_selected(item.image_id)
            )

    # ------------------------------------------------------------- selfie

    def update_selfie_offer(self) -> None:
        folder = self.window.options.selfie_folder
        on = folder is not None and self.controller.mode_enabled(SearchMode.SELFIE_PHOTO)
        self.window.start_page.selfie_button.setVisible(on)

    def search_selfie(self) -> None:
        folder = self.window.options.selfie_folder
        if folder is not None:
            self.runner.start(self._search_selfie(folder), key=_SELFIE)

    async def _search_selfie(self, folder: Path) -> None:
        newest = await asyncio.to_thread(_newest_photo, folder, self.runner_since)
        if newest is None:
            self.window.start_page.notice.setText(
                self.tr("No selfie yet: take one at the photo booth, then tap again.")
            )
            return
        self.selfie_used = newest
        self.controller.search_selfie_photo(newest)

    # ------------------------------------------------------------- idle

    def update_armed(self) -> None:
        """Something of a runner on screen: the idle countdown may run."""
        window = self.window
        blank = (
            window.pages.currentWidget() is window.start_page and not window.start_page.input.text()
        )
        self.idle.set_armed(not blank)

    def update_held(self, *_args: object) -> None:
        downloads = self.window.downloads
        self.idle.set_held(self.runner.busy or (downloads is not None and downloads.running))

    def _show_countdown(self, seconds: int) -> None:
        label = self.window.countdown
        label.setText(self.tr("Starting over in %n s — tap to continue", "", seconds))
        self.place_countdown()
        label.show()
        label.raise_()

    def place_countdown(self) -> None:
        label, window = self.window.countdown, self.window
        label.adjustSize()
        x = (window.width() - label.width()) // 2
        label.move(max(0, x), window.height() // 3)

    def stop(self) -> None:
        self.idle.stop()

    # ------------------------------------------------------------- reset

    def reset(self) -> None:
        """Forget the runner: the screen at once, the rest right after."""
        self.runner_since = time.time()
        window = self.window
        window.countdown.hide()
        self.preview_row = -1
        self.runner.cancel(_PREVIEW, _SELFIE)
        window.preview_page.clear()
        window.phone_page.clear()
        window.export_page.set_targets([])
        window.export_page.status.clear()
        window.staff_page.lock()
        window.start_page.clear()
        window.results_page.notice.clear()
        window.results_page.heading.clear()
        for flow in (window.export, window.phone):
            if flow is not None:
                flow.abandon()
        self.controller.reset()
        window.end_reconnecting()
        window.show_start()
        self.update_armed()
        if not self.runner.closed:
            self.runner.start(self._forget(), key=_RESET)

    async def _forget(self) -> None:
        window = self.window
        if window.downloads is not None:
            await window.downloads.forget()
        if window.phone is not None:
            await window.phone.forget()
        selfie, self.selfie_used = self.selfie_used, None
        if selfie is not None:
            await asyncio.to_thread(selfie.unlink, True)
        window.reset_done.emit()


def _newest_photo(folder: Path, since: float) -> Path | None:
    """The newest booth photo taken since `since` (a little slack for coarse file times);
    a file the booth is still writing, or one that vanished, is skipped."""
    try:
        photos = [p for p in folder.iterdir() if p.suffix.lower() in SELFIE_SUFFIXES]
    except OSError:
        return None
    taken: list[tuple[float, Path]] = []
    for photo in photos:
        try:
            stamp = photo.stat().st_mtime
        except OSError:
            continue
        if stamp >= since - SELFIE_SLACK_S:
            taken.append((stamp, photo))
    return max(taken, default=(0.0, None))[1]
