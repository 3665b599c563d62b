"""Which change signals a model sent, in order, so a test can prove the model tester saw them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel

WATCHED = (
    "modelAboutToBeReset",
    "modelReset",
    "rowsAboutToBeInserted",
    "rowsInserted",
    "rowsAboutToBeRemoved",
    "rowsRemoved",
    "dataChanged",
    "layoutAboutToBeChanged",
    "layoutChanged",
)


class SignalLog:
    """Connect after `qtmodeltester.check(model)`: the tester's slots run first, so every
    name logged here is a change the tester has already checked."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.names: list[str] = []
        for name in WATCHED:
            getattr(model, name).connect(lambda *_args, name=name: self.names.append(name))

    def take(self) -> list[str]:
        names, self.names = self.names, []
        return names
