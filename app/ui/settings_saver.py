"""`SettingsSaver`: the window's settings, written a moment after the last change.

Sliders and pickers change settings many times a second; the saver waits until they
are quiet, then writes a snapshot on a worker thread (never on the GUI thread). At
shutdown a pending write is done before the loop ends.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.ui.runtime import TaskRunner

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.backend import BackendConfig
    from app.core.settings import Settings

log = logging.getLogger(__name__)

QUIET_MS = 600


class SettingsSaver(QObject):
    """Owns the settings object of the window; call `changed()` after editing it."""

    def __init__(
        self,
        settings: Settings,
        runner: TaskRunner,
        *,
        folder: Path | None = None,
        read_only: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """`read_only`: the file on disk was refused (unreadable, newer): never write over it."""
        super().__init__(parent)
        self.settings = settings
        self.read_only = read_only
        self.runner = runner
        self.folder = folder
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUIET_MS)
        self._timer.timeout.connect(self._save)

    def remember_event(self, backend: BackendConfig, event_id: int) -> None:
        """Open this event next time, if the settings describe this window's backend: a
        window opened from flags or a profile must not write its event next to another
        service's address."""
        settings = self.settings
        if backend.is_demo:
            same = settings.backend == "demo"
        else:
            same = (settings.backend, settings.api_url, settings.org_id) == (
                "service",
                backend.api_url,
                backend.org_id,
            )
        if same and settings.last_event_id != event_id:
            settings.last_event_id = event_id
            self.changed()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def changed(self) -> None:
        if not self.read_only:
            self._timer.start()

    async def flush(self) -> None:
        """Write now if a change is still waiting (the window is closing)."""
        if self._timer.isActive():
            self._timer.stop()
            await _save_quietly(self.runner.loop, self.settings.model_copy(), self.folder)

    def _save(self) -> None:
        if not self.runner.closed:
            snapshot = self.settings.model_copy()
            self.runner.start(_save_quietly(self.runner.loop, snapshot, self.folder))


async def _save_quietly(
    loop: asyncio.AbstractEventLoop, settings: Settings, folder: Path | None
) -> None:
    try:
        from app.core.settings import save_settings

        await loop.run_in_executor(None, save_settings, settings, folder)
    except OSError as exc:
        log.warning("could not save settings: %s", type(exc).__name__)
