"""The failed list: one row per photo that could not be fetched, keyed by item key.

It shows the plain reason and the service's own words, and outlives batches (and,
through the engine's journal, restarts); the running batch's list is `download_model`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from app.core.downloads import FailureReason, ItemResult
from app.core.downloads.clip_keys import clip_number, is_clip_key
from app.ui.messages import item_text, reason_text
from app.ui.models.base import FlatListModel, Index
from app.ui.text import Context, fill

FailedList = Context("FailedList")


class FailedRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1
    IMAGE_ID = Qt.ItemDataRole.UserRole + 2
    FILE = Qt.ItemDataRole.UserRole + 3
    REASON_CODE = Qt.ItemDataRole.UserRole + 4
    REASON = Qt.ItemDataRole.UserRole + 5
    """The plain sentence ("The photo was not found on the server.")."""
    DETAIL = Qt.ItemDataRole.UserRole + 6
    """What the service said, as it said it ("" when it said nothing)."""
    RESULT = Qt.ItemDataRole.UserRole + 7


NO_ORIGINAL = frozenset({FailureReason.NO_LINK, FailureReason.NOT_FOUND})
"""Reasons that say the original does not exist: asking again cannot help."""


def can_succeed(result: ItemResult) -> bool:
    """Whether "Retry failed" could fetch it: it has an id and an original to fetch."""
    return bool(result.image_id) and result.reason not in NO_ORIGINAL


def photo_label(image_id: str) -> str:
    """A photo that has no file name (its link never came): "Photo 301b2162…", the start
    of its id; the whole id is in the tooltip and the report."""
    short = image_id if len(image_id) <= 12 else image_id[:8] + "…"
    return fill(FailedList.tr("Photo %1"), short)


def failed_title(result: ItemResult) -> str:
    """The file name when known, else the photo's short label (a clip's camera or number)."""
    if result.file:
        return result.file
    if is_clip_key(result.key):
        return fill(FailedList.tr("Video clip %1"), result.server_name or clip_number(result.key))
    if result.image_id:
        return photo_label(result.image_id)
    return result.key


def failed_reason(result: ItemResult) -> str:
    if result.reason is not None:
        return reason_text(result.reason)
    return result.detail or FailedList.tr("Unknown reason.")


def failed_detail(result: ItemResult) -> str:
    """The service's own words, when they add something to our sentence."""
    if result.detail and (result.reason is None or result.detail != reason_text(result.reason)):
        return result.detail
    return ""


class FailedModel(FlatListModel):
    """The failed list: one row per photo that could not be fetched, keyed by item key."""

    roles = FailedRole

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results: list[ItemResult] = []
        self._index: dict[str, int] = {}

    # ------------------------------------------------------------------ API

    def set_results(self, results: Iterable[ItemResult]) -> None:
        self.beginResetModel()
        self._results = []
        self._index = {}
        for result in results:
            if result.key in self._index:
                self._results[self._index[result.key]] = result
                continue
            self._index[result.key] = len(self._results)
            self._results.append(result)
        self.endResetModel()

    def clear(self) -> None:
        self.set_results(())

    def put(self, result: ItemResult) -> None:
        """Add a failure, or replace the one already listed for this photo."""
        row = self._index.get(result.key)
        if row is not None:
            self._results[row] = result
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [])  # every role may have changed
            return
        row = len(self._results)
        self.beginInsertRows(QModelIndex(), row, row)
        self._results.append(result)
        self._index[result.key] = row
        self.endInsertRows()

    def remove(self, key: str) -> None:
        """The photo is on disk after all."""
        row = self._index.get(key)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._results[row]
        self._index = {r.key: n for n, r in enumerate(self._results)}
        self.endRemoveRows()

    def row_of(self, key: str) -> int | None:
        return self._index.get(key)

    def results(self) -> list[ItemResult]:
        return list(self._results)

    def keys(self) -> list[str]:
        return [r.key for r in self._results]

    def retry_ids(self) -> list[str]:
        """The ids "Retry failed" asks fresh links for (a link known by name only cannot be
        asked for again by id)."""
        return [r.image_id for r in self._results if r.image_id]

    def can_any_succeed(self) -> bool:
        """False when every photo listed has no original: "Retry failed" would only fail."""
        return any(can_succeed(r) for r in self._results)

    def has_clips(self) -> bool:
        """Clips are fetched again from the Video clips panel, not by "Retry failed"."""
        return any(is_clip_key(r.key) for r in self._results)

    def only_clips(self) -> bool:
        return bool(self._results) and all(is_clip_key(r.key) for r in self._results)

    # ------------------------------------------------------------ Qt model

    def row_count(self) -> int:
        return len(self._results)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        position = self.valid_row(index)
        if position is None:
            return None
        result = self._results[position]
        if role == Qt.ItemDataRole.DisplayRole:
            return failed_title(result)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            reason = item_text(result) or failed_reason(result)
            return fill(FailedList.tr("%1: %2"), failed_title(result), reason)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [failed_title(result), failed_reason(result)]
            if detail := failed_detail(result):
                lines.append(fill(FailedList.tr("The service said: %1"), detail))
            if result.image_id:
                lines.append(fill(FailedList.tr("Photo id: %1"), result.image_id))
            return "\n".join(lines)
        if role == FailedRole.KEY:
            return result.key
        if role == FailedRole.IMAGE_ID:
            return result.image_id
        if role == FailedRole.FILE:
            return result.file
        if role == FailedRole.REASON_CODE:
            return result.reason.value if result.reason is not None else ""
        if role == FailedRole.REASON:
            return failed_reason(result)
        if role == FailedRole.DETAIL:
            return failed_detail(result)
        if role == FailedRole.RESULT:
            return result
        return None
