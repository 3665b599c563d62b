"""When a photo was taken, from its EXIF: the wire `ImageItem` carries no capture time.

Only the camera's own DateTimeOriginal counts (with OffsetTimeOriginal when present);
a photo without it has no time shown, never a guessed one.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from PIL import Image
from PySide6.QtCore import QDateTime, QLocale

from app.ui.text import Context, fill

CaptureWords = Context("CaptureWords")

_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011


def exif_capture_time(data: bytes) -> datetime | None:
    """DateTimeOriginal of a JPEG's EXIF (aware when the offset is given), else None.

    Reads only the header segments (no pixels); runs off the GUI thread all the same."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            sub = image.getexif().get_ifd(_EXIF_IFD)
    except (OSError, ValueError, SyntaxError):
        return None
    raw = sub.get(_DATE_TIME_ORIGINAL)
    if not isinstance(raw, str):
        return None
    try:
        taken = datetime.strptime(raw.strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None  # blank ("    :  :     ") or made-up stamps
    offset = sub.get(_OFFSET_TIME_ORIGINAL)
    if isinstance(offset, str):
        zone = _parse_offset(offset.strip("\x00 "))
        if zone is not None:
            taken = taken.replace(tzinfo=zone)
    return taken


def _parse_offset(text: str) -> timezone | None:
    """`+02:00` / `-05:30` to a fixed zone."""
    if len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return None
    try:
        hours, minutes = int(text[1:3]), int(text[4:6])
    except ValueError:
        return None
    if hours > 14 or minutes > 59:
        return None
    sign = 1 if text[0] == "+" else -1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def capture_time_text(taken: datetime) -> str:
    """ "Taken 18 Apr 2026, 16:22 UTC": the camera's clock, with its offset when known."""
    when = QDateTime(taken.year, taken.month, taken.day, taken.hour, taken.minute, taken.second)
    stamp = QLocale().toString(when, "d MMM yyyy, HH:mm")
    offset = taken.utcoffset()
    if offset is None:
        return fill(CaptureWords.tr("Taken %1"), stamp)
    minutes = int(offset.total_seconds()) // 60
    zone = (
        "UTC"
        if not minutes
        else f"UTC{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"
    )
    return fill(CaptureWords.tr("Taken %1 %2"), stamp, zone)
