"""The one download batch in flight: its engine, its task, and the controls on them.

The download controller fills the slot when a batch starts and empties it when the
batch's run returns, so "is a batch running" has one answer; pause, resume and cancel
act on the engine in it, and `stop` gives the batch a moment to put its part files
down when the window closes.
"""

from __future__ import annotations

import asyncio
import logging

TYPE_CHECKING = False
if TYPE_CHECKING:  # the engine loads with the first batch, not with the window
    from app.core.downloads import DownloadEngine

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_S = 5.0
"""How long closing the window waits for the batch to put its part files down."""


class BatchSlot:
    """Empty between batches; `event_id` stays the last batch's event."""

    def __init__(self) -> None:
        self.engine: DownloadEngine | None = None
        self.task: asyncio.Task[None] | None = None
        self.event_id: int | None = None

    @property
    def running(self) -> bool:
        return self.engine is not None

    @property
    def paused(self) -> bool:
        return self.engine is not None and self.engine.paused

    def fill(self, engine: DownloadEngine, event_id: int) -> None:
        """A batch of `event_id` starts on `engine` (its task is set once started)."""
        self.engine = engine
        self.event_id = event_id

    def empty(self) -> None:
        """The batch's run has returned."""
        self.engine = None
        self.task = None

    def pause(self) -> bool:
        """Pause the batch; False when there is none, or it is paused already."""
        if self.engine is None or self.engine.paused:
            return False
        self.engine.pause()
        return True

    def resume(self) -> bool:
        """Resume the paused batch; False when there is none, or it is not paused."""
        if self.engine is None or not self.engine.paused:
            return False
        self.engine.resume()
        return True

    def cancel(self) -> bool:
        """Stop the batch, its part files removed; True if it was paused (no longer)."""
        if self.engine is None:
            return False
        was_paused = self.engine.paused
        self.engine.cancel(discard_partial=True)
        return was_paused

    async def stop(self, *, keep_parts: bool) -> None:
        """Stop the batch and wait for it a little; kept parts let the next run resume."""
        engine, task = self.engine, self.task
        if engine is None or task is None:
            return
        engine.cancel(discard_partial=not keep_parts)
        try:
            async with asyncio.timeout(SHUTDOWN_GRACE_S):
                await asyncio.shield(task)
        except (TimeoutError, asyncio.CancelledError):
            log.warning("download batch did not stop in time; cancelling it")
        except Exception:  # reported by the runner already
            log.debug("download batch ended with an error", exc_info=True)
