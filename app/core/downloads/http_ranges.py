"""The two `Content-Range` forms a Range answer carries (RFC 9110 §14.4)."""

from __future__ import annotations

import re

_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)", re.IGNORECASE)
_UNSATISFIED_RANGE = re.compile(r"bytes \*/(\d+)$")


def content_range(value: str | None) -> tuple[int | None, int | None]:
    """(first byte, full size) of `bytes FIRST-LAST/SIZE`; None for what is not there."""
    match = _CONTENT_RANGE.match(value or "")
    if not match:
        return None, None
    total = match.group(3)
    return int(match.group(1)), (int(total) if total.isdigit() else None)


def unsatisfied_total(value: str | None) -> int | None:
    """The full size a 416 names in `Content-Range: bytes */SIZE`."""
    match = _UNSATISFIED_RANGE.match(value or "")
    return int(match.group(1)) if match else None
