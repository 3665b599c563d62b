"""`AppShell`: the window of the backend in use, and switching to another without a restart.

A window, its client, its task runner and its downloads belong to one backend. When the
user connects elsewhere (the connect dialog), the shell builds a complete new window for
the new backend, shows it where the old one was, and only then shuts the old one down
in order (tasks, downloads with their parts kept, client). Nothing of the old event's
search or selection can leak into the new one, because none of it is reused.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.logsafe import add_secret
from app.core.retry import RetryPolicy
from app.ui.main_window import MainWindow
from app.ui.messages import Level, UserMessage
from app.ui.runtime import TaskRunner
from app.ui.text import fill

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client, the settings model and the dialog load when first needed
    from app.core.backend import BackendConfig, BackendProvider
    from app.core.client import NinePicClient
    from app.core.connection import ConnectionOk
    from app.core.credentials import KeyStore
    from app.core.settings import Settings, SettingsProblem
    from app.ui.connect.dialog import ConnectDialog, Probe
    from app.ui.connect.form import ConnectChoice

    WindowFactory = Callable[[BackendConfig, NinePicClient, TaskRunner, Settings], MainWindow]
    ClientFactory = Callable[[BackendConfig, RetryPolicy | None], NinePicClient]

log = logging.getLogger(__name__)

TEST_RETRIES = RetryPolicy(max_attempts=1)
"""A connection test reports the first answer: a 429 is explained, not waited out."""


def _default_client(backend: BackendConfig, policy: RetryPolicy | None) -> NinePicClient:
    """Made on first use: httpx and the wire models load once the window is on screen."""
    from app.core.deferred_client import DeferredClient

    return DeferredClient(backend, policy).as_client()


def connection_probe(
    provider: BackendProvider, make_client: ClientFactory = _default_client
) -> Probe:
    """The connect dialog's test: a short-lived client of its own, one try per call."""

    async def probe(api_url: str, org_id: int, api_key: str, event_id: int | None) -> ConnectionOk:
        from app.core.connection import check_connection

        add_secret(api_key)
        backend = provider.service(api_url, org_id, event_id, api_key)
        client = make_client(backend, TEST_RETRIES)
        try:
            return await check_connection(client, event_id)
        finally:
            await client.aclose()

    return probe


class AppShell(QObject):
    """Owns the current window and its client; the one place windows are swapped.

    Signals:
        closed(): the user closed the window (not a switch): the app can end.
        switched(object): the new `MainWindow` is on screen.
    """

    closed = Signal()
    switched = Signal(object)

    def __init__(
        self,
        provider: BackendProvider,
        keys: KeyStore,
        loop: asyncio.AbstractEventLoop,
        make_window: WindowFactory,
        *,
        retry_policy: RetryPolicy | None = None,
        make_client: ClientFactory = _default_client,
        settings_problem: SettingsProblem | None = None,
        settings_path: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.provider = provider
        self.keys = keys
        self.loop = loop
        self.tasks = TaskRunner(loop, self)
        """For the dialog's tests and the switch itself: outlives every window."""
        self._make_window = make_window
        self._make_client = make_client
        self._retry_policy = retry_policy
        self._settings_problem = settings_problem
        self._settings_path = settings_path
        self.window: MainWindow | None = None
        self.client: NinePicClient | None = None
        self.dialog: ConnectDialog | None = None

    # ------------------------------------------------------------------ windows

    def open(self, backend: BackendConfig, settings: Settings) -> MainWindow:
        """Build and show the window for `backend` (the first one, or after a switch)."""
        if backend.api_key:
            add_secret(backend.api_key)
        client = self._make_client(backend, self._retry_policy)
        runner = TaskRunner(self.loop)
        window = self._make_window(backend, client, runner, settings)
        window.connect_requested.connect(self.open_connect)
        window.controller.key_needed.connect(self.open_connect)
        window.closed.connect(self._on_window_closed)
        if window.take_early_connect():  # pressed on the first frame, before anyone listened
            QTimer.singleShot(0, self.open_connect)
        previous = self.window
        if previous is not None:
            window.setGeometry(previous.geometry())
        self.window, self.client = window, client
        window.show()
        window.start()
        if self._settings_problem is not None and previous is None:
            self._report_settings_problem(window)
        return window

    def open_connect(self) -> ConnectDialog:
        """The connect dialog, non-modal (`open`), filled from the current settings."""
        window = self.window
        assert window is not None, "open a window first"
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        settings = window.settings
        event_id = None if window.backend.is_demo else window.controller.event_id
        if not window.backend.is_demo:  # opened from flags or a profile: show what is open
            backend = window.backend
            settings = settings.model_copy(
                update={"backend": "service", "api_url": backend.api_url, "org_id": backend.org_id}
            )
        running = window.downloads is not None and window.downloads.running
        from app.ui.connect.dialog import ConnectDialog  # its widgets load when first opened

        dialog = ConnectDialog(
            settings,
            self.keys,
            self.tasks,
            self.probe,
            event_id=event_id,
            downloads_running=running,
            parent=window,
        )
        dialog.connect_requested.connect(self._on_dialog_connect_requested)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    @property
    def probe(self) -> Probe:
        return connection_probe(self.provider, self._make_client)

    async def switch(self, choice: ConnectChoice) -> MainWindow:
        """A new window for the chosen backend, then the old one put away in order."""
        old, old_client = self.window, self.client
        assert old is not None
        settings = _updated(old.settings, choice)
        if choice.demo:
            backend = await self.loop.run_in_executor(None, self.provider.demo)
        else:
            assert choice.org_id is not None
            found = self.keys.find(choice.api_url, choice.org_id)
            key = found.key if found is not None else choice.api_key
            backend = self.provider.service(choice.api_url, choice.org_id, choice.event_id, key)
        await old.saver.flush()
        window = self.open(backend, settings)
        window.saver.changed()
        old.closed.disconnect(self._on_window_closed)
        old.hide()
        await old.shutdown()
        if old_client is not None:
            await old_client.aclose()
        old.deleteLater()
        self.switched.emit(window)
        return window

    async def shutdown(self) -> None:
        """Window (tasks, downloads) first, then its client, then the shell's own tasks."""
        window, client = self.window, self.client
        await self.tasks.shutdown()
        if window is not None:
            await window.shutdown()
        if client is not None:
            await client.aclose()

    # ------------------------------------------------------------------ slots

    def _on_dialog_connect_requested(self, choice: ConnectChoice) -> None:
        self.tasks.start(self.switch(choice), key="switch")

    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _on_window_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.closed.emit()

    def _report_settings_problem(self, window: MainWindow) -> None:
        """Now, and again once the event has opened (opening it clears the bar)."""
        message = self._settings_problem_message()
        window.message_bar.show_message(message)

        def once_open(details: object) -> None:
            if details is not None:
                window.controller.events.event_changed.disconnect(once_open)
                window.message_bar.show_message(message)

        window.controller.events.event_changed.connect(once_open)

    def _settings_problem_message(self) -> UserMessage:
        where = str(self._settings_path) if self._settings_path else ""
        from app.core.settings import SettingsProblem

        if self._settings_problem is SettingsProblem.NEWER:
            text = self.tr(
                "Your settings file was written by a newer version of this app. It was left "
                "as it is and default settings are used until you update: %1"
            )
        else:
            text = self.tr(
                "Your settings file could not be read. It was left as it is (nothing is "
                "written over it) and default settings are used: %1"
            )
        return UserMessage(fill(text, where), Level.WARNING)


def _updated(settings: Settings, choice: ConnectChoice) -> Settings:
    """The settings after the dialog: backend, address, event, download options."""
    changes: dict[str, object] = {
        "backend": "demo" if choice.demo else "service",
        "download_folder": choice.download_folder,
        "parallel_downloads": choice.parallel_downloads,
        "thumbnail_size": choice.thumbnail_size,
        "name_pattern": choice.name_pattern,
    }
    if not choice.demo:
        changes.update(api_url=choice.api_url, org_id=choice.org_id, last_event_id=choice.event_id)
    from app.core.settings import Settings

    return Settings.model_validate({**settings.model_dump(), **changes})
