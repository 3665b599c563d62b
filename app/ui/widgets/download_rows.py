"""The download panel's words and rows: progress texts, and the delegates that paint a
photo of the batch and an entry of the failed list."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.core.downloads import ProgressSnapshot
from app.ui.messages import format_bytes
from app.ui.models.download_model import DownloadRole, ItemState
from app.ui.models.failed_model import FailedRole
from app.ui.row_thumbnails import BOX
from app.ui.text import Context, fill
from app.ui.widgets.style import ERROR_TINT, blend, readable_tint

Pictures = Callable[[object], QPixmap | None]
"""The small picture of a photo by image id (None: a blank box)."""

DownloadRows = Context("DownloadRows")

Index = QModelIndex | QPersistentModelIndex

_SCALE = 1000


# ------------------------------------------------------------------ wording


def eta_text(seconds: float) -> str:
    """ "about 14 s left", "about 3 min left", "about 1 h 5 min left"."""
    if seconds < 60:
        return DownloadRows.tr("about %n s left", "", max(1, math.ceil(seconds)))
    minutes = round(seconds / 60)
    if minutes < 60:
        return DownloadRows.tr("about %n min left", "", minutes)
    hours, minutes = divmod(minutes, 60)
    return fill(DownloadRows.tr("about %1 h %2 min left"), hours, minutes)


def progress_text(snapshot: ProgressSnapshot, *, running: bool = True) -> str:
    """ "12 of 40 · 48 MB of 160 MB · 8.1 MB/s · about 14 s left"."""
    parts: list[str] = []
    if snapshot.items_total is not None:
        parts.append(
            fill(
                DownloadRows.tr("%1 of %2"),
                snapshot.items_finished,
                snapshot.items_total,
            )
        )
    elif snapshot.items_finished:
        parts.append(DownloadRows.tr("%n photo(s)", "", snapshot.items_finished))
    if snapshot.bytes_total and running:
        parts.append(
            fill(
                DownloadRows.tr("%1 of %2"),
                format_bytes(snapshot.bytes_done),
                format_bytes(snapshot.bytes_total),
            )
        )
    elif snapshot.bytes_done:
        parts.append(format_bytes(snapshot.bytes_done))
    if running and snapshot.paused:
        parts.insert(0, DownloadRows.tr("Paused"))
    elif running:
        if snapshot.speed_bps > 0:
            parts.append(fill(DownloadRows.tr("%1/s"), format_bytes(int(snapshot.speed_bps))))
        if snapshot.eta_s is not None and snapshot.speed_bps > 0:
            parts.append(eta_text(snapshot.eta_s))
    return " · ".join(parts) if parts else DownloadRows.tr("Starting…")


def progress_value(snapshot: ProgressSnapshot) -> int:
    """Out of 1000: by bytes once sizes are known, else by photos."""
    if snapshot.bytes_total:
        return min(_SCALE, snapshot.bytes_done * _SCALE // snapshot.bytes_total)
    if snapshot.items_total:
        return min(_SCALE, snapshot.items_finished * _SCALE // snapshot.items_total)
    return 0


def short_path(path: Path) -> str:
    """The folder for people: `~` for the home folder."""
    home = Path.home()
    try:
        return str(Path("~") / path.relative_to(home))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- delegates


def paint_picture(painter: QPainter, palette: QPalette, box: QRect, pixmap: QPixmap | None) -> None:
    """The photo's small picture fitted in `box`, or a blank box while there is none."""
    painter.fillRect(
        box,
        blend(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.08),
    )
    if pixmap is None or pixmap.isNull():
        return
    size = pixmap.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRect(0, 0, size.width(), size.height())
    target.moveCenter(box.center())
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawPixmap(target, pixmap)


class PictureRowDelegate(QStyledItemDelegate):
    """A row that starts with its photo's small picture (`pictures` looks it up)."""

    pictures: Pictures | None = None

    def paint_picture(
        self, painter: QPainter, palette: QPalette, rect: QRect, image_id: object, top: int
    ) -> QRect:
        """The picture at the row's left, `top` pixels down; the rest of the row is returned."""
        box = QRect(rect.left() + 6, rect.top() + top, BOX.width(), BOX.height())
        paint_picture(painter, palette, box, self.pictures(image_id) if self.pictures else None)
        return rect.adjusted(BOX.width() + 14, 0, 0, 0)


class DownloadItemDelegate(PictureRowDelegate):
    """One row: the photo's picture, its file name, the status on the right, a thin
    progress line below."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(200, max(height + 14, BOX.height() + 8))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else None
        palette: QPalette = opt.palette
        rect: QRect = opt.rect
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if style is not None:
            opt.text = ""
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        state = ItemState(int(index.data(DownloadRole.STATE)))
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        status = str(index.data(DownloadRole.STATUS_TEXT) or "")
        painter.setFont(opt.font)
        metrics = QFontMetrics(opt.font)
        text_part = self.paint_picture(painter, palette, rect, index.data(DownloadRole.IMAGE_ID), 3)
        inner = text_part.adjusted(0, 0, -8, -4)
        status_width = min(metrics.horizontalAdvance(status) + 2, int(inner.width() * 0.6))
        name_width = max(0, inner.width() - status_width - 16)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(text_role))
        painter.drawText(
            QRect(inner.left(), inner.top(), name_width, inner.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, name_width),
        )
        if state is ItemState.FAILED and not selected:
            painter.setPen(readable_tint(palette, ERROR_TINT))
        elif not selected and state.finished:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            QRect(inner.right() - status_width, inner.top(), status_width, inner.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            metrics.elidedText(status, Qt.TextElideMode.ElideRight, status_width),
        )
        progress = int(index.data(DownloadRole.PROGRESS))
        if state in (ItemState.DOWNLOADING, ItemState.RETRYING) and progress >= 0:
            track = QRect(inner.left(), rect.bottom() - 4, inner.width(), 3)
            base = palette.color(QPalette.ColorRole.Base)
            painter.fillRect(track, blend(base, palette.color(QPalette.ColorRole.Text), 0.15))
            done = QRect(track.left(), track.top(), track.width() * progress // 100, 3)
            painter.fillRect(done, palette.color(QPalette.ColorRole.Highlight))
        painter.restore()


class FailedItemDelegate(PictureRowDelegate):
    """The photo's picture and name, the plain reason, and what the service said (if
    anything)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = QFontMetrics(option.font).height()
        lines = 3 if index.data(FailedRole.DETAIL) else 2
        return QSize(200, max(lines * height, BOX.height()) + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        palette: QPalette = opt.palette
        rect: QRect = opt.rect
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if widget is not None:
            opt.text = ""
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget
            )
        font: QFont = opt.font
        painter.setFont(font)
        metrics = QFontMetrics(font)
        text_part = self.paint_picture(painter, palette, rect, index.data(FailedRole.IMAGE_ID), 6)
        inner = text_part.adjusted(0, 6, -8, -6)
        line = metrics.height()
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        reason = str(index.data(FailedRole.REASON) or "")
        detail = str(index.data(FailedRole.DETAIL) or "")
        rows: list[tuple[str, QColor, Qt.TextElideMode]] = [
            (
                title,
                palette.color(
                    QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
                ),
                Qt.TextElideMode.ElideMiddle,
            ),
            (
                reason,
                palette.color(QPalette.ColorRole.HighlightedText)
                if selected
                else readable_tint(palette, ERROR_TINT),
                Qt.TextElideMode.ElideRight,
            ),
        ]
        if detail:
            rows.append(
                (
                    fill(DownloadRows.tr("The service said: %1"), detail),
                    palette.color(
                        QPalette.ColorRole.HighlightedText
                        if selected
                        else QPalette.ColorRole.PlaceholderText
                    ),
                    Qt.TextElideMode.ElideRight,
                )
            )
        for n, (text, colour, elide) in enumerate(rows):
            painter.setPen(colour)
            painter.drawText(
                QRect(inner.left(), inner.top() + n * line, inner.width(), line),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                metrics.elidedText(text, elide, inner.width()),
            )
        painter.restore()


# -------------------------------------------------------------------- panel
