"""Search input rules, checked before any call is made.

Shared by the window and the headless `download` command, so a BIB or a selfie id
means the same everywhere. Each refusal carries an `InputProblem` code and no words:
the window's live in `app.ui.messages` (through Qt's translations), the terminal's in
`app.terminal_words`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from app.core.errors import InvalidInput
from app.core.image_signatures import image_type

MAX_BIB_CHARS = 12
MAX_SELFIE_BYTES = 10 * 1024 * 1024
"""The stand-in refuses larger uploads; the live limit is not documented."""

_BIB = re.compile(r"[A-Z0-9-]+")
_BIB_LABEL = re.compile(r"^(?:BIB(?=[\s:#.\d])|#)[\s:#.]*", re.IGNORECASE)
"""A pasted "BIB 1488", "Bib: 1488", "BIB#1488" or "#1488": the label is not the number."""
_IMAGE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


class InputProblem(StrEnum):
    EMPTY_BIB = "empty_bib"
    BAD_BIB = "bad_bib"
    BIB_TOO_LONG = "bib_too_long"
    EMPTY_REQUEST_ID = "empty_request_id"
    BAD_REQUEST_ID = "bad_request_id"
    NO_FILE = "no_file"
    UNREADABLE_FILE = "unreadable_file"
    EMPTY_FILE = "empty_file"
    FILE_TOO_BIG = "file_too_big"
    NOT_A_PHOTO = "not_a_photo"
    BAD_IMAGE_ID = "bad_image_id"
    NO_IMAGE_IDS = "no_image_ids"
    NO_SELFIE = "no_selfie"
    EMPTY_TIME_WINDOW = "empty_time_window"
    BAD_TIME = "bad_time"
    BAD_PAGE = "bad_page"


class RefusedInput(InvalidInput):
    """Input refused at the input; `problem` is the code each front end words itself,
    `value` the text given, when a front end wants to quote it back."""

    code = "refused_input"

    def __init__(self, problem: InputProblem, *, value: str | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.value = value


def clean_bib(text: str) -> str:
    """Trim, drop a "BIB" or "#" label and inner spaces, upper-case; then 1-12 letters,
    digits or hyphens. Too long is said before bad characters: it is the likelier slip
    (a pasted sentence or two numbers), and the character rule would not help there."""
    bib = "".join(_BIB_LABEL.sub("", text.strip()).split()).upper()
    if not bib:
        raise RefusedInput(InputProblem.EMPTY_BIB)
    if len(bib) > MAX_BIB_CHARS:
        raise RefusedInput(InputProblem.BIB_TOO_LONG)
    if not _BIB.fullmatch(bib):
        raise RefusedInput(InputProblem.BAD_BIB)
    return bib


def clean_request_id(text: str) -> str:
    """A selfie search id must be a UUID; returned in its canonical lower-case form."""
    value = text.strip()
    if not value:
        raise RefusedInput(InputProblem.EMPTY_REQUEST_ID)
    try:
        import uuid  # (with `platform` under it) only when an id is checked

        return str(uuid.UUID(value))
    except ValueError:
        raise RefusedInput(InputProblem.BAD_REQUEST_ID) from None


def clean_image_id(text: str) -> str:
    """Trimmed; a letter or digit, then up to 127 letters, digits, '.', '_' or '-'."""
    value = text.strip()
    if not _IMAGE_ID.fullmatch(value):
        raise RefusedInput(InputProblem.BAD_IMAGE_ID)
    return value


def looks_like_request_id(text: str) -> bool:
    """True for a pasted UUID (never a valid BIB: those are at most 12 characters)."""
    try:
        clean_request_id(text)
    except RefusedInput:
        return False
    return True


def selfie_content_type(data: bytes) -> str | None:
    """JPEG or PNG by signature, the two formats the service is known to take."""
    kind = image_type(data)
    return kind if kind in ("image/jpeg", "image/png") else None


def read_selfie(path: Path) -> tuple[bytes, str]:
    """Read and check a selfie photo: blocking, so call it from a worker thread."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise RefusedInput(InputProblem.NO_FILE) from None
    except OSError:
        raise RefusedInput(InputProblem.UNREADABLE_FILE) from None
    if size == 0:
        raise RefusedInput(InputProblem.EMPTY_FILE)
    if size > MAX_SELFIE_BYTES:
        raise RefusedInput(InputProblem.FILE_TOO_BIG)
    try:
        data = path.read_bytes()
    except OSError:
        raise RefusedInput(InputProblem.UNREADABLE_FILE) from None
    content_type = selfie_content_type(data)
    if content_type is None:
        raise RefusedInput(InputProblem.NOT_A_PHOTO)
    return data, content_type
