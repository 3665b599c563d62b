"""The window opened from an organiser profile: its event, its title in the title bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.backends import AppBackends
from app.cli import apply_profile, build_parser, open_backend
from app.core.profile import PROFILE_NAME
from app.demo.server import DemoServer
from app.ui.app import run_gui
from app.ui.main_window import MainWindow


def test_the_shipped_profile_sets_event_and_title(
    demo: DemoServer, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NINEPIC_API_KEY", demo.api_key)
    (tmp_path / PROFILE_NAME).write_text(
        f'api_url = "{demo.base_url}"\norg = {demo.org_id}\nevent = {demo.event_id}\n'
        'title = "City Marathon photos"\n'
    )
    args = build_parser().parse_args([])
    apply_profile(args, tmp_path)
    seen: dict[str, object] = {}

    def close_when_ready(tries: int = 200) -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        ready = [w for w in windows if w.isVisible() and w.controller.details is not None]
        if ready:
            seen["title"] = ready[0].windowTitle()
            seen["banner"] = ready[0].demo_banner is not None
            organiser = ready[0].findChild(QLabel, "organiserBanner")
            seen["organiser"] = organiser.text() if organiser is not None else None
            ready[0].close()
        elif tries:
            QTimer.singleShot(50, lambda: close_when_ready(tries - 1))

    with open_backend(args) as backend:
        assert (backend.api_url, backend.event_id, backend.is_demo) == (
            demo.base_url,
            demo.event_id,
            False,
        )
        QTimer.singleShot(50, close_when_ready)
        backends = AppBackends()
        try:
            assert run_gui(backends, backend) == 0
        finally:
            backends.close()
    assert seen == {
        "title": "City Marathon photos — Demo City Marathon 2026",
        "banner": False,
        "organiser": "City Marathon photos",
    }
