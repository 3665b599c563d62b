"""The download GUI against the real stand-in over loopback, saving into a tmp folder."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import hashlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from app.core.downloads import (
    BatchProgress,
    DownloadEngine,
    DownloadEvent,
    FailureReason,
    ItemFinished,
    ItemProgress,
    ItemStarted,
    ItemStatus,
)
from app.core.downloads.folder_lock import FolderLock
from app.core.downloads.report import COLUMNS
from app.demo.server import DemoServer
from app.ui.messages import reason_text
from app.ui.models.download_model import DownloadRole, ItemState
from app.ui.models.failed_model import FailedRole
from tests.integration.support import StorageProxy, calm, demo_behind_proxy, part_sizes
from tests.ui.conftest import FAST_DOWNLOADS, Harness, WindowFactory, until

HELD_BYTES = 256 * 1024
"""How far the storage proxy lets each photo get before a test pauses the batch."""
QUIET_S = 0.25
"""How long a paused batch is watched for anything that moves (the watch ends as soon as
something does)."""


@pytest.fixture(scope="module")
def shared_behind_proxy() -> Iterator[tuple[DemoServer, StorageProxy]]:
    with demo_behind_proxy() as pair:
        yield pair


@pytest.fixture
def behind_proxy(
    shared_behind_proxy: tuple[DemoServer, StorageProxy],
) -> Iterator[tuple[DemoServer, StorageProxy]]:
    """A stand-in whose storage is reached through a `StorageProxy`, as it started."""
    yield calm(shared_behind_proxy)
    calm(shared_behind_proxy)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _photos(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".part", ".tmp")))


def _with_original(demo: DemoServer, ids: list[str]) -> list[str]:
    return [i for i in ids if not demo.catalog.photo(i).original_missing]  # type: ignore[union-attr]


def _ids_with_originals(demo: DemoServer, count: int, skip: int) -> list[str]:
    photos = [p for p in demo.catalog.photos(demo.event_id) if not p.original_missing]
    return [p.image_id for p in photos[skip : skip + count]]


def _check_saved(h: Harness, demo: DemoServer, folder: Path) -> None:
    """Every photo under a final name is complete and byte-identical to the original."""
    summary = h.downloads.last_summary
    assert summary is not None
    saved = {r.file: r.image_id for r in summary.results if r.ok}
    for name in _photos(folder):
        if name.endswith(".part"):
            continue  # kept on purpose for a later resume
        assert name in saved, f"{name} on disk but not reported as saved"
        image_id = saved[name]
        assert image_id is not None
        assert _sha((folder / name).read_bytes()) == _sha(demo.original_bytes(image_id)), name


def test_download_selected_across_pages(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    h = make_window(fresh_demo, downloads=folder)
    w = h.window
    panel = w.download_panel
    assert panel is not None and w.download_dock is not None
    assert not w.download_dock.isVisible(), "no dock before anything happened"
    # the window's transfers leave its GUI thread a core (the headless download does not)
    assert h.downloads.options.transfer.cpu_slots == max(1, (os.cpu_count() or 2) - 1)

    h.type_search(fresh_demo.sample_bibs[0])
    page1 = _with_original(fresh_demo, h.controller.model.image_ids())[:2]
    h.controller.set_selected(page1, True)
    w.pager.next_button.click()
    h.drain()
    page2 = _with_original(fresh_demo, h.controller.model.image_ids())[:1]
    h.controller.set_selected(page2, True)
    wanted = page1 + page2
    assert h.controller.selected_count == 3

    w.selection_bar.download_selected_button.click()
    assert w.download_dock.isVisible()
    assert panel.summary.startswith("Downloading 3 selected photos to ")
    assert panel.pause_button.isEnabled() and panel.cancel_button.isEnabled()
    assert not panel.open_folder_button.isEnabled()
    h.drain()

    assert "not available" not in w.message_bar.text
    summary = h.downloads.last_summary
    assert summary is not None and summary.complete
    assert sorted(r.image_id or "" for r in summary.downloaded) == sorted(wanted)
    assert len(_photos(folder)) == 3 and _leftovers(folder) == []
    for result in summary.downloaded:
        assert result.image_id is not None
        original = fresh_demo.original_bytes(result.image_id)
        assert _sha((folder / result.file).read_bytes()) == _sha(original) == result.sha256

    # the panel says it is done, every row too, and the folder can be opened
    assert panel.summary == "Done: 3 downloaded"
    assert panel.overall.value() == panel.overall.maximum()
    assert panel.overall.format().startswith("3 of 3 saved · ")
    items = h.downloads.items
    assert items.rowCount() == 3
    for row in range(3):
        index = items.index(row, 0)
        assert index.data(DownloadRole.STATE) == ItemState.DOWNLOADED
        assert index.data(DownloadRole.PROGRESS) == 100
        assert index.data(DownloadRole.STATUS_TEXT).startswith("Downloaded · ")
    assert not panel.pause_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.open_folder_button.isEnabled() and panel.export_button.isEnabled()
    opened: list[QUrl] = []
    panel.folder_row.open_url = opened.append
    panel.open_folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(folder))]
    # the window is in front and the panel says it: no message bar takes a row of photos
    assert QApplication.activeWindow() is w and w.message_bar.text == ""
    # the keyboard reaches the panel from the download buttons
    w.selection_bar.download_all_button.setFocus()
    reached = []
    for _ in range(12):
        w.focusNextChild()
        focused = QApplication.focusWidget()
        reached.append(focused.objectName() if focused is not None else "")
    for name in ("downloadList", "chooseFolderButton", "openFolderButton", "exportReportButton"):
        assert name in reached, (name, " ".join(reached))
    # every control in the panel has an accessible name
    for name in (
        "overallProgress",
        "downloadList",
        "pauseButton",
        "cancelButton",
        "chooseFolderButton",
        "openFolderButton",
        "exportReportButton",
        "failedList",
        "retryFailedButton",
        "dismissFailedButton",
        "collapseDownloadsButton",
        "closeDownloadsButton",
    ):
        widget = panel.findChild(object, name)
        assert widget is not None and widget.accessibleName(), name


def test_clear_list_forgets_failures_for_good(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    bib = fresh_demo.sample_bibs[1]
    h = make_window(fresh_demo, downloads=folder)
    panel = h.window.download_panel
    assert panel is not None
    assert not panel.dismiss_button.isEnabled()
    h.type_search(bib)
    h.window.selection_bar.download_all_button.click()
    h.drain()
    assert h.downloads.failed.rowCount() == 1
    assert panel.dismiss_button.isEnabled()
    panel.dismiss_button.click()
    h.drain()
    assert h.downloads.failed.rowCount() == 0
    assert not panel.dismiss_button.isEnabled() and not panel.retry_button.isEnabled()
    h.close()
    again = make_window(fresh_demo, downloads=folder)
    assert again.downloads.failed.rowCount() == 0, "dismissed failures stay dismissed"


def test_failed_list_retry_report_and_restart(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    bib = fresh_demo.sample_bibs[1]
    photos = fresh_demo.catalog.photos_for_bib(fresh_demo.event_id, bib)
    [missing] = [p.image_id for p in photos if p.original_missing]
    h = make_window(fresh_demo, downloads=folder)
    w = h.window
    panel = w.download_panel
    assert panel is not None

    h.type_search(bib)
    w.selection_bar.download_all_button.click()
    assert panel.summary.startswith(f"Downloading every photo of BIB {bib} to ")
    h.drain()
    ok = len(photos) - 1
    assert panel.summary == f"Done: {ok} downloaded, 1 failed"
    assert len(_photos(folder)) == ok and _leftovers(folder) == []
    _check_saved(h, fresh_demo, folder)

    # the failed list: the photo without an original, with a plain reason
    failed = h.downloads.failed
    assert failed.rowCount() == 1
    index = failed.index(0, 0)
    assert index.data(FailedRole.IMAGE_ID) == missing
    assert index.data(FailedRole.REASON_CODE) == FailureReason.NO_LINK.value
    assert index.data(FailedRole.REASON) == reason_text(FailureReason.NO_LINK)
    assert index.data(FailedRole.DETAIL)  # the service's own words travel along
    assert panel.failed_view.isVisible() and panel.failed_title.text() == "Failed (1)"
    # no original on the server: retrying cannot help, and the panel says why
    assert not panel.retry_button.isEnabled()
    assert "no original" in panel.retry_button.toolTip()
    assert panel.failed_pane.note.isVisible() and "no original" in panel.failed_pane.note.text()
    row = h.downloads.items.row(missing)
    assert row is not None and row.state is ItemState.FAILED
    assert row.status_text().startswith("Failed: The service could not make a download link")

    # asked anyway, a retry asks fresh links for just that photo
    fresh_demo.stats.reset()
    assert h.downloads.retry_failed()
    assert panel.summary.startswith("Downloading 1 failed photo again")
    h.drain()
    assert fresh_demo.stats.api_calls.get("original_photos") == 1
    assert fresh_demo.stats.storage_hits == []
    assert h.downloads.items.rowCount() == 1
    assert panel.summary == "Nothing downloaded: 1 failed"
    assert failed.rowCount() == 1

    # the receipt, as CSV and JSON, through the panel's (non-modal) save dialog
    csv_path = tmp_path / "receipt.csv"
    panel.export_button.click()
    dialog = panel.report_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.fileSelected.emit(str(csv_path))
    dialog.close()
    h.drain()
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["image_id"], r["status"], r["reason"]) for r in rows] == [
        (missing, "failed", "no_link")
    ]
    assert w.message_bar.text == "Report saved as receipt.csv."
    json_path = tmp_path / "receipt.json"
    assert h.downloads.export_report(json_path)
    h.drain()
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["counts"] == {"downloaded": 0, "skipped": 0, "failed": 1}
    assert data["failed"][0]["image_id"] == missing
    h.close()

    # a restart on the same folder: the failed list is back, finished photos are skipped
    fresh_demo.stats.reset()
    again = make_window(fresh_demo, downloads=folder)
    panel = again.window.download_panel
    assert panel is not None and again.window.download_dock is not None
    assert again.downloads.failed.rowCount() == 1
    assert again.downloads.failed.index(0, 0).data(FailedRole.IMAGE_ID) == missing
    assert not again.window.download_dock.isVisible(), "an old failed list waits behind a link"
    link = again.window.selection_bar.downloads_link
    assert link.isVisible() and link.text() == "1 earlier failure"
    link.click()
    assert again.window.download_dock.isVisible() and not link.isVisible()
    assert not panel.retry_button.isEnabled() and panel.export_button.isEnabled()
    assert panel.summary == "1 photo could not be fetched in an earlier download."
    assert panel.open_folder_button.isEnabled()
    again.type_search(bib)
    again.window.selection_bar.download_all_button.click()
    again.drain()
    assert panel.summary == f"Done: {ok} already there, 1 failed"
    assert fresh_demo.stats.storage_hits == []
    states = {r.state for r in again.downloads.items.rows()}
    assert states == {ItemState.ALREADY_THERE, ItemState.FAILED}
    assert len(_photos(folder)) == ok


def test_pause_then_resume_finishes(
    behind_proxy: tuple[DemoServer, StorageProxy], make_window: WindowFactory, tmp_path: Path
) -> None:
    demo, proxy = behind_proxy
    folder = tmp_path / "photos"
    ids = _ids_with_originals(demo, 6, skip=100)
    h = make_window(demo, downloads=folder)
    panel = h.window.download_panel
    assert panel is not None
    parallel = FAST_DOWNLOADS.parallel
    finished: list[str] = []
    started_while_paused: list[str | None] = []
    moved = asyncio.Event()

    def on_event(event: DownloadEvent) -> None:
        if isinstance(event, ItemFinished):
            finished.append(event.result.key)
        if not h.downloads.paused:
            return
        if isinstance(event, ItemStarted):  # late news of a held photo is fine; see below
            started_while_paused.append(event.image_id)
        grew = (isinstance(event, ItemProgress) and event.done > HELD_BYTES) or (
            isinstance(event, BatchProgress) and event.snapshot.bytes_done > parallel * HELD_BYTES
        )
        if grew or isinstance(event, ItemFinished):
            moved.set()  # while paused, nothing may finish or grow

    h.downloads.download_event.connect(on_event)
    proxy.hold_bodies_at(HELD_BYTES)  # each photo stops after its first bytes, for now
    seen: dict[str, object] = {}

    async def scenario() -> None:
        # one coroutine from start to end: the batch never runs with the loop stopped
        assert h.downloads.start_selected(ids, demo.event_id)
        await until(lambda: part_sizes(folder) == [HELD_BYTES] * parallel)
        requests = proxy.requests
        proxy.on_request = lambda _path: h.loop.call_soon_threadsafe(moved.set)
        panel.pause_button.click()
        seen["paused"] = h.downloads.paused
        seen["summary"] = panel.summary
        seen["button"] = panel.pause_button.text().replace("&", "")
        seen["name"] = panel.pause_button.accessibleName()
        await until(lambda: len(proxy.let_go) == parallel)  # the open transfers hung up
        proxy.release_bodies()  # only the pause holds the photos back now
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(moved.wait(), QUIET_S)
        seen["held"] = not moved.is_set() and proxy.requests == requests and finished == []
        seen["parts"] = part_sizes(folder)
        seen["no new photo"] = set(started_while_paused) <= set(proxy.let_go)
        seen["bar"] = panel.overall.format()
        seen["unfinished"] = len(finished) < len(ids)
        # a second batch while one runs is refused in plain words
        seen["second"] = h.downloads.start_selected(ids[:1], demo.event_id)
        seen["message"] = h.window.message_bar.text
        panel.pause_button.click()
        seen["resumed"] = panel.pause_button.text().replace("&", "")
        async with asyncio.timeout(20):
            await h.window.runner.wait_idle()

    h.run(scenario())
    assert seen["paused"] is True
    assert seen["button"] == "Resume" and seen["name"] == "Resume"
    assert str(seen["summary"]).startswith("Paused: 6 selected photos to ")
    assert seen["held"], "no request, no bytes and no photo finished while paused"
    assert seen["parts"] == [HELD_BYTES] * parallel
    assert seen["no new photo"], "no photo started while paused"
    assert str(seen["bar"]).startswith("Paused · ")
    assert seen["unfinished"]
    assert seen["second"] is False
    assert str(seen["message"]).startswith("A download is already running.")
    assert seen["resumed"] == "Pause"
    summary = h.downloads.last_summary
    assert summary is not None and summary.complete and len(summary.downloaded) == len(ids)
    _check_saved(h, demo, folder)
    assert _leftovers(folder) == []
    # the paused photos went on from where they stopped, the others started from byte 0
    ranges = sorted(hit.range or "" for hit in demo.stats.storage_hits if hit.method == "GET")
    assert ranges == [""] * len(ids) + [f"bytes={HELD_BYTES}-"] * parallel


def test_cancel_stops_and_leaves_only_whole_files(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    ids = _ids_with_originals(fresh_demo, 10, skip=120)
    h = make_window(fresh_demo, downloads=folder)
    panel = h.window.download_panel
    assert panel is not None

    def on_event(event: DownloadEvent) -> None:
        if isinstance(event, ItemFinished) and event.result.ok and h.downloads.running:
            panel.cancel_button.click()

    h.downloads.download_event.connect(on_event)
    h.downloads.start_selected(ids, fresh_demo.event_id)
    h.drain()
    summary = h.downloads.last_summary
    assert summary is not None and summary.cancelled
    cancelled = [r for r in summary.results if r.status is ItemStatus.CANCELLED]
    assert cancelled, "the batch stopped before the end"
    assert panel.summary.startswith("Cancelled: ")
    assert f"{len(cancelled)} not fetched" in panel.summary
    assert not panel.cancel_button.isEnabled() and panel.open_folder_button.isEnabled()
    # nothing half-written under a final name, no part files left behind
    _check_saved(h, fresh_demo, folder)
    assert _leftovers(folder) == []
    # cancelled photos are not failures: the failed list stays empty
    assert h.downloads.failed.rowCount() == 0 and not panel.retry_button.isEnabled()
    cancelled_rows = [r for r in h.downloads.items.rows() if r.state is ItemState.CANCELLED]
    assert cancelled_rows and all(r.status_text() == "Cancelled" for r in cancelled_rows)


def test_closing_mid_batch_keeps_parts_for_resume(
    fresh_demo: DemoServer,
    make_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "photos"
    ids = _ids_with_originals(fresh_demo, 6, skip=140)
    h = make_window(fresh_demo, downloads=folder)

    def on_event(event: DownloadEvent) -> None:
        if isinstance(event, ItemProgress):
            h.downloads.pause()  # hold transfers mid-file, so there are parts to keep

    h.downloads.download_event.connect(on_event)
    stops: list[bool] = []
    cancel = DownloadEngine.cancel

    def spy(engine: DownloadEngine, *, discard_partial: bool = True) -> None:
        stops.append(discard_partial)
        cancel(engine, discard_partial=discard_partial)

    monkeypatch.setattr(DownloadEngine, "cancel", spy)

    async def close_mid_batch() -> None:
        h.downloads.start_selected(ids, fresh_demo.event_id)
        await until(lambda: h.downloads.paused)
        await asyncio.sleep(0.05)
        await h.window.shutdown()  # the window's order: stop the batch first, then the rest

    h.run(close_mid_batch())
    h.close()
    assert not h.downloads.running
    summary = h.downloads.last_summary
    assert summary is not None and summary.cancelled
    _check_saved(h, fresh_demo, folder)
    assert stops == [False], "closing keeps the part files"
    # a photo cut short keeps its part and continues from it next time (a photo whose
    # bytes had all arrived may be cut between the last block and the rename: skip it)
    parts = {
        r.key: r.done
        for r in h.downloads.items.rows()
        if r.state is ItemState.CANCELLED
        and 0 < r.done < (r.total or 0)
        and (folder / f"{r.file}.part").exists()
    }

    # the next start finishes the job: saved photos are skipped, parts continue
    again = make_window(fresh_demo, downloads=folder)
    resumed: dict[str, int] = {}

    def on_started(event: DownloadEvent) -> None:
        if isinstance(event, ItemStarted):
            resumed[event.key] = event.resumed_from

    again.downloads.download_event.connect(on_started)
    again.downloads.start_selected(ids, fresh_demo.event_id)
    again.drain()
    summary = again.downloads.last_summary
    assert summary is not None and summary.complete
    assert {r.status for r in summary.results} <= {ItemStatus.DOWNLOADED, ItemStatus.ALREADY_THERE}
    assert all(resumed[key] > 0 for key in parts)
    _check_saved(again, fresh_demo, folder)
    assert len(_photos(folder)) == len(ids) and _leftovers(folder) == []


def test_choosing_the_folder_is_remembered(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    h = make_window(fresh_demo, downloads=tmp_path / "first")
    panel = h.window.download_panel
    assert panel is not None
    assert panel.choose_folder_button.accessibleDescription() == str(tmp_path / "first")
    panel.choose_folder_button.click()
    dialog = panel.folder_dialog
    assert dialog is not None and dialog.isVisible()
    second = tmp_path / "second"
    dialog.fileSelected.emit(str(second))
    dialog.close()
    assert h.downloads.folder == second
    assert h.window.settings.download_folder == str(second)
    assert panel.choose_folder_button.accessibleDescription() == str(second)
    assert "second" in panel.choose_folder_button.text()
    h.drain()


def test_an_unexpected_error_does_not_leave_the_panel_running(
    fresh_demo: DemoServer,
    make_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(self: DownloadEngine, job: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(DownloadEngine, "run", broken)
    h = make_window(fresh_demo, downloads=tmp_path / "photos")
    panel = h.window.download_panel
    assert panel is not None
    assert h.downloads.start_selected(["x"], fresh_demo.event_id)
    h.drain()
    assert not h.downloads.running
    assert panel.summary == "The download stopped before the end."
    assert not panel.pause_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert h.window.message_bar.text.startswith("Something unexpected went wrong.")


def test_a_busy_folder_is_said_in_the_message_bar_and_the_batch_waits(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    other_process = FolderLock(folder)  # another download (process) holds the folder
    assert other_process.try_acquire()
    h = make_window(fresh_demo, downloads=folder)
    ids = _ids_with_originals(fresh_demo, 2, skip=40)

    async def scenario() -> None:
        assert h.downloads.start_selected(ids, fresh_demo.event_id)
        await until(lambda: "Another download is using this folder" in h.window.message_bar.text)
        assert h.downloads.running and _photos(folder) == []
        panel = h.window.download_panel
        assert panel is not None and "waiting" in panel.overall.format()  # on the bar too
        other_process.release()
        await until(lambda: h.downloads.last_summary is not None)

    try:
        h.run(scenario())
    finally:
        other_process.release()
    summary = h.downloads.last_summary
    assert summary is not None and len(summary.downloaded) == 2
