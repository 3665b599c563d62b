"""`photo-retriever self-test`: open the window, search once, say what happened, close.

An install check for organisers and for the packaged bundle's own test: it goes through
the real window (event opened, a BIB searched, thumbnails drawn) and prints one JSON line
per step on stdout, so a script can also time how long the window took to appear.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any, TextIO

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QPixmap

from app.ui.app import run_gui
from app.ui.main_window import MainWindow
from app.ui.search import SearchMode

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.backend import BackendConfig, BackendProvider

DEFAULT_BIB = "1488"


def run_self_test(
    provider: BackendProvider,
    backend: BackendConfig,
    *,
    bib: str | None,
    timeout: float,
    out: TextIO | None = None,
) -> int:
    """0 when the grid filled with thumbnails, 1 otherwise (the last line says why)."""
    stream = out or sys.stdout
    started = time.monotonic()

    def emit(step: str, **data: Any) -> None:
        line = {"step": step, "seconds": round(time.monotonic() - started, 3), **data}
        if stream is not None:  # a windowed Windows build has no stdout
            print(json.dumps(line), file=stream, flush=True)

    search = bib or (backend.sample_bibs[0] if backend.sample_bibs else DEFAULT_BIB)

    async def drive(window: MainWindow) -> int:
        try:
            async with asyncio.timeout(timeout):
                return await _drive(window, search, emit)
        except TimeoutError:
            emit("timeout", after=timeout)
            return 1
        finally:
            window.close()

    return run_gui(provider, backend, driver=drive)


async def _drive(window: MainWindow, bib: str, emit: Any) -> int:
    emit("shown", visible=window.isVisible())
    controller = window.controller
    while controller.details is None:  # the event opening (None while it loads)
        await _next(controller.events.event_changed)
    details = controller.details
    emit("event", event=details.event_name, title=window.windowTitle())
    drawn: list[str] = []

    def count(image_id: str, _pixmap: QPixmap) -> None:
        drawn.append(image_id)

    controller.thumbnails.thumbnail_ready.connect(count)
    shown = _next(controller.results.page_shown)
    failed = _next(controller.search_failed)
    controller.submit(SearchMode.BIB, bib)
    done, _ = await asyncio.wait({shown, failed}, return_when=asyncio.FIRST_COMPLETED)
    if failed in done:
        emit("failed", reason=f"the search for BIB {bib} failed")
        return 1
    await controller.thumbnails.wait_screen_done()
    rows = controller.model.rowCount()
    view = controller.view
    emit("grid", bib=bib, photos=rows, total=view.total if view else 0, thumbnails=len(drawn))
    return 0 if rows and drawn else 1


def _next(signal: SignalInstance) -> asyncio.Future[Any]:
    """A future for the signal's next emission (its first argument)."""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def fire(*args: Any) -> None:
        signal.disconnect(fire)
        if not future.done():
            future.set_result(args[0] if args else None)

    signal.connect(fire)
    return future
