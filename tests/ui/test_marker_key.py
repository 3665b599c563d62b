"""A whole session with a marker key, then every file written and every line printed
searched: the key appears nowhere (settings, journal, report, photos, log, output)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.credentials import KeyStore
from app.core.downloads.filenames import DEFAULT_NAME_PATTERN, NamePattern
from app.core.logsafe import LOG_FILE, configure_logging, log_dir
from app.core.settings import config_dir, default_download_folder, read_settings
from app.demo.config import DemoConfig
from app.demo.server import DemoServer
from app.ui.app import initial_backend, make_shell
from app.ui.search import SearchMode
from tests.ui.conftest import DRAIN_TIMEOUT, FAST_DOWNLOADS, FAST_RETRIES, StandinBackends

MARKER = "k-MARKER-5c0ffee-d0-not-leak"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary HOME with every platform folder inside it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_DATA_HOME", ".local/share"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("PHOTO_RETRIEVER_CONFIG_DIR", str(home / ".config" / "photo-retriever"))
    monkeypatch.delenv("PHOTO_RETRIEVER_LOG_DIR", raising=False)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield home
    configure_logging()
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture(scope="module")
def marker_demo() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig(api_key=MARKER)) as server:
        yield server


def test_the_marker_key_is_written_and_printed_nowhere(
    home: Path,
    marker_demo: DemoServer,
    loop: asyncio.AbstractEventLoop,
    qtbot: QtBot,
    qapp: QApplication,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    server = marker_demo
    assert config_dir().is_relative_to(home) and log_dir().is_relative_to(home)
    configure_logging(logging.DEBUG, log_file=log_dir() / LOG_FILE)  # as with --verbose
    logging.getLogger().addHandler(caplog.handler)  # configure_logging replaced it
    qapp.setQuitOnLastWindowClosed(False)
    keys = KeyStore()
    shell = make_shell(
        StandinBackends(server),
        keys,
        loop,
        read_settings(),
        log_folder=log_dir(),
        retry_policy=FAST_RETRIES,
        download_options=dataclasses.replace(
            FAST_DOWNLOADS, name_pattern=NamePattern.parse(DEFAULT_NAME_PATTERN)
        ),
    )

    def drain() -> None:
        async def idle() -> None:
            async with asyncio.timeout(DRAIN_TIMEOUT):
                await shell.tasks.wait_idle()
                window = shell.window
                if window is not None:
                    await window.runner.wait_idle()
                    await window.saver.flush()

        loop.run_until_complete(idle())

    try:
        backend = initial_backend(shell.provider, read_settings().settings, keys)
        shell.open(backend, read_settings().settings)
        drain()
        # Connect to the "service": a wrong key first (refused), then the marker key.
        dialog = shell.open_connect()
        form = dialog.form
        form.service_button.setChecked(True)
        form.url.setText(server.base_url)
        form.org.setText(str(server.org_id))
        form.key.setText(MARKER[::-1])
        dialog.test_connection()
        drain()
        assert "refused the key" in dialog.status.text()
        form.key.setText(MARKER)
        dialog.test_connection()
        drain()
        form.event_picker.setCurrentIndex(form.event_picker.findData(server.event_id))
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        drain()
        window = shell.window
        assert window is not None and not window.backend.is_demo
        assert MARKER not in repr(window.backend) and MARKER not in repr(shell.client)

        # Search, download everything (one photo has no original: a failure), export.
        bib = server.sample_bibs[1]
        window.search_bar.set_mode(SearchMode.BIB)
        window.search_bar.input.setText(bib)
        qtbot.keyClick(window.search_bar.input, Qt.Key.Key_Return)
        drain()
        assert window.controller.view is not None and window.controller.view.total > 0
        window.selection_bar.download_all_button.click()
        # the first download asks where to save: the proposed folder is kept
        panel = window.download_panel
        assert panel is not None and panel.folder_dialog is not None
        downloads = window.downloads
        assert downloads is not None
        panel.folder_dialog.fileSelected.emit(str(downloads.folder))
        panel.folder_dialog.close()
        drain()
        assert downloads.failed.rowCount() == 1
        # By default: a folder per event, and names from the BIB and a running number.
        event_name = window.controller.details.event_name if window.controller.details else ""
        assert downloads.folder == default_download_folder() / str(event_name)
        assert downloads.folder.is_relative_to(home)
        assert (downloads.folder / f"{bib}_0001.jpg").is_file()
        for name in ("report.csv", "report.json"):
            assert downloads.export_report(home / name)
            drain()
        assert json.loads((home / "report.json").read_text())["counts"]["failed"] == 1
        window.size_slider.setValue(260)  # a settings change, saved
        drain()
    finally:
        loop.run_until_complete(shell.shutdown())
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()
    logging.getLogger("app.test").info("end of session")

    written = [p for p in home.rglob("*") if p.is_file()]
    names = {p.name for p in written}
    assert {"settings.json", LOG_FILE, "report.csv", "report.json"} <= names
    assert any(p.suffix == ".jpg" for p in written)
    assert any(p.name == ".photo-retriever-journal.jsonl" for p in written)
    for path in written:
        data = path.read_bytes()
        assert MARKER.encode() not in data, path
        assert MARKER[::-1].encode() not in data, path
    assert "end of session" in (log_dir() / LOG_FILE).read_text()
    out, err = capfd.readouterr()
    assert "original-photos" in err and "original-photos" in caplog.text  # they did log
    for text in (out, err, caplog.text):
        assert MARKER not in text and MARKER[::-1] not in text
