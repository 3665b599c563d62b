"""The download panel's list of the running batch: one row per photo, with its progress.

`DownloadListModel` has one row per photo of the batch on screen, keyed by the engine's
item key (the image id, or `file:<name>` for a link matched to no id), so each engine
event finds its row in O(1) and `dataChanged` names only the roles it changed. The
failed list, which outlives batches, is `app.ui.models.failed_model`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    Qt,
)

from app.core.downloads import FailureReason, ItemResult, ItemStatus
from app.ui.messages import format_bytes, item_text, reason_text
from app.ui.models.base import FlatListModel, Index
from app.ui.models.failed_model import photo_label
from app.ui.text import Context, fill

DownloadModel = Context("DownloadModel")

_TEXT_ROLES = (
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ToolTipRole,
)


class ItemState(IntEnum):
    """Where one photo of the batch is."""

    WAITING = 0
    DOWNLOADING = 1
    RETRYING = 2
    DOWNLOADED = 3
    ALREADY_THERE = 4
    FAILED = 5
    CANCELLED = 6

    @property
    def finished(self) -> bool:
        return self >= ItemState.DOWNLOADED


_FROM_STATUS = {
    ItemStatus.DOWNLOADED: ItemState.DOWNLOADED,
    ItemStatus.ALREADY_THERE: ItemState.ALREADY_THERE,
    ItemStatus.FAILED: ItemState.FAILED,
    ItemStatus.CANCELLED: ItemState.CANCELLED,
}


class DownloadRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    IMAGE_ID = Qt.ItemDataRole.UserRole + 2
    FILE = Qt.ItemDataRole.UserRole + 3
    STATE = Qt.ItemDataRole.UserRole + 4
    PROGRESS = Qt.ItemDataRole.UserRole + 5
    """0-100, or -1 while the size is unknown."""
    BYTES_DONE = Qt.ItemDataRole.UserRole + 6
    BYTES_TOTAL = Qt.ItemDataRole.UserRole + 7
    STATUS_TEXT = Qt.ItemDataRole.UserRole + 8
    REASON = Qt.ItemDataRole.UserRole + 9
    """The plain sentence of a failure ("" otherwise)."""


_PROGRESS_ROLES = (
    DownloadRole.PROGRESS,
    DownloadRole.BYTES_DONE,
    DownloadRole.BYTES_TOTAL,
    DownloadRole.STATUS_TEXT,
    *_TEXT_ROLES,
)


@dataclass
class DownloadRow:
    key: str
    image_id: str | None
    file: str
    state: ItemState = ItemState.WAITING
    done: int = 0
    total: int | None = None
    attempt: int = 0
    reason: FailureReason | None = None
    message: str = ""

    @property
    def progress(self) -> int:
        if self.state in (ItemState.DOWNLOADED, ItemState.ALREADY_THERE):
            return 100
        if not self.total:
            return -1
        return max(0, min(100, self.done * 100 // self.total))

    @property
    def name(self) -> str:
        if self.file:
            return self.file
        return photo_label(self.image_id) if self.image_id else self.key

    def status_text(self) -> str:
        state = self.state
        if state is ItemState.WAITING:
            return DownloadModel.tr("Waiting")
        if state in (ItemState.DOWNLOADING, ItemState.RETRYING):
            if self.total:
                text = fill(
                    DownloadModel.tr("%1% · %2 of %3"),
                    self.progress,
                    format_bytes(self.done),
                    format_bytes(self.total),
                )
            elif self.done:
                text = format_bytes(self.done)
            else:
                text = DownloadModel.tr("Starting…")
            if state is ItemState.RETRYING:
                text = fill(
                    DownloadModel.tr("Trying again (attempt %1) · %2"),
                    self.attempt,
                    self.message or DownloadModel.tr("waiting"),
                )
            return text
        if state is ItemState.DOWNLOADED:
            size = format_bytes(self.total) if self.total else ""
            if size:
                return fill(DownloadModel.tr("Downloaded · %1"), size)
            return DownloadModel.tr("Downloaded")
        if state is ItemState.ALREADY_THERE:
            return DownloadModel.tr("Already there")
        if state is ItemState.CANCELLED:
            return DownloadModel.tr("Cancelled")
        reason = self.message or DownloadModel.tr("unknown reason")
        return fill(DownloadModel.tr("Failed: %1"), reason)


@dataclass(frozen=True)
class Tally:
    """Where the batch on screen is, counted from its rows (which hear of every photo
    as it ends, before the next overall snapshot does)."""

    rows: int = 0
    saved: float = 0.0
    """Photos saved or already there, plus the share fetched of those in flight."""
    failed: int = 0
    finished: int = 0
    """Photos with an outcome: saved, already there, failed or cancelled."""


class DownloadListModel(FlatListModel):
    """The photos of the batch on screen, in the order the engine first mentions them."""

    roles = DownloadRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DownloadRow] = []
        self._index: dict[str, int] = {}
        self._states: dict[ItemState, int] = dict.fromkeys(ItemState, 0)
        self._in_flight: set[str] = set()

    # ------------------------------------------------------------------ API

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._index = {}
        self._states = dict.fromkeys(ItemState, 0)
        self._in_flight = set()
        self.endResetModel()

    def tally(self) -> Tally:
        """Counted as the rows change, so a batch of thousands costs nothing per event."""
        states = self._states
        partial = 0.0
        for key in self._in_flight:
            row = self.row(key)
            if row is not None and row.progress > 0:
                partial += row.progress / 100
        ok = states[ItemState.DOWNLOADED] + states[ItemState.ALREADY_THERE]
        failed = states[ItemState.FAILED]
        return Tally(
            rows=len(self._rows),
            saved=ok + partial,
            failed=failed,
            finished=ok + failed + states[ItemState.CANCELLED],
        )

    def row_of(self, key: str) -> int | None:
        return self._index.get(key)

    def row(self, key: str) -> DownloadRow | None:
        row = self._index.get(key)
        return None if row is None else self._rows[row]

    def rows(self) -> list[DownloadRow]:
        return list(self._rows)

    def queued(self, key: str, image_id: str | None, name: str) -> None:
        row = self._ensure(key, image_id, name)
        if row.file != name and not row.state.finished:
            row.file = name
            self._changed(key, (Qt.ItemDataRole.DisplayRole, DownloadRole.FILE, *_TEXT_ROLES))

    def started(
        self, key: str, image_id: str | None, file: str, total: int | None, done: int
    ) -> None:
        row = self._ensure(key, image_id, file)
        row.file = file or row.file
        self._set_state(row, ItemState.DOWNLOADING)
        row.total = total
        row.done = done
        self._changed(
            key,
            (Qt.ItemDataRole.DisplayRole, DownloadRole.FILE, DownloadRole.STATE, *_PROGRESS_ROLES),
        )

    def progress(self, key: str, done: int, total: int | None) -> None:
        row = self.row(key)
        if row is None or row.state.finished:
            return
        roles: tuple[int, ...] = _PROGRESS_ROLES
        if row.state is not ItemState.DOWNLOADING:
            self._set_state(row, ItemState.DOWNLOADING)
            roles = (DownloadRole.STATE, *roles)
        row.done = done
        if total is not None:
            row.total = total
        self._changed(key, roles)

    def retrying(self, key: str, attempt: int, reason: FailureReason) -> None:
        row = self.row(key)
        if row is None or row.state.finished:
            return
        self._set_state(row, ItemState.RETRYING)
        row.attempt = attempt
        row.message = reason_text(reason)
        self._changed(key, (DownloadRole.STATE, *_PROGRESS_ROLES))

    def finished(self, result: ItemResult) -> None:
        row = self._ensure(result.key, result.image_id, result.file)
        self._set_state(row, _FROM_STATUS[result.status])
        row.file = result.file or row.file
        if result.size is not None:
            row.total = row.done = result.size
        row.reason = result.reason
        row.message = item_text(result)
        self._changed(
            result.key,
            (
                Qt.ItemDataRole.DisplayRole,
                DownloadRole.FILE,
                DownloadRole.STATE,
                DownloadRole.REASON,
                *_PROGRESS_ROLES,
            ),
        )

    # ------------------------------------------------------------ Qt model

    def row_count(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        position = self.valid_row(index)
        if position is None:
            return None
        row = self._rows[position]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role in _TEXT_ROLES:
            return f"{row.name}, {row.status_text()}"
        if role == DownloadRole.KEY:
            return row.key
        if role == DownloadRole.IMAGE_ID:
            return row.image_id
        if role == DownloadRole.FILE:
            return row.file
        if role == DownloadRole.STATE:
            return int(row.state)
        if role == DownloadRole.PROGRESS:
            return row.progress
        if role == DownloadRole.BYTES_DONE:
            return row.done
        if role == DownloadRole.BYTES_TOTAL:
            return row.total
        if role == DownloadRole.STATUS_TEXT:
            return row.status_text()
        if role == DownloadRole.REASON:
            return reason_text(row.reason) if row.reason is not None else ""
        return None

    # -------------------------------------------------------------- helpers

    def _set_state(self, row: DownloadRow, state: ItemState) -> None:
        self._states[row.state] -= 1
        self._states[state] += 1
        row.state = state
        if state in (ItemState.DOWNLOADING, ItemState.RETRYING):
            self._in_flight.add(row.key)
        else:
            self._in_flight.discard(row.key)

    def _ensure(self, key: str, image_id: str | None, name: str) -> DownloadRow:
        existing = self.row(key)
        if existing is not None:
            if image_id and not existing.image_id:
                existing.image_id = image_id
            return existing
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        row = DownloadRow(key, image_id, name)
        self._rows.append(row)
        self._states[row.state] += 1
        self._index[key] = position
        self.endInsertRows()
        return row

    def _changed(self, key: str, roles: Iterable[int]) -> None:
        row = self._index.get(key)
        if row is None:
            return
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [int(r) for r in roles])
