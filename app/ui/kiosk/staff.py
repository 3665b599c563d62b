"""`StaffDesk`: the PIN check behind the staff screen, off the GUI thread.

scrypt is slow on purpose (tens of milliseconds), so each check runs in a worker
thread; while it runs, and while a wrong PIN's delay lasts, the keys are off.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QObject

from app.core.kiosk.pin import PinGate
from app.ui.kiosk.panels import StaffPage
from app.ui.runtime import TaskRunner

_PIN = "kiosk-pin"


class StaffDesk(QObject):
    """Checks the PINs typed on `page` against `gate`; unlocks the page on the right one."""

    def __init__(
        self, page: StaffPage, gate: PinGate, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.gate = gate
        self.runner = runner
        page.pin_entered.connect(self.check)

    def prepare(self) -> None:
        """The staff screen opens locked, saying so when no PIN was ever set."""
        self.page.lock()
        if not self.gate.is_set:
            self.page.status.setText(
                self.tr("No staff PIN is set. Run “photo-retriever set-kiosk-pin” first.")
            )

    def check(self, pin: str) -> None:
        self.page.set_waiting(True)
        self.runner.start(self._check(pin), key=_PIN)

    async def _check(self, pin: str) -> None:
        answer = await asyncio.to_thread(self.gate.check, pin)
        page = self.page
        if answer.ok:
            page.set_waiting(False)
            page.unlock()
            return
        if answer.not_set:
            page.status.setText(self.tr("No staff PIN is set."))
        elif answer.wait_s > 0:
            page.status.setText(
                self.tr("Wrong PIN. Try again in %n second(s).", "", int(answer.wait_s + 0.99))
            )
            page.wait_then_listen(answer.wait_s)
            return
        else:
            page.status.setText(self.tr("Wrong PIN."))
        page.set_waiting(False)
