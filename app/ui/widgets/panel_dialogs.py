"""The download panel's file dialogs: the folder to save into and the report to write.

They open with `open()` (never `exec()`: the asyncio loop keeps running) and answer
through callbacks; each closes and deletes itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

REPORT_FILTERS = ("CSV (*.csv)", "JSON (*.json)")


def open_folder_dialog(
    parent: QWidget,
    title: str,
    start: Path,
    on_chosen: Callable[[str], None],
    on_cancelled: Callable[[], None] | None = None,
) -> QFileDialog:
    """A folder picker opened at `start` (or the nearest folder of it that exists)."""
    shown = start
    while not shown.is_dir() and shown.parent != shown:
        shown = shown.parent
    dialog = QFileDialog(parent, title, str(shown))
    dialog.setObjectName("folderDialog")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if shown != start:
        dialog.selectFile(str(start))  # the proposed folder, even before it exists
    dialog.fileSelected.connect(lambda path: on_chosen(path) if path else None)
    if on_cancelled is not None:
        dialog.rejected.connect(on_cancelled)
    dialog.open()
    return dialog


def open_report_dialog(
    parent: QWidget, title: str, suggested: Path, on_chosen: Callable[[Path], None]
) -> QFileDialog:
    """A save dialog for the report; a name without .csv or .json gets .csv."""
    dialog = QFileDialog(parent, title, str(suggested))
    dialog.setObjectName("reportDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters(list(REPORT_FILTERS))
    dialog.setDefaultSuffix("csv")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def on_filter(name_filter: str) -> None:
        dialog.setDefaultSuffix("json" if "json" in name_filter else "csv")

    def on_file(path: str) -> None:
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".csv", ".json"):
            target = target.with_name(target.name + ".csv")
        on_chosen(target)

    dialog.filterSelected.connect(on_filter)
    dialog.fileSelected.connect(on_file)
    dialog.open()
    return dialog
