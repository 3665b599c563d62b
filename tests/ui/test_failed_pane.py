"""The failed pane's Retry and its note: photos without an original cannot be retried,
and video clips are fetched again from the Video clips panel, which the note says."""

from __future__ import annotations

from app.core.downloads.clip_keys import clip_key
from app.core.downloads.events import ItemResult, ItemStatus
from app.core.downloads.reasons import FailureReason
from app.ui.models.failed_model import FailedModel
from app.ui.widgets.failed_pane import FailedPane


def _clip(number: int) -> ItemResult:
    key = clip_key("req-1", number)
    return ItemResult(key, None, ItemStatus.FAILED, reason=FailureReason.CORRUPT)


def _photo(image_id: str, reason: FailureReason) -> ItemResult:
    return ItemResult(image_id, image_id, ItemStatus.FAILED, reason=reason)


def test_failed_clips_point_to_the_clips_panel_not_to_a_missing_original(qtbot) -> None:
    model = FailedModel()
    pane = FailedPane(model)
    qtbot.addWidget(pane)
    model.set_results([_clip(1), _clip(2)])
    assert not pane.retry_button.isEnabled()
    assert "Download clips" in pane.note.text()
    assert "no original" not in pane.note.text()

    # a photo that can be retried beside a clip: Retry works, the note says where clips go
    model.set_results([_clip(1), _photo("p1", FailureReason.CORRUPT)])
    assert pane.retry_button.isEnabled()
    assert "Download clips" in pane.note.text()

    # only photos without an original: the old reason stands
    model.set_results([_photo("p2", FailureReason.NO_LINK)])
    assert not pane.retry_button.isEnabled()
    assert "no original" in pane.note.text()
