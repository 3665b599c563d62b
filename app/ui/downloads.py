"""The download side of the window: one engine per batch, its events as Qt signals.

`DownloadController` knows no widgets. The window calls `start_selected`, `start_all`,
`pause`, `resume`, `cancel`, `retry_failed`, `set_folder` and `export_report`; the
controller runs the batch through the `TaskRunner`, keeps `items` (the photos of the
batch) and `failed` (the failed list) up to date from the engine's events, and reports
back with signals. One batch at a time: a second request while one runs is refused with
a message (the user can cancel, or wait; "Download all" again later skips what is there).

Each request becomes a `BatchOrder` (what it fetches, in words, and the work). The
controller composes the batch in flight (`BatchSlot`: its engine, pause / resume /
cancel), the folder in use (`DownloadFolder`: per event or the one picked; before the
first download the user is asked where to save, once) and the failed list
(`FailedTracker`, read from the folder's journal). Every engine event moves the
batch's item rows here and its outcomes to the failed list: each state has one owner.
"""

from __future__ import annotations

import dataclasses
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
    ItemRetrying,
    ItemStarted,
)
from app.core.downloads.transfer_context import leave_a_core
from app.ui.batch_order import BatchOrder, Work
from app.ui.batch_slot import BatchSlot
from app.ui.download_folder import DownloadFolder, FolderChooser, FolderQuestion
from app.ui.failed_tracker import FailedTracker
from app.ui.messages import Level, UserMessage, problem_text, waiting_text
from app.ui.models.download_model import DownloadListModel
from app.ui.models.failed_model import FailedModel
from app.ui.report_export import save_report
from app.ui.runtime import TaskRunner
from app.ui.search import SearchSpec

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.client import NinePicClient
    from app.core.downloads import DownloadEngine

_BATCH, _REPORT = "download", "download-report"


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
        self.place = DownloadFolder(
            folder,
            per_event=event_folders,
            question=FolderQuestion(folder_confirmed, folder_chooser),
        )
        if options is None:
            from app.core.downloads import DownloadOptions

            options = DownloadOptions()
        # The GUI thread shares the process with the transfers: leave it a core.
        self.options = dataclasses.replace(options, transfer=leave_a_core(options.transfer))
        self.items = DownloadListModel(self)
        self.failed_list = FailedTracker(runner, self.place, self)
        self.failed_list.changed.connect(self.failed_changed)
        self.last_summary: DownloadSummary | None = None
        self.batch = BatchSlot()

    # ------------------------------------------------------------- state

    @property
    def folder(self) -> Path:
        """The folder the next batch saves into."""
        return self.place.path

    @property
    def folder_question(self) -> FolderQuestion:
        return self.place.question

    @property
    def failed(self) -> FailedModel:
        return self.failed_list.model

    @property
    def event_id(self) -> int | None:
        """The event whose failed list is shown (and "Retry failed" retries)."""
        return self.failed_list.event_id

    @property
    def running(self) -> bool:
        return self.batch.running

    @property
    def paused(self) -> bool:
        return self.batch.paused

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
        return self._start(BatchOrder.for_ids(event_id, image_ids, label))

    def start_all(self, spec: SearchSpec, image_ids: list[str] | None = None) -> bool:
        """Everything `spec` found; a time window or the gallery passes its listed ids."""
        order = BatchOrder.for_search(spec, image_ids)
        return order is not None and self._start(order)

    def start_clips(self, event_id: int, job: DownloadJob) -> bool:
        """The video clips of a selfie search (`DownloadJob.for_clips`), saved as .mp4."""
        return self._start(BatchOrder.for_clips(event_id, job))

    def retry_failed(self) -> bool:
        """Fresh links for just the failed photos of the failed list."""
        ids = self.failed.retry_ids()
        if not ids or self.event_id is None:
            return False
        return self._start(BatchOrder.for_retry(self.event_id, ids))

    def _start(self, order: BatchOrder) -> bool:
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
            self.folder_question.ask(self.folder, lambda f: self._on_folder_answer(f, order))
            return True
        options = self.options
        if options.name_pattern is not None:
            options = dataclasses.replace(options, event_name=self.place.event_name)
        from app.core.downloads import DownloadEngine  # the engine loads with the first batch

        event_id = order.event_id
        engine = DownloadEngine(
            self.client,
            event_id,
            self.folder,
            options=options,
            listener=self._on_event,
            history=self.failed_list.journals.history(self.folder, event_id),
        )
        self.batch.fill(engine, event_id)
        self.last_summary = None
        self.items.clear()
        self.running_changed.emit(True)
        self.batch_started.emit(order.what)
        self.batch.task = self.runner.start(self._run(engine, order.work), key=_BATCH)
        return True

    async def _run(self, engine: DownloadEngine, work: Work) -> None:
        summary: DownloadSummary | None = None
        try:
            summary = await work(engine)
        finally:
            self.batch.empty()
            if summary is not None:
                self.last_summary = summary
                self.batch_finished.emit(summary)
            self.running_changed.emit(False)  # after the summary: none means it broke off

    def _on_folder_answer(self, folder: Path | None, order: BatchOrder) -> None:
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
        self._start(order)

    # ------------------------------------------------------------- controls

    def pause(self) -> None:
        if self.batch.pause():
            self.paused_changed.emit(True)

    def resume(self) -> None:
        if self.batch.resume():
            self.paused_changed.emit(False)

    def toggle_pause(self) -> None:
        if self.paused:
            self.resume()
        else:
            self.pause()

    def cancel(self) -> None:
        """Stop the batch; unfinished photos are reported as cancelled, parts removed."""
        if self.batch.cancel():  # it was paused
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
        if not self.place.pick(path):  # a folder the user picked is used as it is
            return True
        self.last_summary = None
        self.folder_changed.emit(str(path))
        self.reload_failed()
        return True

    def set_event(self, event_id: int | None, name: str | None = None) -> None:
        """Show the failed list of this event (read from the folder's journal); with
        `event_folders`, downloads of this event go to its own sub-folder."""
        if event_id == self.event_id:
            return
        self.failed_list.event_id = event_id
        if self.place.follow_event(event_id, name, move=not self.running):
            self.last_summary = None
            self.folder_shown.emit(str(self.folder))
        self.reload_failed()

    def dismiss_failed(self) -> bool:
        """Forget every photo on the failed list (originals that will never come)."""
        return not self.running and self.failed_list.dismiss()

    def reload_failed(self) -> None:
        self.failed_list.reload()

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
        self.failed_list.clear()

    async def shutdown(self, *, keep_parts: bool = True) -> None:
        """Window closing: stop the batch, keeping part files so the next run resumes."""
        await self.batch.stop(keep_parts=keep_parts)

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
            self.items.finished(event.result)
            self.failed_list.note(event.result, self.batch.event_id)
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
