"""What every flat list model of the app shares: row count, flags, role names, bounds."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex


class FlatListModel(QAbstractListModel):
    """A list model over a Python sequence; subclasses name their `roles` enum and
    implement `row_count()` and `data()` (using `valid_row()` for the bounds check)."""

    roles: ClassVar[type[IntEnum]]

    def row_count(self) -> int:
        raise NotImplementedError

    def valid_row(self, index: Index) -> int | None:
        """The row of `index`, or None when it is not a row of this model."""
        if not index.isValid() or index.parent().isValid():
            return None
        row = index.row()
        return row if 0 <= row < self.row_count() else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_count()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def roleNames(self) -> dict[int, Any]:
        names = dict(super().roleNames())
        for role in self.roles:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names
