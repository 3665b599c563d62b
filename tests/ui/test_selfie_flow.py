"""The selfie flow explains itself: the chosen photo beside the field, a copy button for
the search id, hints that belong to their mode, a pasted id switching the mode, and the
photo dialog opening in a folder that means something."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication

from app.core.settings import Settings
from app.demo.samples import sample_selfie_path
from app.demo.server import DemoServer
from app.demo.world import SELFIE_OFF_EVENT_ID
from app.ui.search import SearchMode
from app.ui.widgets.selfie_controls import photo_dialog_folder
from tests.ui.conftest import Harness, WindowFactory, until


def _search_with_photo(h: Harness, photo: Path) -> None:
    h.window.search_bar.use_photo(str(photo))
    h.drain()
    bar = h.window.search_bar
    h.run(until(lambda: bar.selfie_thumb.has_photo))


def test_the_chosen_selfie_shows_beside_the_field_with_its_id(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    h = make_window(fresh_demo)
    bar = h.window.search_bar
    assert bar.selfie_thumb.isHidden() and bar.copy_id_button.isHidden()
    photo = sample_selfie_path(fresh_demo.sample_bibs[0])
    _search_with_photo(h, photo)
    request_id = h.controller.search.identifier
    assert bar.mode is SearchMode.SELFIE and bar.input.text() == request_id
    thumb = bar.selfie_thumb
    assert thumb.isVisible() and thumb.path == str(photo)
    assert thumb.pixmap() is not None and not thumb.pixmap().isNull()
    assert thumb.accessibleName() == "Your selfie" and thumb.toolTip() == photo.name
    assert "Keep this selfie search id" in bar.mode_hint.text() and bar.mode_hint.isVisible()

    # Copy puts the id on the clipboard and says what it is for
    assert bar.copy_id_button.isVisible()
    assert bar.copy_id_button.accessibleName() == "Copy the selfie search id"
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(bar.copy_id_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == request_id
    assert "copied" in bar.mode_hint.text()

    # another id typed in: that one is not this photo's
    bar.input.setFocus()
    bar.input.selectAll()
    qtbot.keyClicks(bar.input, str(uuid.uuid4()))
    assert thumb.isHidden() and bar.copy_id_button.isVisible()

    # the hint belongs to the selfie modes: picking BIB takes it away
    bar.mode_picker.setCurrentIndex(0)
    assert bar.mode is SearchMode.BIB
    assert bar.mode_hint.isHidden() and bar.mode_hint.text() == ""
    assert thumb.isHidden() and bar.copy_id_button.isHidden()
    bar.set_mode(SearchMode.SELFIE_PHOTO)
    assert thumb.isVisible(), "the photo mode still shows the chosen photo"


def test_pasting_a_selfie_id_into_the_bib_field_switches_the_mode(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    h = make_window(fresh_demo)
    bar = h.window.search_bar
    request_id = fresh_demo.sample_request_ids[0]
    bar.set_mode(SearchMode.BIB)
    bar.input.setFocus()
    QGuiApplication.clipboard().setText(f" {request_id} ")
    qtbot.keyClick(bar.input, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert bar.mode is SearchMode.SELFIE
    assert bar.input.text() == request_id
    assert bar.copy_id_button.isVisible()
    bar.set_mode(SearchMode.BIB)
    assert bar.input.text() == "", "the id did not stay behind as a BIB"
    qtbot.keyClicks(bar.input, "1488")
    assert bar.mode is SearchMode.BIB, "a BIB stays a BIB"


def test_a_pasted_id_stays_put_where_selfie_search_is_off(
    fresh_demo: DemoServer, make_window: WindowFactory, qtbot
) -> None:
    h = make_window(fresh_demo, event_id=SELFIE_OFF_EVENT_ID)
    bar = h.window.search_bar
    qtbot.keyClicks(bar.input, str(uuid.uuid4()))
    assert bar.mode is SearchMode.BIB


def test_photo_dialog_opens_in_pictures_then_in_the_last_folder(
    fresh_demo: DemoServer, make_window: WindowFactory, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the working directory is never where it opens
    h = make_window(fresh_demo)
    bar = h.window.search_bar
    bar.choose_photo()
    dialog = bar.photo_dialog
    assert dialog is not None and dialog.isVisible()
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    expected = pictures if Path(pictures).is_dir() else str(Path.home())
    assert Path(dialog.directory().absolutePath()) == Path(expected)
    assert Path(dialog.directory().absolutePath()) != tmp_path

    folder = tmp_path / "selfies"
    folder.mkdir()
    photo = folder / "me.jpg"
    photo.write_bytes(sample_selfie_path(fresh_demo.sample_bibs[0]).read_bytes())
    dialog.fileSelected.emit(str(photo))  # what the dialog says when a file is picked
    dialog.close()
    h.drain()
    assert h.window.settings.selfie_folder == str(folder)
    bar.choose_photo()
    assert Path(dialog.directory().absolutePath()) == folder
    dialog.close()

    # a new window with these settings opens there as well
    again = make_window(fresh_demo, settings=Settings(selfie_folder=str(folder)))
    again.window.search_bar.choose_photo()
    opened = again.window.search_bar.photo_dialog
    assert opened is not None and Path(opened.directory().absolutePath()) == folder
    opened.close()


def test_photo_dialog_folder_falls_back_when_the_last_one_is_gone(tmp_path: Path) -> None:
    assert photo_dialog_folder(str(tmp_path)) == str(tmp_path)
    gone = photo_dialog_folder(str(tmp_path / "removed"))
    assert gone != str(tmp_path / "removed") and Path(gone).is_dir()
