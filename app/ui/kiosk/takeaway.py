"""Taking photos away: to a drive or the export folder, or to the runner's phone.

Both go through the window's one `DownloadController` (the same engine, checks and
journal as a desktop download), into one folder per runner with readable names
(`<drive>/BIB 1488/1488_0007.jpg`, through the engine's file-name pattern). The
space on a drive is checked before anything is fetched. The phone hand-off downloads
into the runner's temporary folder, then offers it on the hand-off server; the reset
revokes the offer and removes the folder.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.downloads import DownloadSummary, ProgressSnapshot
from app.core.downloads.filenames import NamePattern
from app.core.kiosk.handoff import HandoffServer
from app.core.kiosk.space import check_space
from app.ui.controller import SearchController
from app.ui.downloads import DownloadController
from app.ui.kiosk.drives import DriveSource, Target, export_folder_target
from app.ui.messages import format_bytes
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec

log = logging.getLogger(__name__)

_LIST, _SYNC, _HANDOFF = "kiosk-list-drives", "kiosk-sync", "kiosk-handoff"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Takeaway", text, None, n)


def _plain(text: str) -> str:
    """Letters, digits, spaces and dashes only: safe as a folder or file name anywhere."""
    return "".join(c for c in text if c.isalnum() or c in " -_").strip() or "photos"


def runner_folder_name(spec: SearchSpec | None) -> str:
    """ "BIB 1488", or "Selfie 1d626aeb" for a selfie search."""
    if spec is None:
        return "Photos"
    if spec.mode is SearchMode.BIB:
        return _plain(f"BIB {spec.identifier.upper()}")
    return _plain(f"Selfie {spec.identifier[:8]}")


RUNNER_NAMES = NamePattern.parse("{bib}_{n:04}")
"""`1488_0001.jpg`, … in the order the runner chose them, whatever the settings say."""


def runner_term(spec: SearchSpec | None) -> str:
    """`{bib}` in the runner's file names: their BIB, or `selfie`."""
    if spec is not None and spec.mode is SearchMode.BIB:
        return _plain(spec.identifier.upper())
    return "selfie"


class _Flow(QObject):
    """What both ways share: which batch is ours, and its end."""

    def __init__(
        self,
        controller: SearchController,
        downloads: DownloadController,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.downloads = downloads
        self.runner = runner
        self._ours = False
        downloads.batch_finished.connect(self._on_batch_finished)
        downloads.running_changed.connect(self._on_running_changed)

    @property
    def busy(self) -> bool:
        return self._ours

    def abandon(self) -> None:
        """The runner is gone: whatever our batch still reports is not shown or offered."""
        self._ours = False

    def _download_into(self, folder: Path) -> bool:
        ids = self.controller.selected_ids()
        if not ids or not self.downloads.set_folder(folder):
            return False
        self.downloads.options = replace(self.downloads.options, name_pattern=RUNNER_NAMES)
        self._ours = self.downloads.start_selected(
            ids, self.controller.event_id, runner_term(self.controller.search)
        )
        return self._ours

    def _on_running_changed(self, running: bool) -> None:
        if not running and self._ours:  # ended without a summary: it broke off
            self._ours = False
            self._broke_off()

    def _on_batch_finished(self, summary: DownloadSummary) -> None:
        if self._ours:
            self._ours = False
            self._finished(summary)

    def _finished(self, summary: DownloadSummary) -> None:
        raise NotImplementedError

    def _broke_off(self) -> None:
        raise NotImplementedError


class ExportFlow(_Flow):
    """ "Save to USB" and the export folder.

    Signals:
        targets_listed(list): the `Target`s to offer now (drives, then the export folder).
        status(str): progress in plain words.
        refused(str): not started (no space, nothing selected), in plain words.
        done(str, bool): the end in plain words; True when every photo is there.
    """

    targets_listed = Signal(list)
    status = Signal(str)
    refused = Signal(str)
    done = Signal(str, bool)

    def __init__(
        self,
        controller: SearchController,
        downloads: DownloadController,
        runner: TaskRunner,
        *,
        drives: DriveSource | None,
        export_dir: Path | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(controller, downloads, runner, parent)
        self.drives = drives
        self.export_dir = export_dir
        self._target: Target | None = None
        downloads.progress_changed.connect(self._on_progress)

    def list_targets(self) -> None:
        self.runner.start(self._list(), key=_LIST)

    async def _list(self) -> None:
        found: list[Target] = []
        if self.drives is not None:
            found += await asyncio.to_thread(self.drives)
        if self.export_dir is not None:
            folder = await asyncio.to_thread(
                export_folder_target, self.export_dir, _tr("Export folder")
            )
            if folder is not None:
                found.append(folder)
        self.targets_listed.emit(found)

    def save_to(self, target: Target) -> bool:
        """Check the space, then download the selection into the runner's folder there."""
        count = self.controller.selected_count
        if not count:
            self.refused.emit(_tr("Tap the photos you want first."))
            return False
        space = check_space(
            target.root,
            self.controller.selection.estimated_bytes(),
            free=lambda _path: target.free_bytes,
        )
        if not space.fits:
            text = _tr(
                "Not enough space on {drive}: your %n photo(s) need about {need}, and it has "
                "{free} free. Choose fewer photos or another drive.",
                count,
            ).format(
                drive=target.name, need=format_bytes(space.needed), free=format_bytes(space.free)
            )
            self.refused.emit(text)
            return False
        folder = target.root / runner_folder_name(self.controller.search)
        self._target = target
        if not self._download_into(folder):
            self._target = None
            self.refused.emit(_tr("Saving is not possible right now. Please try again."))
            return False
        self.status.emit(_tr("Saving %n photo(s) to {drive}…", count).format(drive=target.name))
        return True

    def _on_progress(self, snapshot: ProgressSnapshot) -> None:
        total = snapshot.items_total
        if not self._ours or self._target is None or not total:
            return
        self.status.emit(
            _tr("Saving to {drive}: {done} of %n photo(s)…", total).format(
                drive=self._target.name, done=snapshot.items_finished
            )
        )

    def _finished(self, summary: DownloadSummary) -> None:
        target, self._target = self._target, None
        self.runner.start(self._sync_and_say(summary, target), key=_SYNC)

    def _broke_off(self) -> None:
        self._target = None
        self.done.emit(_tr("Saving stopped. Please try again."), False)

    async def _sync_and_say(self, summary: DownloadSummary, target: Target | None) -> None:
        await asyncio.to_thread(_sync, summary.folder)
        saved = len(summary.downloaded) + len(summary.already_there)
        missing = len(summary.results) - saved
        folder = summary.folder.name
        if saved == 0:
            self.done.emit(_tr("No photos could be saved. Please ask staff for help."), False)
            return
        text = _tr("%n photo(s) saved in the folder “{folder}”.", saved).format(folder=folder)
        if missing:
            text += " " + _tr("%n could not be fetched.", missing)
        if target is not None and target.removable:
            text += " " + _tr("You can remove the USB drive now.")
        self.done.emit(text, missing == 0)


def _sync(folder: Path) -> None:
    """Everything written is on the drive before we say it can be removed."""
    if hasattr(os, "sync"):
        os.sync()
        return
    try:  # Windows: flush the folder's files one by one
        for path in folder.iterdir():
            with path.open("rb+") as handle:
                os.fsync(handle.fileno())
    except OSError as exc:
        log.warning("sync of the export folder failed: %s", exc.strerror or exc)


class PhoneFlow(_Flow):
    """ "Send to my phone": the selection downloaded here, offered by a one-time link.

    Signals:
        status(str): progress in plain words.
        ready(str): the one-time URL to show as a QR code.
        failed(str): it did not work, in plain words.
    """

    status = Signal(str)
    ready = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        controller: SearchController,
        downloads: DownloadController,
        runner: TaskRunner,
        *,
        server: HandoffServer,
        temp_root: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(controller, downloads, runner, parent)
        self.server = server
        self.temp_root = temp_root
        self._runner_number = 0
        self._label = ""

    @property
    def runner_folder(self) -> Path:
        """This runner's temporary folder (gone at the reset)."""
        return self.temp_root / f"runner-{self._runner_number}"

    def send(self) -> bool:
        count = self.controller.selected_count
        if not count:
            self.failed.emit(_tr("Tap the photos you want first."))
            return False
        if not self.server.on_lan:
            self.failed.emit(_tr("This kiosk is not on a network a phone can reach. Ask staff."))
            return False
        self._label = runner_folder_name(self.controller.search)
        if not self._download_into(self.runner_folder / self._label):
            self.failed.emit(_tr("Sending is not possible right now. Please try again."))
            return False
        self.status.emit(_tr("Getting %n photo(s) ready for your phone…", count))
        return True

    def _finished(self, summary: DownloadSummary) -> None:
        files = [summary.folder / r.file for r in summary.results if r.ok and r.file]
        if not files:
            self.failed.emit(_tr("No photos could be fetched. Please ask staff for help."))
            return
        self.runner.start(self._offer(files), key=_HANDOFF)

    def _broke_off(self) -> None:
        self.failed.emit(_tr("Sending stopped. Please try again."))

    async def _offer(self, files: list[Path]) -> None:
        try:
            await asyncio.to_thread(self.server.start)
        except (OSError, RuntimeError) as exc:
            log.warning("phone hand-off server not started: %s", exc)
            self.failed.emit(_tr("Send to my phone is not working right now. Ask staff."))
            return
        self.ready.emit(self.server.offer(self._label, files))

    def abandon(self) -> None:
        """The reset, at once: no link is offered any more, the current one ends."""
        super().abandon()
        self.runner.cancel(_HANDOFF)
        self.server.revoke()

    async def forget(self) -> None:
        """The reset: the link ends, the runner's files go; the next runner gets a new folder."""
        self.abandon()
        folder = self.runner_folder
        self._runner_number += 1
        await asyncio.to_thread(shutil.rmtree, folder, True)
