"""What the message bar says when a call fails: one message with a Retry, and the
"retrying in 3 s" notices for the calls someone is waiting on.

Every kind of search shares it: the sessions report a failure as (error, action, retry
callable), the client's own retries arrive per call (`on_client_retry`), and the
`Reconnector` words the message when the service could not be reached (and retries
by itself once it answers again).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.core.errors import AuthMissing, FeatureDisabled, NinePicError
from app.ui.messages import Action, Level, UserMessage, error_message, retry_notice
from app.ui.reconnect import Reconnector, is_offline
from app.ui.runtime import TaskRunner


class RetryOffer(QObject):
    """The last failure's Retry (None once its search is gone) and whether a retry
    notice is on the message bar.

    Signals:
        message(object): the failure, or a retry notice, as a `UserMessage`.
        message_cleared(): the notice is over, or Retry was pressed.
        key_needed(): the service answered 401: it wants a key this window does not have.
    """

    message = Signal(object)
    message_cleared = Signal()
    key_needed = Signal()

    def __init__(
        self, runner: TaskRunner, reconnect: Reconnector, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._reconnect = reconnect
        reconnect.service_back.connect(self.retry)  # what failed runs again by itself
        self._retry: Callable[[], None] | None = None
        self._notice_shown = False

    @property
    def can_retry(self) -> bool:
        return self._retry is not None

    def withdraw(self) -> None:
        """What failed is no longer on screen: there is nothing to retry."""
        self._retry = None

    def forget_notice(self) -> None:
        """A new search: its first retry is said again."""
        self._notice_shown = False

    def retry(self) -> None:
        """Run again whatever failed last (the message bar's Retry button)."""
        retry, self._retry = self._retry, None
        self._reconnect.stop()
        if retry is not None:
            self.message_cleared.emit()
            retry()

    def report(
        self, error: NinePicError, action: Action, retry: Callable[[], None], waiting_for: str
    ) -> None:
        """A failed call: one message, with a Retry when trying again can help.
        `waiting_for`: what a search waiting for the event looks for ("" when none)."""
        message = self._reconnect.note_failure(error, error_message(error, action), waiting_for)
        self._retry = retry if message.can_retry else None
        self._notice_shown = False
        if isinstance(error, FeatureDisabled) and action is not Action.OPEN_EVENT:
            message = UserMessage(message.text, Level.WARNING)
        self.message.emit(message)
        if isinstance(error, AuthMissing):
            self.key_needed.emit()  # only the service's 401 says a key is missing

    def on_client_retry(self, attempt: int, error: NinePicError, delay: float) -> None:
        if self._runner.busy:  # background prefetches retry quietly
            if self._notice_shown and is_offline(error):
                return  # said at the first failure; the attempts after it are quiet
            self._notice_shown = True
            self.message.emit(retry_notice(error, delay))

    def answered(self) -> None:
        """The service answered (the event opened, a page was shown): probing stops,
        and a retry notice on the bar goes."""
        self._reconnect.stop()
        self.clear_notice()

    def clear_notice(self) -> None:
        """The call got through: a retry notice on the bar goes."""
        if self._notice_shown:
            self._notice_shown = False
            self.message_cleared.emit()
