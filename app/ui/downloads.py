"""The download side of the window: one engine per batch, its events as Qt signals.

`DownloadController` knows no widgets. The window calls `start_selected`, `start_all`,
`pause`, `resume`, `cancel`, `retry_failed`, `set_folder` and `export_report`; the
controller runs the batch through the `TaskRunner`, keeps `items` (the photos of the
batch) and `failed` (the failed list) up to date from the engine's events, and reports
back with signals. One batch at a time: a second request while one runs is refused with
a message (the user can cancel, or wait; "Download all" again later skips what is there).

The failed list is the journal in the download folder, one `DownloadHistory` per
folder and event (`failed_journal`; the batches of that folder write through the same
one), read again whenever the event or the folder changes, so it survives restarts;
during a batch it follows the engine's events. Before the first download the user is
asked where to save, once (`download_folder.FolderQuestion`).

Why one module of ~470 lines: every engine event moves the batch, its item rows and the
failed list together; splitting the list off would give that one state two owners kept
in step by hand (its storage, the report, the words and the models live elsewhere).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.downloads import (
    BatchFinished,
    BatchProgress,
    BatchStopped,
    BatchWaiting,
    DownloadEvent,
    DownloadJob,
    DownloadOptions,
    DownloadSummary,
    ItemFinished,
    ItemProgress,
    ItemQueued,
    ItemResult,
    ItemRetrying,
    ItemStarted,
    ItemStatus,
)
from app.core.downloads.filenames import event_folder_name
from app.ui.download_folder import FolderChooser, FolderQuestion
from app.ui.download_words import (
    bib_what,
    clips_what,
    listed_what,
    retry_what,
    selected_what,
    selfie_what,
)
from app.ui.failed_journal import FailedJournals
from app.ui.messages import Level, UserMessage, problem_text, waiting_text
from app.ui.models.download_model import DownloadListModel
from app.ui.models.failed_model import FailedModel
from app.ui.report_export import save_report
from app.ui.runtime import TaskRunner
from app.ui.search import SearchMode, SearchSpec
from app.ui.wording import file_label

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.client import NinePicClient
    from app.core.downloads import DownloadEngine

log = logging.getLogger(__name__)

Work = Callable[["DownloadEngine"], Awaitable[DownloadSummary]]
"""What a batch runs on its engine (`run(job)` or `retry_failed(ids)`)."""

_BATCH, _FAILED, _REPORT = "download", "download-failed", "download-report"
SHUTDOWN_GRACE_S = 5.0
"""How long closing the window waits for the batch to put its part files down."""


class DownloadController(QObject):
    """Downloads for the window: batches, pause / resume / cancel, the failed list, reports.

    Signals:
        batch_started(str): a batch began; what it fetches ("BIB 1042", "3 selected photos").
        progress_changed(object): a `ProgressSnapshot` of the running batch.
        paused_changed(bool): the batch was paused or resumed.
        batch_stopped(object): the `BatchProblem` that ends the batch early.
        batch_waiting(str): the batch waits for another download to let go of the folder.
        batch_finished(object): the `DownloadSummary` once every photo has an outcome.
        running_changed(bool): a batch started or ended.
        failed_changed(int): how many photos the failed list holds now.
        folder_changed(str): the download folder was changed (remember it).
        folder_shown(str): the folder in use moved with the event (not to be remembered).
        report_saved(str): a report was written to this path.
        message(object): a `UserMessage` for the message bar.
        download_event(object): every engine `DownloadEvent`, as is.
    """

    batch_started = Signal(str)
    progress_changed = Signal(object)
    paused_changed = Signal(bool)
    batch_stopped = Signal(object)
    batch_waiting = Signal(str)
    batch_finished = Signal(object)
    running_changed = Signal(bool)
    failed_changed = Signal(int)
    folder_changed = Signal(str)
    folder_shown = Signal(str)
    report_saved = Signal(str)
    message = Signal(object)
    download_event = Signal(object)

    def __init__(
        self,
        client: NinePicClient,
        runner: TaskRunner,
        *,
        folder: Path,
        options: DownloadOptions | None = None,
        event_folders: bool = False,
        folder_confirmed: bool = True,
        folder_chooser: FolderChooser | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`event_folders`: `folder` is a base and each event saves into its own sub-folder
        (`Race photos/Demo City Marathon 2026`) until the user picks a folder.
        `folder_confirmed=False`: the first download asks `folder_chooser` where to save
        (`folder_question`; the window gives it a folder dialog)."""
        super().__init__(parent)
        self.client = client
        self.runner = runner
        self.base_folder = Path(folder)
        self.event_folders = event_folders
        self.folder = Path(folder)
        self._event_name = ""
        if options is None:
            from app.core.downloads import DownloadOptions

            options = DownloadOptions()
        self.options = options
        self.items = DownloadListModel(self)
        self.failed = FailedModel(self)
        self.event_id: int | None = None
        """The event whose failed list is shown (and "Retry failed" retries)."""
        self.last_summary: DownloadSummary | None = None
        self._engine: DownloadEngine | None = None
        self._batch_event: int | None = None
        self._task: asyncio.Task[None] | None = None
        self.journals = FailedJournals()
        self.folder_question = FolderQuestion(folder_confirmed, folder_chooser)

    # ------------------------------------------------------------- state

    @property
    def running(self) -> bool:
        return self._engine is not None

    @property
    def paused(self) -> bool:
        return self._engine is not None and self._engine.paused

    @property
    def can_retry(self) -> bool:
        return not self.running and self.failed.can_any_succeed()

    def report_summary(self) -> DownloadSummary | None:
        """What "Export report" writes: the last batch, or else the failed list."""
        if self.last_summary is not None:
            return self.last_summary
        failed = self.failed.results()
        return DownloadSummary(self.folder, tuple(failed)) if failed else None

    # ------------------------------------------------------------- batches

    def start_selected(self, image_ids: list[str], event_id: int | None, label: str = "") -> bool:
        """`label`: the search the photos were picked from (`{bib}` in file names)."""
        if not image_ids or event_id is None:
            return False
        from app.core.downloads import DownloadJob

        what = selected_what(len(dict.fromkeys(image_ids)))
        job = DownloadJob.for_ids(image_ids, label)
        return self._start(event_id, what, lambda engine: engine.run(job))

    def start_all(self, spec: SearchSpec, image_ids: list[str] | None = None) -> bool:
        """Everything `spec` found; a time window or the gallery passes its listed ids."""
        if spec.lists_photos:
            if not image_ids:
                return False
            job = DownloadJob.for_ids(image_ids, file_label(spec))
            what = listed_what(spec, len(job.image_ids or ()))
        elif spec.mode is SearchMode.BIB:
            job = DownloadJob.for_bib(spec.identifier)
            what = bib_what(spec.identifier)
        else:
            job = DownloadJob.for_selfie(spec.identifier)
            what = selfie_what()
        return self._start(spec.event_id, what, lambda engine: engine.run(job))

    def start_clips(self, event_id: int, job: DownloadJob) -> bool:
        """The video clips of a selfie search (`DownloadJob.for_clips`), saved as .mp4."""
        return self._start(event_id, clips_what(len(job.clips)), lambda e: e.run(job))

    def retry_failed(self) -> bool:
        """Fresh links for just the failed photos of the failed list."""
        ids = self.failed.retry_ids()
        if not ids or self.event_id is None:
            return False
        what = retry_what(len(ids))
        return self._start(self.event_id, what, lambda engine: engine.retry_failed(ids))

    def _start(
        self,
        event_id: int,
        what: str,
        work: Work,
    ) -> bool:
        if self.running:
            self.message.emit(
                UserMessage(
                    self.tr(
                        "A download is already running. Wait for it to finish, or cancel it first.",
                    ),
                    Level.INFO,
                )
            )
            return False
        if self.runner.closed:
            return False
        if self.folder_question.needed:
            self.folder_question.ask(
                self.folder, lambda folder: self._on_folder_answer(folder, event_id, what, work)
            )
            return True
        options = self.options
        if options.name_pattern is not None:
            options = dataclasses.replace(options, event_name=self._event_name)
        from app.core.downloads import DownloadEngine  # the engine loads with the first batch

        engine = DownloadEngine(
            self.client,
            event_id,
            self.folder,
            options=options,
            listener=self._on_event,
            history=self.journals.history(self.folder, event_id),
        )
        self._engine = engine
        self._batch_event = event_id
        self.last_summary = None
        self.items.clear()
        self.running_changed.emit(True)
        self.batch_started.emit(what)
        self._task = self.runner.start(self._run(engine, work), key=_BATCH)
        return True

    async def _run(
        self,
        engine: DownloadEngine,
        work: Work,
    ) -> None:
        summary: DownloadSummary | None = None
        try:
            summary = await work(engine)
        finally:
            self._engine = None
            self._task = None
            if summary is not None:
                self.last_summary = summary
                self.batch_finished.emit(summary)
            self.running_changed.emit(False)  # after the summary: none means it broke off

    def _on_folder_answer(
        self,
        folder: Path | None,
        event_id: int,
        what: str,
        work: Work,
    ) -> None:
        """The first download's folder: remembered (even when the proposal is kept), then
        the download that asked goes ahead; no folder, no download (nothing is lost)."""
        if folder is None:
            self.message.emit(
                UserMessage(
                    self.tr("Nothing was downloaded: no folder was chosen."),
                    Level.INFO,
                )
            )
            return
        path = folder.expanduser()
        unchanged = path == self.folder
        if not self.set_folder(path):
            return
        if unchanged:
            self.folder_changed.emit(str(path))
        self._start(event_id, what, work)

    # ------------------------------------------------------------- controls

    def pause(self) -> None:
        if self._engine is not None and not self._engine.paused:
            self._engine.pause()
            self.paused_changed.emit(True)

    def resume(self) -> None:
        if self._engine is not None and self._engine.paused:
            self._engine.resume()
            self.paused_changed.emit(False)

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def cancel(self) -> None:
        """Stop the batch; unfinished photos are reported as cancelled, parts removed."""
        if self._engine is not None:
            was_paused = self._engine.paused
            self._engine.cancel(discard_partial=True)
            if was_paused:
                self.paused_changed.emit(False)

    # ------------------------------------------------------- folder, event

    def set_folder(self, folder: str | Path) -> bool:
        """Download into another folder from the next batch on (not while one runs)."""
        path = Path(folder).expanduser()
        if self.running:
            self.message.emit(
                UserMessage(
                    self.tr(
                        "The folder can be changed once the running download has ended.",
                    ),
                    Level.INFO,
                )
            )
            return False
        self.event_folders = False  # a folder the user picked is used as it is
        self.folder_question.confirmed = True
        if path == self.folder:
            return True
        self.folder = self.base_folder = path
        self.last_summary = None
        self.folder_changed.emit(str(path))
        self.reload_failed()
        return True

    def set_event(self, event_id: int | None, name: str | None = None) -> None:
        """Show the failed list of this event (read from the folder's journal); with
        `event_folders`, downloads of this event go to its own sub-folder."""
        if event_id == self.event_id:
            return
        self.event_id = event_id
        self._event_name = (name or "").strip() or (f"Event {event_id}" if event_id else "")
        if self.event_folders and event_id is not None and not self.running:
            self.folder = self.base_folder / event_folder_name(self._event_name, event_id)
            self.last_summary = None
            self.folder_shown.emit(str(self.folder))
        self.reload_failed()

    def dismiss_failed(self) -> bool:
        """Forget every photo on the failed list (originals that will never come)."""
        keys = self.failed.keys()
        if not keys or self.event_id is None or self.running or self.runner.closed:
            return False
        self.runner.start(self._dismiss(self.event_id, self.folder, keys), key=_FAILED)
        return True

    async def _dismiss(self, event_id: int, folder: Path, keys: list[str]) -> None:
        await self.journals.dismiss(folder, event_id, keys)
        await self._load_failed(event_id, folder)

    def reload_failed(self) -> None:
        if self.runner.closed:
            return
        if self.event_id is None:
            self.runner.cancel(_FAILED)
            self._set_failed([])
            return
        self.runner.start(self._load_failed(self.event_id, self.folder), key=_FAILED)

    async def _load_failed(self, event_id: int, folder: Path) -> None:
        results = await self.journals.failed_items(folder, event_id)
        if event_id == self.event_id and folder == self.folder:
            self._set_failed(results)

    def _set_failed(self, results: list[ItemResult]) -> None:
        self.failed.set_results(results)
        self.failed_changed.emit(self.failed.rowCount())

    # ------------------------------------------------------------- report

    def export_report(self, path: str | Path) -> bool:
        """Write the receipt (CSV for a .csv path, JSON otherwise) off the GUI thread."""
        summary = self.report_summary()
        if summary is None or self.runner.closed:
            return False
        self.runner.start(self._export(summary, Path(path)), key=_REPORT)
        return True

    async def _export(self, summary: DownloadSummary, path: Path) -> None:
        message = await save_report(summary, path)
        if message.level is not Level.ERROR:
            self.report_saved.emit(str(path))
        self.message.emit(message)

    # ----------------------------------------------------------- shutdown

    async def forget(self) -> None:
        """A kiosk reset: stop the batch (its parts removed), then empty every list."""
        await self.shutdown(keep_parts=False)
        self.items.clear()
        self.last_summary = None
        self.journals.clear()
        self._set_failed([])

    async def shutdown(self, *, keep_parts: bool = True) -> None:
        """Window closing: stop the batch, keeping part files so the next run resumes."""
        engine, task = self._engine, self._task
        if engine is None or task is None:
            return
        engine.cancel(discard_partial=not keep_parts)
        try:
            async with asyncio.timeout(SHUTDOWN_GRACE_S):
                await asyncio.shield(task)
        except (TimeoutError, asyncio.CancelledError):
            log.warning("download batch did not stop in time; cancelling it")
        except Exception:  # reported by the runner already
            log.debug("download batch ended with an error", exc_info=True)

    # ------------------------------------------------------------- events

    def _on_event(self, event: DownloadEvent) -> None:
        """The engine's listener: on the loop (GUI) thread, for every event."""
        if isinstance(event, ItemProgress):
            self.items.progress(event.key, event.done, event.total)
        elif isinstance(event, BatchProgress):
            self.progress_changed.emit(event.snapshot)
        elif isinstance(event, ItemStarted):
            self.items.started(
                event.key, event.image_id, event.file, event.total_bytes, event.resumed_from
            )
        elif isinstance(event, ItemQueued):
            self.items.queued(event.key, event.image_id, event.suggested_name)
        elif isinstance(event, ItemRetrying):
            self.items.retrying(event.key, event.attempt, event.reason)
        elif isinstance(event, ItemFinished):
            self._on_item_finished(event.result)
        elif isinstance(event, BatchStopped):
            self.batch_stopped.emit(event.problem)
            self.message.emit(UserMessage(problem_text(event.problem), Level.ERROR))
        elif isinstance(event, BatchWaiting):
            waiting = waiting_text()
            self.batch_waiting.emit(waiting)
            self.message.emit(UserMessage(waiting, Level.INFO))
        elif isinstance(event, BatchFinished):
            pass  # `_run` reports the summary once `run` has returned
        self.download_event.emit(event)

    def _on_item_finished(self, result: ItemResult) -> None:
        self.items.finished(result)
        if self._batch_event != self.event_id:
            return  # the failed list on screen belongs to another event
        if result.ok and self.failed.row_of(result.key) is not None:
            self.failed.remove(result.key)
        elif result.status is ItemStatus.FAILED:
            self.failed.put(result)  # cancelled photos are not failures: "Download" again
        else:
            return
        self.failed_changed.emit(self.failed.rowCount())
