"""The grid's model: qtmodeltester, O(1) lookup, and dataChanged with the changed roles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap

from app.core.models import ImageItem
from app.ui.models.photo_model import PhotoModel, PhotoRole, ThumbState
from tests.ui.model_signals import SignalLog


def _items(n: int) -> list[ImageItem]:
    return [
        ImageItem(
            image_id=f"id-{i}",
            img_url=f"http://127.0.0.1/imgs/1/large/id-{i}.jpg",
            thumbnail_url=f"http://127.0.0.1/imgs/1/small/id-{i}.jpg",
            width=2400,
            height=1600,
        )
        for i in range(n)
    ]


def _pixmap() -> QPixmap:
    pixmap = QPixmap(40, 30)
    pixmap.fill(QColor("teal"))
    return pixmap


def test_photo_model_passes_the_model_tester(qapp, qtmodeltester) -> None:
    model = PhotoModel()
    selected = {"id-1"}
    model.set_selection_lookup(selected.__contains__)
    qtmodeltester.check(model, force_py=True)  # watching every change from here on
    log = SignalLog(model)
    model.set_page(_items(12), first_position=33, total=40)
    assert log.take() == ["modelAboutToBeReset", "modelReset"]
    assert model.rowCount() == 12
    model.set_thumbnail("id-0", _pixmap())
    model.set_thumbnail_failed("id-2")
    selected.add("id-3")
    model.selection_changed(["id-3", "gone"])
    assert log.take() == ["dataChanged"] * 3
    model.set_page(_items(5), first_position=1, total=5)
    model.clear()
    assert log.take() == ["modelAboutToBeReset", "modelReset"] * 2
    assert model.rowCount() == 0


def test_roles_and_accessible_text(qapp) -> None:
    model = PhotoModel()
    selected: set[str] = set()
    model.set_selection_lookup(selected.__contains__)
    model.set_page(_items(3), first_position=33, total=40)
    index = model.index(2, 0)
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Photo 35 of 40"
    assert index.data(PhotoRole.IMAGE_ID) == "id-2"
    assert index.data(PhotoRole.POSITION) == 35
    assert index.data(PhotoRole.STATE) == ThumbState.LOADING
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    selected.add("id-2")
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "Photo 35 of 40, selected"
    assert model.row_of("id-2") == 2 and model.row_of("other") is None


def test_thumbnail_arrival_names_only_the_changed_roles(qtbot) -> None:
    model = PhotoModel()
    model.set_page(_items(4), 1, 4)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_thumbnail("id-3", _pixmap())
    top, bottom, roles = changed.args
    assert top.row() == bottom.row() == 3
    assert set(roles) == {int(Qt.ItemDataRole.DecorationRole), int(PhotoRole.STATE)}
    assert model.index(3, 0).data(PhotoRole.STATE) == ThumbState.READY
    # a thumbnail for a photo no longer on the page is ignored
    with qtbot.assertNotEmitted(model.dataChanged):
        model.set_thumbnail("gone", _pixmap())


def test_duplicate_ids_do_not_break_lookup(qapp) -> None:
    model = PhotoModel()
    items = _items(3)
    model.set_page([*items, items[0]], 1, 4)
    assert model.rowCount() == 3
    assert [model.row_of(i.image_id) for i in items] == [0, 1, 2]
