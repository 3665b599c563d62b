"""The Settings and Help menus: Ctrl+, opens the connect dialog, the log folder, About."""

from __future__ import annotations

from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence

from app.demo.server import DemoServer
from app.ui.menus import LICENCE
from tests.ui.conftest import WindowFactory


def test_connect_action_and_shortcut(make_window: WindowFactory, demo: DemoServer) -> None:
    h = make_window(demo, start=False)
    asked: list[bool] = []
    h.window.connect_requested.connect(lambda: asked.append(True))
    action = h.window.menus.connect_action
    assert action.shortcut() == QKeySequence("Ctrl+,")
    action.trigger()
    assert h.window.demo_banner is not None
    h.window.demo_banner.connect_button.click()
    assert asked == [True, True]


def test_open_log_folder_and_about(
    make_window: WindowFactory, demo: DemoServer, tmp_path: Path
) -> None:
    h = make_window(demo, start=False)
    menus = h.window.menus
    assert not menus.log_action.isEnabled()  # this window was given no log folder
    menus.log_folder = tmp_path / "logs"
    opened: list[QUrl] = []
    menus.open_url = opened.append
    menus.open_log_folder()
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "logs"))]
    assert (tmp_path / "logs").is_dir()
    menus.show_about()
    box = menus.about_box
    assert box is not None and box.isVisible()
    text = box.text()
    assert f"PySide6 {pyside_version}" in text and "Python 3." in text
    assert f"Licence: {LICENCE}" in text
    box.close()
