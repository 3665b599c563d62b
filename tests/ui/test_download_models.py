"""Download models (qtmodeltester, row lookup, changed roles) and the panel's wording."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.core.downloads import (
    BatchProblem,
    DownloadSummary,
    FailureReason,
    ItemResult,
    ItemStatus,
    ProgressSnapshot,
)
from app.ui.download_words import summary_text
from app.ui.messages import Level, UserMessage
from app.ui.models.download_model import DownloadListModel, DownloadRole, ItemState, Tally
from app.ui.models.failed_model import FailedModel, FailedRole
from app.ui.notify import Notifier
from app.ui.widgets.download_rows import eta_text, progress_text, progress_value, short_path
from tests.ui.model_signals import SignalLog


def _failed(key: str, reason: FailureReason, detail: str = "", file: str = "") -> ItemResult:
    return ItemResult(key, key, ItemStatus.FAILED, file=file, reason=reason, detail=detail)


def _fill(model: DownloadListModel) -> DownloadListModel:
    model.queued("a", "a", "a.jpg")
    model.queued("b", "b", "b.jpg")
    model.queued("c", "c", "c.jpg")
    model.started("a", "a", "a.jpg", 4_000_000, 0)
    model.progress("a", 1_000_000, 4_000_000)
    model.retrying("b", 2, FailureReason.SERVER_BUSY)
    model.finished(ItemResult("c", "c", ItemStatus.DOWNLOADED, file="c.jpg", size=3_000_000))
    model.finished(_failed("d", FailureReason.NO_LINK, "Failed to generate URL"))
    return model


def _filled_list() -> DownloadListModel:
    return _fill(DownloadListModel())


INSERTED = ["rowsAboutToBeInserted", "rowsInserted"]
RESET = ["modelAboutToBeReset", "modelReset"]


def test_download_list_passes_the_model_tester(qapp, qtmodeltester) -> None:
    model = DownloadListModel()
    qtmodeltester.check(model, force_py=True)  # watching every change from here on
    log = SignalLog(model)
    _fill(model)
    changed = ["dataChanged"]
    # a, b, c queued; a starts and moves; b retries; c finishes; d arrives finished
    assert log.take() == INSERTED * 3 + changed * 4 + INSERTED + changed
    assert model.rowCount() == 4
    model.queued("e", "e", "e.jpg")
    model.queued("e", "e", "e (2).jpg")  # renamed before it started
    assert log.take() == INSERTED + changed
    model.clear()
    assert log.take() == RESET
    assert model.rowCount() == 0


def test_failed_model_passes_the_model_tester(qapp, qtmodeltester) -> None:
    model = FailedModel()
    qtmodeltester.check(model, force_py=True)  # watching every change from here on
    log = SignalLog(model)
    model.set_results([_failed("x", FailureReason.NOT_FOUND), _failed("y", FailureReason.CORRUPT)])
    assert log.take() == RESET
    model.put(_failed("z", FailureReason.SERVER_BUSY))
    model.put(_failed("y", FailureReason.SERVER_ERROR))  # replaces the row it had
    model.remove("x")
    model.remove("x")  # gone already: nothing happens
    assert log.take() == [*INSERTED, "dataChanged", "rowsAboutToBeRemoved", "rowsRemoved"]
    assert model.keys() == ["y", "z"]
    model.clear()
    assert log.take() == RESET
    assert model.rowCount() == 0


def test_download_rows_say_where_each_photo_is(qapp) -> None:
    model = _filled_list()
    assert [model.row_of(k) for k in "abcd"] == [0, 1, 2, 3]
    assert model.row_of("nope") is None

    def text(key: str) -> str:
        return model.index(model.row_of(key) or 0, 0).data(DownloadRole.STATUS_TEXT)

    assert text("a") == "25% · 1.0 MB of 4.0 MB"
    assert text("b") == "Trying again (attempt 2) · The server was busy; try again later."
    assert text("c") == "Downloaded · 3.0 MB"
    assert text("d").startswith("Failed: The service could not make a download link")
    a = model.index(0, 0)
    assert (
        a.data(DownloadRole.PROGRESS) == 25 and a.data(DownloadRole.STATE) == ItemState.DOWNLOADING
    )
    assert a.data(Qt.ItemDataRole.AccessibleTextRole) == "a.jpg, 25% · 1.0 MB of 4.0 MB"
    assert model.index(3, 0).data(Qt.ItemDataRole.DisplayRole) == "Photo d"  # no file yet


def test_the_tally_counts_finished_failed_and_the_share_in_flight(qapp) -> None:
    model = _filled_list()  # a at 25 %, b retrying, c downloaded, d failed
    tally = model.tally()
    assert (tally.rows, tally.failed, tally.finished) == (4, 1, 2)
    assert tally.saved == 1.25
    model.progress("a", 4_000_000, 4_000_000)  # all its bytes in, not yet finished
    assert model.tally().saved == 2.0 and model.tally().finished == 2
    model.clear()
    assert model.tally() == Tally()


def test_progress_names_only_the_changed_roles(qtbot) -> None:
    model = _filled_list()
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.progress("a", 2_000_000, 4_000_000)
    first, last, roles = blocker.args
    assert first.row() == last.row() == 0
    assert DownloadRole.PROGRESS in roles and DownloadRole.STATE not in roles
    assert Qt.ItemDataRole.DisplayRole not in roles
    with qtbot.assertNotEmitted(model.dataChanged):
        model.progress("c", 1, 2)  # finished photos ignore late progress
        model.progress("unknown", 1, 2)


def test_failed_rows_keep_one_entry_per_photo(qapp) -> None:
    model = FailedModel()
    model.put(_failed("x", FailureReason.LINK_EXPIRED, file="x.jpg"))
    model.put(_failed("x", FailureReason.SERVER_ERROR, "502 Bad Gateway", file="x.jpg"))
    model.put(ItemResult("file:y.jpg", None, ItemStatus.FAILED, file="y.jpg"))
    assert model.rowCount() == 2
    index = model.index(0, 0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "x.jpg"
    assert index.data(FailedRole.REASON) == "The server had an error."
    assert index.data(FailedRole.DETAIL) == "502 Bad Gateway"
    assert "The service said: 502 Bad Gateway" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.retry_ids() == ["x"], "a photo known by name only cannot be asked for by id"
    model.remove("x")
    assert model.row_of("file:y.jpg") == 0 and model.row_of("x") is None


def test_progress_wording() -> None:
    snap = ProgressSnapshot(
        items_total=40,
        items_finished=12,
        bytes_done=48_200_000,
        bytes_total=160_000_000,
        speed_bps=8_100_000,
        eta_s=13.2,
    )
    assert progress_text(snap) == "12 of 40 · 48 MB of 160 MB · 8.1 MB/s · about 14 s left"
    assert progress_value(snap) == 301
    paused = ProgressSnapshot(items_total=40, items_finished=12, bytes_done=5, paused=True)
    assert progress_text(paused).startswith("Paused · 12 of 40")
    assert progress_text(ProgressSnapshot()) == "Starting…"
    assert progress_value(ProgressSnapshot(items_total=4, items_finished=1)) == 250
    assert eta_text(200) == "about 3 min left"
    assert eta_text(3900) == "about 1 h 5 min left"
    assert short_path(Path.home() / "Pictures") == str(Path("~") / "Pictures")


def test_summary_wording(tmp_path: Path) -> None:
    def result(status: ItemStatus) -> ItemResult:
        return ItemResult(str(status), "id", status)

    done = DownloadSummary(
        tmp_path,
        tuple(
            [result(ItemStatus.DOWNLOADED)] * 38
            + [result(ItemStatus.ALREADY_THERE), result(ItemStatus.FAILED)]
        ),
    )
    assert summary_text(done) == "Done: 38 downloaded, 1 already there, 1 failed"
    assert summary_text(DownloadSummary(tmp_path, ())) == "Done: no photos to download"
    cancelled = DownloadSummary(
        tmp_path, (result(ItemStatus.DOWNLOADED), result(ItemStatus.CANCELLED)), cancelled=True
    )
    assert summary_text(cancelled) == "Cancelled: 1 downloaded, 1 not fetched"
    nothing = DownloadSummary(tmp_path, (result(ItemStatus.FAILED),))
    assert summary_text(nothing) == "Nothing downloaded: 1 failed"
    full = BatchProblem(FailureReason.DISK_FULL)
    stopped = DownloadSummary(tmp_path, (result(ItemStatus.FAILED),), problem=full)
    assert summary_text(stopped) == "Stopped: The disk is full. (1 failed)"


def test_notifier_falls_back_to_the_message_bar(qapp) -> None:
    shown: list[UserMessage] = []
    notifier = Notifier(shown.append, tray_available=lambda: False)
    notifier.notify("Download finished", "Done: 3 downloaded")
    assert shown == [UserMessage("Done: 3 downloaded", Level.INFO)]


def test_notifier_uses_the_message_bar_while_the_window_is_in_front(qapp) -> None:
    shown: list[UserMessage] = []
    notifier = Notifier(shown.append, tray_available=lambda: True, app_in_front=lambda: True)
    notifier.notify("Download finished", "Done: 1 downloaded")
    assert shown == [UserMessage("Done: 1 downloaded", Level.INFO)]
