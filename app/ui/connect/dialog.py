"""`ConnectDialog`: "Connect to your event" — pick the backend, test it, choose the event.

Test connection runs the core check (`app.core.connection`) on the window's task
runner and explains a failure in plain words (`explain`, the one place these
sentences live). Connect tests first when the values changed since the last test,
then hands a `ConnectChoice` to whoever opened the dialog; the dialog never builds a
window or a backend itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.connection import ConnectionOk, HostUnreachable, precheck
from app.core.credentials import ENV_VAR, KeySource, KeyStore, keychain_available
from app.core.errors import (
    AccessDenied,
    AuthMissing,
    HostNotAllowed,
    InsecureUrl,
    KeyRefused,
    NinePicError,
    NotFound,
    RateLimited,
    RequestTimedOut,
    ServerError,
    ServiceUnreachable,
    WrongEvent,
    WrongOrganisation,
)
from app.ui.connect.form import ConnectChoice, ConnectForm
from app.ui.runtime import TaskRunner
from app.ui.text import fill

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.settings import Settings

Probe = Callable[[str, int, str, int | None], Awaitable[ConnectionOk]]
"""(api_url, org_id, api_key, event_id) -> the check's result; raises a typed error."""

TEST_TASK = "connect-test"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConnectDialog", text)


def explain(error: BaseException) -> str:
    """What went wrong when testing the connection, and what to do, in plain words."""
    if isinstance(error, InsecureUrl):
        return _tr(
            "The address is not https. Use https:// so the key and your photos "
            "never travel unencrypted."
        )
    if isinstance(error, AuthMissing):
        return _tr(
            "No API key. Paste the event's API key (the organiser gets it in the 9Pic "
            "dashboard, Developer Zone)."
        )
    if isinstance(error, HostNotAllowed):
        return fill(
            _tr(
                "The service does not accept calls through %1. Use the API address the "
                "organiser gave you (usually https://api.9pic.ai)."
            ),
            error.host,
        )
    if isinstance(error, WrongOrganisation):
        return fill(
            _tr(
                "The key is not for organisation %1. Check the organisation id, or use "
                "this organisation's key."
            ),
            error.org_id,
        )
    if isinstance(error, WrongEvent):
        return fill(
            _tr("Event %1 is not one of this organisation's events. Pick an event from the list."),
            error.event_id,
        )
    if isinstance(error, KeyRefused | AccessDenied):
        return _tr(
            "The service refused the key: it is unknown or switched off. Check that it "
            "was pasted whole, or ask the organiser for a new one."
        )
    if isinstance(error, NotFound):
        return _tr("This event is not set up on the service. Pick another event from the list.")
    if isinstance(error, RateLimited):
        return _tr("The service is busy (too many requests). Wait a minute and test again.")
    if isinstance(error, RequestTimedOut):
        return _tr("The service took too long to answer. Check the connection and test again.")
    if isinstance(error, HostUnreachable):
        return fill(
            _tr("Cannot reach %1. Check the address and the internet connection, then test again."),
            error.host,
        )
    if isinstance(error, ServiceUnreachable):
        return _tr("Cannot reach the service. Check the internet connection and test again.")
    if isinstance(error, ServerError):
        return _tr("The service had a problem on its side. Test again in a moment.")
    if isinstance(error, NinePicError):
        return _tr(
            "The service answered in a way this app does not understand. Check the API address."
        )
    return _tr("The test failed unexpectedly. Try again; the log folder has the details.")


def key_note(keys: KeyStore) -> str:
    """Where the key will be kept, said before the user types it."""
    if keys.env_override:
        return fill(_tr("The key from %1 is used; a key typed here is ignored."), ENV_VAR)
    if keychain_available():
        return _tr("The key is kept in the system keychain, never in a file.")
    return _tr(
        "This computer has no keychain: the key is kept in memory until the app "
        "closes, and asked for again next time."
    )


class ConnectDialog(QDialog):
    """Backend, address, organisation, key and event, plus the download settings.

    Signals:
        connect_requested(object): a checked `ConnectChoice` (tested, for the service).
        test_finished(object): the last test's error, or None when it passed.
    """

    connect_requested = Signal(object)
    test_finished = Signal(object)

    def __init__(
        self,
        settings: Settings,
        keys: KeyStore,
        runner: TaskRunner,
        probe: Probe,
        *,
        event_id: int | None = None,
        downloads_running: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle(_tr("Connect to your event"))
        self.keys = keys
        self.runner = runner
        self._probe = probe
        self._passed: ConnectChoice | None = None
        self._connect_after_test = False
        layout = QVBoxLayout(self)
        self.form = ConnectForm(settings, self)
        self._wanted_event = (
            event_id
            if event_id is not None
            else (settings.last_event_id if settings.backend == "service" else None)
        )
        layout.addWidget(self.form)
        self.form.key_note.setText(key_note(keys))
        found = (
            keys.find(self.form.url.text().strip(), settings.org_id) if settings.org_id else None
        )
        if found is not None and found.source is not KeySource.ENVIRONMENT:
            self.form.key.setText(found.key)
            # The stored key belongs to that address and organisation: once either is
            # edited it must not travel to the new one, so the field empties.
            for field in (self.form.url, self.form.org):
                field.textEdited.connect(self._forget_stored_key)
        if keys.env_override:
            self.form.key.setEnabled(False)
            self.form.show_key.setEnabled(False)

        test_row = QHBoxLayout()
        self.test_button = QPushButton(_tr("&Test connection"), self)
        self.test_button.setObjectName("connectTest")
        self.test_button.clicked.connect(self.test_connection)
        self.status = QLabel(self)
        self.status.setObjectName("connectStatus")
        self.status.setWordWrap(True)
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        test_row.addWidget(self.status, 1)
        self.form.service_form.addRow("", test_row)
        self.setMinimumWidth(620)

        self.busy_note = QLabel(
            _tr(
                "A download is running. Connecting stops it: finished photos stay, the rest "
                "continue when you download them again."
            ),
            self,
        )
        self.busy_note.setObjectName("connectBusyNote")
        self.busy_note.setWordWrap(True)
        self.busy_note.setVisible(downloads_running)
        layout.addWidget(self.busy_note)

        buttons = QDialogButtonBox(self)
        self.connect_button = buttons.addButton(
            _tr("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setObjectName("connectAccept")
        self.connect_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("connectCancel")
        self.connect_button.clicked.connect(self.request_connect)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.form.service_changed.connect(self._on_form_service_changed)
        self._on_form_service_changed()
        # Sized to what the fields need: Qt caps a new window at 2/3 of a small screen,
        # which squeezed the wrapped notes into each other at 1024×640.
        self.resize(max(self.minimumWidth(), self.sizeHint().width()), self.sizeHint().height())

    # ------------------------------------------------------------------ API

    def test_connection(self) -> None:
        """Check the values, then List Events and Ping on the runner."""
        choice = self.form.check()
        if choice is None or choice.demo:
            if choice is not None:
                self.status.setText(_tr("The demo event needs no connection test."))
            return
        assert choice.org_id is not None
        key = self._key_for(choice)
        try:
            url = precheck(choice.api_url)
        except NinePicError as refused:
            self._show_failure(refused)
            return
        self.test_button.setEnabled(False)
        self.status.setText(_tr("Testing the connection…"))
        self.runner.start(self._test(choice, url, choice.org_id, key), key=TEST_TASK)

    def request_connect(self) -> None:
        """Connect: at once for the demo; for the service once a test of these values passed."""
        choice = self.form.check()
        if choice is None:
            return
        if choice.demo or choice.same_service(self._passed):
            self._finish(choice)
        else:
            self._connect_after_test = True
            self.test_connection()

    # ------------------------------------------------------------------ work

    async def _test(self, choice: ConnectChoice, url: str, org_id: int, key: str) -> None:
        try:
            wanted = choice.event_id if choice.event_id is not None else self._wanted_event
            result = await self._probe(url, org_id, key, wanted)
        except Exception as error:  # every failure is shown, none escapes the dialog
            self._show_failure(error)
            return
        finally:
            self.test_button.setEnabled(True)
        self.form.set_events(result.events, result.event_id)
        if result.event_error is not None:
            self._show_failure(result.event_error)
            return
        if not result.events:
            self.status.setText(_tr("Connected, but this organisation has no events yet."))
        else:
            self.status.setText(self.tr("Connected. %n event(s) found.", "", len(result.events)))
        self._passed = ConnectChoice(
            demo=False,
            api_url=url,
            org_id=org_id,
            event_id=self.form.chosen_event(),
            api_key=choice.api_key,
        )
        self.test_finished.emit(None)
        if self._connect_after_test:
            self._connect_after_test = False
            self.request_connect()

    def _finish(self, choice: ConnectChoice) -> None:
        if not choice.demo and choice.api_key and not self.keys.env_override:
            assert choice.org_id is not None
            self.keys.keep(choice.api_url, choice.org_id, choice.api_key)
        self.connect_requested.emit(choice)
        self.accept()

    def _forget_stored_key(self) -> None:
        for field in (self.form.url, self.form.org):
            field.textEdited.disconnect(self._forget_stored_key)
        self.form.key.clear()

    def _key_for(self, choice: ConnectChoice) -> str:
        if self.keys.env_override and choice.org_id is not None:
            found = self.keys.find(choice.api_url, choice.org_id)
            return found.key if found is not None else ""
        return choice.api_key

    def _show_failure(self, error: BaseException) -> None:
        self._connect_after_test = False
        self._passed = None
        self.status.setText(explain(error))
        self.test_finished.emit(error)

    def _on_form_service_changed(self) -> None:
        self.test_button.setEnabled(not self.form.is_demo)
        self.status.clear()
