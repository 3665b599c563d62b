"""The connect dialog against real stand-ins that refuse: each failure in plain words."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from app.core.credentials import KEYRING_SERVICE, KeyStore, keychain_user
from app.core.errors import InsecureUrl
from app.core.settings import Settings
from app.demo.config import DemoConfig
from app.demo.server import DemoServer
from app.ui.connect.dialog import ConnectDialog, explain
from app.ui.connect.form import ConnectChoice
from app.ui.runtime import TaskRunner
from app.ui.shell import connection_probe
from tests.keyrings import MemoryKeyring
from tests.relay.support import running_relay
from tests.ui.conftest import DRAIN_TIMEOUT, StandinBackends


@pytest.fixture(scope="module")
def host_refusing_demo() -> Iterator[DemoServer]:
    """A stand-in whose key only works through api.9pic.ai, so loopback calls get a 403."""
    with DemoServer(DemoConfig(allowed_hosts=("api.9pic.ai",))) as server:
        yield server


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class DialogHarness:
    def __init__(
        self,
        qtbot: QtBot,
        loop: asyncio.AbstractEventLoop,
        server: DemoServer,
        settings: Settings | None = None,
        keys: KeyStore | None = None,
    ) -> None:
        self.loop = loop
        self.runner = TaskRunner(loop)
        self.keys = keys or KeyStore({})
        self.dialog = ConnectDialog(
            settings or Settings(),
            self.keys,
            self.runner,
            connection_probe(StandinBackends(server)),
        )
        qtbot.addWidget(self.dialog)
        self.qtbot = qtbot
        self.choices: list[ConnectChoice] = []
        self.dialog.connect_requested.connect(self.choices.append)
        self.dialog.show()

    def fill(self, url: str, org: int | str, key: str) -> None:
        form = self.dialog.form
        form.service_button.setChecked(True)
        for edit, text in ((form.url, url), (form.org, str(org)), (form.key, key)):
            edit.clear()
            self.qtbot.keyClicks(edit, text)

    def drain(self) -> None:
        async def idle() -> None:
            async with asyncio.timeout(DRAIN_TIMEOUT):
                await self.runner.wait_idle()

        self.loop.run_until_complete(idle())

    def test(self) -> str:
        self.qtbot.mouseClick(self.dialog.test_button, Qt.MouseButton.LeftButton)
        self.drain()
        return self.dialog.status.text()

    def close(self) -> None:
        self.loop.run_until_complete(self.runner.shutdown())


@pytest.fixture(autouse=True)
def _keep_running_when_the_dialog_closes(qapp: QApplication) -> Iterator[None]:
    """As in the app: closing the dialog (the only window here) does not quit the loop."""
    before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(before)


@pytest.fixture
def harness(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, demo: DemoServer
) -> Iterator[DialogHarness]:
    made = DialogHarness(qtbot, loop, demo)
    yield made
    made.close()


def test_a_working_connection_lists_the_events_and_connects(
    harness: DialogHarness, demo: DemoServer
) -> None:
    harness.fill(demo.base_url, demo.org_id, demo.api_key)
    assert harness.test().startswith("Connected.")
    picker = harness.dialog.form.event_picker
    assert picker.count() >= 2 and picker.findData(demo.event_id) >= 0
    picker.setCurrentIndex(picker.findData(demo.event_id))  # another event: tested again
    harness.qtbot.mouseClick(harness.dialog.connect_button, Qt.MouseButton.LeftButton)
    harness.drain()
    [choice] = harness.choices
    assert (choice.demo, choice.org_id, choice.event_id) == (False, demo.org_id, demo.event_id)
    assert demo.api_key not in repr(choice)
    # No keychain here: the key stays in this session's memory, not in any file.
    assert harness.keys.find(demo.base_url, demo.org_id) is not None
    assert "memory" in harness.dialog.form.key_note.text()


def test_connect_tests_first_when_not_tested(harness: DialogHarness, demo: DemoServer) -> None:
    harness.fill(demo.base_url, demo.org_id, "not-the-key")
    harness.qtbot.mouseClick(harness.dialog.connect_button, Qt.MouseButton.LeftButton)
    harness.drain()
    assert harness.choices == []
    assert "refused the key" in harness.dialog.status.text()


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("no key", "No API key"),
        ("key refused", "refused the key"),
        ("other org", "not for organisation"),
        ("cannot reach", "Cannot reach 127.0.0.1"),
        ("rate limited", "busy"),
    ],
)
def test_each_failure_is_explained(
    harness: DialogHarness, demo: DemoServer, case: str, expected: str
) -> None:
    url, org, key = demo.base_url, demo.org_id, demo.api_key
    if case == "no key":
        key = ""
    elif case == "key refused":
        key = "k-unknown-123"
    elif case == "other org":
        org = demo.other_org_id
    elif case == "cannot reach":
        url = _closed_port_url()
    elif case == "rate limited":
        demo.set_faults(throttle=1.0)
    harness.fill(url, org, key)
    assert expected in harness.test()
    assert harness.choices == []


def test_an_address_without_https_is_refused_before_any_call(
    harness: DialogHarness, demo: DemoServer
) -> None:
    harness.fill("http://api.example.org", demo.org_id, demo.api_key)
    assert harness.test() == ""
    error = harness.dialog.findChild(QLabel, "connectApiUrlError")
    assert error is not None and error.isVisible()
    assert error.text() == "Use an https:// address; keys never travel unencrypted."
    assert "not https" in explain(InsecureUrl())  # the same, should a check further on refuse


def test_an_event_of_another_organisation_is_explained_and_the_list_offered(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, demo: DemoServer
) -> None:
    settings = Settings(
        backend="service",
        api_url="https://api.9pic.ai",
        org_id=demo.org_id,
        last_event_id=demo.other_event_id,
    )
    made = DialogHarness(qtbot, loop, demo, settings)
    try:
        made.fill(demo.base_url, demo.org_id, demo.api_key)
        text = made.test()
        assert f"Event {demo.other_event_id} is not one of this organisation's" in text
        assert made.dialog.form.event_picker.count() >= 2  # pick one of these instead
    finally:
        made.close()


def test_a_host_not_allowed_is_explained(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, host_refusing_demo: DemoServer
) -> None:
    server = host_refusing_demo
    made = DialogHarness(qtbot, loop, server)
    try:
        made.fill(server.base_url, server.org_id, server.api_key)
        assert "does not accept calls through 127.0.0.1" in made.test()
    finally:
        made.close()


def test_refused_values_say_why_beside_the_field(harness: DialogHarness) -> None:
    form = harness.dialog.form
    harness.fill("ftp://x", "abc", "has space")
    form.folder.setText("relative/folder")
    assert form.check() is None
    for name in ("connectApiUrlError", "connectOrgError", "connectApiKeyError"):
        label = harness.dialog.findChild(QLabel, name)
        assert label is not None and label.isVisible() and label.text(), name
    folder_error = harness.dialog.findChild(QLabel, "connectFolderError")
    assert folder_error is not None and "full folder path" in folder_error.text()


def test_show_hide_key(harness: DialogHarness) -> None:
    form = harness.dialog.form
    assert not form.key.isEnabled()  # the demo needs no key
    form.service_button.setChecked(True)
    assert form.key.echoMode() is QLineEdit.EchoMode.Password
    harness.qtbot.mouseClick(form.show_key, Qt.MouseButton.LeftButton)
    assert form.key.echoMode() is QLineEdit.EchoMode.Normal
    harness.qtbot.mouseClick(form.show_key, Qt.MouseButton.LeftButton)
    assert form.key.echoMode() is QLineEdit.EchoMode.Password


def test_with_a_keychain_the_key_is_stored_there_and_offered_next_time(
    qtbot: QtBot,
    loop: asyncio.AbstractEventLoop,
    demo: DemoServer,
    memory_keyring: MemoryKeyring,
) -> None:
    made = DialogHarness(qtbot, loop, demo)
    try:
        assert "system keychain" in made.dialog.form.key_note.text()
        made.fill(demo.base_url, demo.org_id, demo.api_key)
        made.test()
        made.dialog.request_connect()
        made.drain()
        user = keychain_user(demo.base_url, demo.org_id)
        assert memory_keyring.store == {(KEYRING_SERVICE, user): demo.api_key}
    finally:
        made.close()
    settings = Settings(backend="service", api_url=demo.base_url, org_id=demo.org_id)
    again = DialogHarness(qtbot, loop, demo, settings)
    try:
        form = again.dialog.form
        assert form.key.text() == demo.api_key
        qtbot.keyClicks(form.url, "x")  # another address: the stored key must not go there
        assert form.key.text() == ""
        qtbot.keyClicks(form.key, "typed-by-hand")
        qtbot.keyClicks(form.org, "1")
        assert form.key.text() == "typed-by-hand", "only the stored key is taken back"
    finally:
        again.close()


def test_the_environment_key_overrides_the_field(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, demo: DemoServer
) -> None:
    keys = KeyStore({"NINEPIC_API_KEY": demo.api_key})
    made = DialogHarness(qtbot, loop, demo, keys=keys)
    try:
        assert "NINEPIC_API_KEY" in made.dialog.form.key_note.text()
        assert not made.dialog.form.key.isEnabled()
        made.fill(demo.base_url, demo.org_id, "")
        assert made.test().startswith("Connected.")
    finally:
        made.close()


def test_file_name_pattern_shows_an_example_and_refuses_bad_ones(harness: DialogHarness) -> None:
    form = harness.dialog.form
    assert form.name_example.text() == "For example: 1488_0007.jpg"
    form.name_pattern.setText("{event}/{n}")
    assert form.name_example.text() == ""
    assert form.check() is None
    error = harness.dialog.findChild(QLabel, "connectNamePatternError")
    assert error is not None and error.isVisible() and "{n}" in error.text()
    form.name_pattern.setText("{event} {bib}-{n:03}")
    assert form.name_example.text() == "For example: Demo City Marathon 2026 1488-007.jpg"
    choice = form.check()
    assert choice is not None and choice.name_pattern == "{event} {bib}-{n:03}"


def test_a_running_download_is_mentioned(
    qtbot: QtBot, loop: asyncio.AbstractEventLoop, demo: DemoServer
) -> None:
    runner = TaskRunner(loop)
    probe = connection_probe(StandinBackends(demo))
    quiet = ConnectDialog(Settings(), KeyStore({}), runner, probe)
    busy = ConnectDialog(Settings(), KeyStore({}), runner, probe, downloads_running=True)
    for dialog in (quiet, busy):
        qtbot.addWidget(dialog)
        dialog.show()
    assert not quiet.busy_note.isVisible()
    assert busy.busy_note.isVisible() and "stops it" in busy.busy_note.text()
    loop.run_until_complete(runner.shutdown())


def test_a_relay_needs_no_key_and_a_refused_one_is_said_after_the_401(
    harness: DialogHarness, demo: DemoServer
) -> None:
    """An event relay holds the organisation's key: the runner leaves the field empty.
    No key is demanded up front; the same empty field on the service itself gets the
    service's 401, and only then the "no key" words."""
    with running_relay(demo) as relay:
        harness.fill(relay.base_url, demo.org_id, "")
        assert "event" in harness.test().lower()
        assert "No API key" not in harness.dialog.status.text()
        assert harness.dialog.form.event_picker.count() == len(relay.config.events)
    harness.fill(demo.base_url, demo.org_id, "")
    assert "No API key" in harness.test()
