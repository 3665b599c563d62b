"""The window's start: its first frame on screen first, the rest of the app after it.

Process start → window visible is what people feel, and most of what the app loads
draws nothing. So the first frame (the window at its size, the banner, the search row,
the empty grid with its hint, the footer) is built from light modules and painted
before asyncio, qasync, pydantic, the client or the controller load. Those then load
in steps, each its own turn of the Qt event loop, so typing in the search field works
meanwhile; `app.ui.app.run_gui` completes the same window on the asyncio loop, and an
Enter pressed before that runs its search then (`MainWindow.complete`).
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.core.backend import BackendConfig, BackendProvider
from app.core.settings_peek import peek_settings
from app.ui.app_look import prepare_app
from app.ui.first_paint import after_first_paint
from app.ui.main_window import MainWindow

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.settings import LoadedSettings

LATER_MODULES = (
    "asyncio",
    "app.ui.runtime",  # qasync
    "pydantic",
    "pydantic.main",  # the model machinery: the largest part of pydantic
    "app.core.settings",
    "app.ui.controller",
    "PIL.Image",  # the capture times of the preview
    "app.ui.preview_presenter",
    "app.ui.nearby_presenter",
    "app.ui.app",
)
"""What loads after the first paint, one module (and what it needs) per loop turn."""


def run_window(
    provider: BackendProvider, *, demo_event_id: int | None = None, verbose: bool = False
) -> int:
    """The window on what the settings remember, first frame first; until it is closed."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare_app(app)
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # closed during the start: we decide below
    try:
        frame = first_frame(provider, demo_event_id)
        closed: list[bool] = []
        frame.closed.connect(lambda: closed.append(True))
        frame.show()
        frame.search_bar.input.setFocus()  # typing works from the first frame on
        loaded: list[LoadedSettings] = []

        def read_settings() -> None:
            from app.core.settings import read_settings

            loaded.append(read_settings())

        turn_until_done(
            frame, [lambda: _configure_logging(verbose), *_imports(LATER_MODULES), read_settings]
        )
        if closed:
            return 0
        from app.ui.app import run_gui

        return run_gui(provider, demo_event_id=demo_event_id, settings=loaded[0], frame=frame)
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)


def first_frame(provider: BackendProvider, demo_event_id: int | None = None) -> MainWindow:
    """The window as it opens, before its controller: on the demo (its sample BIBs in
    the banner) unless the settings remember a service; the thumbnail size remembered."""
    peek = peek_settings()
    if peek.opens_demo:
        face = provider.demo(demo_event_id)
    else:  # drawn only (no banner, no key): `complete()` gets the service's real config
        face = BackendConfig("", 0, None, is_demo=False)
    return MainWindow(face, thumbnail_size=peek.thumbnail_size)


def turn_until_done(window: MainWindow, steps: Sequence[Callable[[], object]]) -> None:
    """Once `window` has been painted, run `steps` one per event-loop turn; return when
    all have run (an exception from one is raised here, the rest are skipped)."""
    loop = QEventLoop()
    pending = list(steps)
    failed: list[BaseException] = []

    def step() -> None:
        if not pending:
            loop.quit()
            return
        try:
            pending.pop(0)()
        except BaseException as exc:  # raised again outside the loop
            failed.append(exc)
            loop.quit()
            return
        QTimer.singleShot(0, step)  # input and paints are handled in between

    after_first_paint(window, step)
    loop.exec()
    if failed:
        raise failed[0]


def _imports(names: Sequence[str]) -> list[Callable[[], object]]:
    return [functools.partial(importlib.import_module, name) for name in names]


def _configure_logging(verbose: bool) -> None:
    import logging

    from app.core.logsafe import LOG_FILE, configure_logging, log_dir

    level = logging.DEBUG if verbose else logging.WARNING
    configure_logging(level, log_file=log_dir() / LOG_FILE)
