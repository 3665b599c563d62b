"""`ClipsDock`: the video clips of a selfie search, in a dock under the results.

It wires a `ClipsSession` (the state) to a `ClipsPanel` (the widgets), the window's
search (which selfie search is on screen, which event is open) and its downloads (the
clips go through the same engine and download panel as photos). The dock shows once a
selfie search has answered (by id, or a selfie photo's first page); where the event
switches video clips off, it says so in one line instead of offering them.

Play opens the clip in the system's player (`QDesktopServices.openUrl`), only for https
links or http on this computer: a clip link is public and carries no key.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDockWidget, QMainWindow

from app.core.client import NinePicClient
from app.core.downloads.links import carries_secret
from app.core.errors import InsecureUrl
from app.core.urls import require_secure_url
from app.core.video_jobs import ClipJobState
from app.ui.clips_session import ClipsSession
from app.ui.controller import SearchController
from app.ui.downloads import DownloadController
from app.ui.messages import Action, error_message
from app.ui.runtime import TaskRunner
from app.ui.search import SearchSpec
from app.ui.search_session import PageView
from app.ui.text import Context
from app.ui.widgets.clips_panel import ClipsPanel

ClipWords = Context("ClipWords")

UrlOpener = Callable[[QUrl], bool]


def status_text(session: ClipsSession) -> str:
    """The panel's one line for where the clips of the selfie search stand."""
    if not session.offered:
        return ClipWords.tr(
            "Video clips are switched off for this event by the organiser; only photos are "
            "found by selfie."
        )
    update, minutes = session.update, round(session.schedule.limit_s / 60)
    if session.error is not None:
        return error_message(session.error, Action.SEARCH_SELFIE_ID).text
    if update is None:
        if session.working:
            return ClipWords.tr("Asking the service for your video clips…")
        return ClipWords.tr("The event's cameras may have filmed you too.")
    state = update.state
    if state is ClipJobState.QUEUED:
        return ClipWords.tr("Your video clips are waiting for the service to start…")
    if state is ClipJobState.PROCESSING:
        return ClipWords.tr("The service is cutting your video clips…")
    if state is ClipJobState.FAILED:
        return ClipWords.tr("The service could not make your video clips.")
    if state is ClipJobState.TIMED_OUT:
        return ClipWords.tr("Your video clips are not ready after %n minute(s).", "", minutes)
    if not update.clips:
        return ClipWords.tr("No video clips of you were found.")
    return ClipWords.tr("%n video clip(s) of you:", "", len(update.clips))


class ClipsDock(QObject):
    """The clips dock of one window; `session` and `panel` are its two halves."""

    def __init__(
        self,
        window: QMainWindow,
        controller: SearchController,
        downloads: DownloadController | None,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        session: ClipsSession | None = None,
        open_url: UrlOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(window)
        self.setObjectName("clipsDockWiring")
        self.window = window
        self.controller = controller
        self.downloads = downloads
        self.session = session or ClipsSession(client, runner, parent=self)
        self.open_url = open_url
        self.panel = ClipsPanel()
        self.dock = QDockWidget(self.tr("Video clips"), window)
        self.dock.setObjectName("clipsDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()

        controller.events.event_changed.connect(self.session.set_event)
        controller.search_started.connect(self._on_search)
        controller.results.page_shown.connect(self._on_page_shown)
        self.session.changed.connect(self._show)
        self.panel.find_requested.connect(self.session.find)
        self.panel.play_requested.connect(self.play)
        self.panel.download_requested.connect(self.download)
        # Built after the first paint: the event (and a result) may already be there.
        if controller.details is not None:
            self.session.set_event(controller.details)
        if controller.view is not None:
            self.session.set_search(controller.view.search)
        self._show()

    def play(self, url: str) -> bool:
        """Open one clip in the system's player; refused unless https (or loopback), and
        never a link that carries the API key (the player would send it elsewhere)."""
        try:
            require_secure_url(url)
        except InsecureUrl:
            return False
        if carries_secret(url, self.session.client.secrets):
            return False
        return bool(self.open_url(QUrl(url)))

    def download(self) -> bool:
        """Every clip listed, into the download folder, through the photo engine."""
        job, spec = self.session.download_job(), self.session.search
        if job is None or spec is None or self.downloads is None:
            return False
        return self.downloads.start_clips(spec.event_id, job)

    def _on_search(self, _spec: SearchSpec | None) -> None:
        self.session.set_search(None)  # offered once the search has answered

    def _on_page_shown(self, view: PageView) -> None:
        self.session.set_search(view.search)

    def _show(self) -> None:
        session = self.session
        if session.search is None:
            self.dock.hide()
            return
        update = session.update
        ended = update is not None and update.state in (ClipJobState.FAILED, ClipJobState.TIMED_OUT)
        offered, idle = session.offered, not session.working
        self.panel.show_state(
            status_text(session),
            find=offered and idle and update is None and session.error is None,
            check_again=offered and idle and (ended or session.error is not None),
            clips=session.clips,
        )
        if self.downloads is None:  # a window without downloads only lists and plays
            self.panel.download_button.hide()
        self.dock.show()
        # As tall as its content at the dock's width: one line, or the line and the clips
        # (a wrapping line's own size hint would ask for the height of a narrow column).
        panel = self.panel
        title = max(0, self.dock.sizeHint().height() - panel.sizeHint().height())
        width = max(self.dock.width(), self.window.width())
        content = panel.heightForWidth(width) if panel.hasHeightForWidth() else -1
        height = title + (content if content > 0 else panel.sizeHint().height())
        if self._beside_others():
            height = max(height, self.dock.height())  # never squeeze the downloads beside it
        self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)

    def _beside_others(self) -> bool:
        """Another dock (the downloads) is showing in the same row at the bottom."""
        window = self.window
        return any(
            other is not self.dock
            and other.isVisible()
            and window.dockWidgetArea(other) == window.dockWidgetArea(self.dock)
            for other in window.findChildren(QDockWidget)
        )


def clips_dock_of(window: QMainWindow) -> ClipsDock | None:
    """The clips dock `build_window` gave this window, if any."""
    return next((c for c in window.children() if isinstance(c, ClipsDock)), None)
