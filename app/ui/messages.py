"""Everything that can go wrong, in plain words, in one place.

Errors come from `app.core.errors` (types, not status codes) and input refusals from
`app.core.validation`. Nothing here shows a status number or a traceback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum, StrEnum

from PySide6.QtCore import QCoreApplication

from app.core.errors import (
    AccessDenied,
    AuthMissing,
    BadResponse,
    FeatureDisabled,
    InsecureUrl,
    NinePicError,
    NotFound,
    RateLimited,
    RequestRejected,
    RequestTimedOut,
    ServerError,
    ServiceUnreachable,
)
from app.core.validation import InputProblem, RefusedInput


def _tr(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Action(Enum):
    """What the user was doing when the error happened: the same 404 means different things."""

    LIST_EVENTS = "list_events"
    OPEN_EVENT = "open_event"
    SEARCH_BIB = "search_bib"
    SEARCH_SELFIE_ID = "search_selfie_id"
    SEARCH_SELFIE_PHOTO = "search_selfie_photo"
    LOAD_PAGE = "load_page"
    SELECT_ALL = "select_all"
    PREVIEW = "preview"


@dataclass(frozen=True)
class UserMessage:
    """A message for the message bar; `can_retry` offers a Retry button."""

    text: str
    level: Level = Level.ERROR
    can_retry: bool = False
    countdown: int = 0
    """Seconds to count down in the bar, replacing `template`'s %1 each second."""
    template: str = ""


def input_problem_text(problem: InputProblem) -> str:
    texts = {
        InputProblem.EMPTY_BIB: _tr("Type your BIB number first, like 1042."),
        InputProblem.BAD_BIB: _tr("A BIB number has letters and digits only, like 1042"),
        InputProblem.EMPTY_REQUEST_ID: _tr("Paste your selfie search id first."),
        InputProblem.BAD_REQUEST_ID: _tr(
            "A selfie search id looks like ddc661a7-8861-4793-9437-af42a82d12f8."
        ),
        InputProblem.NO_FILE: _tr("That photo file does not exist any more."),
        InputProblem.UNREADABLE_FILE: _tr("That photo file cannot be read."),
        InputProblem.EMPTY_FILE: _tr("That photo file is empty."),
        InputProblem.FILE_TOO_BIG: _tr("That photo is too large. Choose one under 10 MB."),
        InputProblem.NOT_A_PHOTO: _tr("Choose a JPEG or PNG photo of your face."),
        InputProblem.BAD_IMAGE_ID: _tr("That is not a photo id."),
    }
    return texts[problem]


def feature_name(feature: str) -> str:
    names = {
        "bib_search": _tr("search by BIB number"),
        "selfie_search": _tr("search by selfie"),
    }
    return names.get(feature, feature.replace("_", " "))


def error_message(error: BaseException, action: Action) -> UserMessage:
    """The plain-words message for an error that happened during `action`."""
    if isinstance(error, RefusedInput):
        return UserMessage(input_problem_text(error.problem), Level.WARNING)
    if isinstance(error, FeatureDisabled):
        text = _tr("This event has %1 switched off by the organiser.").replace(
            "%1", feature_name(error.feature)
        )
        if error.feature == "selfie_search":
            text += " " + _tr("Search by BIB number instead.")
        elif error.feature == "bib_search":
            text += " " + _tr("Search with a selfie instead.")
        return UserMessage(text, Level.WARNING)
    if isinstance(error, AuthMissing):
        return UserMessage(
            _tr(
                "No API key is set for this service. Open Settings ▸ Connect to your event "
                "(Ctrl+,) and enter the event's API key."
            )
        )
    if isinstance(error, AccessDenied):
        return UserMessage(
            _tr(
                "The photo service refused the API key for this event. Check the key, the "
                "organisation and the event in Settings ▸ Connect to your event (Ctrl+,)."
            )
        )
    if isinstance(error, NotFound):
        return UserMessage(_not_found_text(action), Level.WARNING)
    if isinstance(error, RateLimited):
        return UserMessage(
            _tr("The photo service is busy right now. Wait a minute and try again."),
            can_retry=True,
        )
    if isinstance(error, RequestTimedOut):
        return UserMessage(
            _tr("The photo service took too long to answer. Try again in a moment."),
            can_retry=True,
        )
    if isinstance(error, ServiceUnreachable):
        return UserMessage(
            _tr("Cannot reach the photo service. Check the internet connection and try again."),
            can_retry=True,
        )
    if isinstance(error, ServerError):
        return UserMessage(
            _tr("The photo service had a problem on its side. Try again in a moment."),
            can_retry=True,
        )
    if isinstance(error, RequestRejected):
        if action is Action.SEARCH_SELFIE_PHOTO:
            return UserMessage(_tr("The photo service did not accept this photo. Try another."))
        return UserMessage(_tr("The photo service did not accept this search."))
    if isinstance(error, InsecureUrl):
        return UserMessage(_tr("Refused to use an insecure (non-https) address."))
    if isinstance(error, BadResponse):
        if action is Action.SEARCH_SELFIE_PHOTO:
            return UserMessage(_tr("The photo service could not use this photo. Try another."))
        return UserMessage(
            _tr("The photo service sent an answer this app does not understand."),
            can_retry=True,
        )
    if isinstance(error, NinePicError):
        return UserMessage(_tr("The photo service reported a problem."), can_retry=True)
    return UserMessage(
        _tr("Something unexpected went wrong. Try again; if it keeps happening, restart the app.")
    )


def _not_found_text(action: Action) -> str:
    if action is Action.SEARCH_SELFIE_ID:
        return _tr(
            "No selfie search with this id exists for this event. "
            "Check the id, or search with your selfie photo again."
        )
    if action in (Action.OPEN_EVENT, Action.LIST_EVENTS):
        return _tr("This event was not found. It may have been removed; pick another event.")
    if action is Action.PREVIEW:
        return _tr("This photo is no longer available.")
    return _tr("The event or the search no longer exists. Pick the event and search again.")


def retry_notice(error: NinePicError, delay: float) -> UserMessage:
    """Shown while the client waits before trying again: "… retrying in 3 s"."""
    seconds = max(1, math.ceil(delay))
    if isinstance(error, RateLimited):
        text = _tr("The photo service is busy — retrying in %1 s…")
    elif isinstance(error, ServiceUnreachable):
        text = _tr("Cannot reach the photo service — retrying in %1 s…")
    else:
        text = _tr("The photo service had a problem — retrying in %1 s…")
    return UserMessage(
        text.replace("%1", str(seconds)), Level.WARNING, countdown=seconds, template=text
    )


def format_bytes(size: int) -> str:
    """Human sizes for the selection estimate: 950 KB, 4.2 MB, 1.3 GB."""
    if size < 1_000_000:
        return _tr("%1 KB").replace("%1", str(max(1, round(size / 1000))))
    if size < 1_000_000_000:
        mb = size / 1_000_000
        return _tr("%1 MB").replace("%1", f"{mb:.1f}" if mb < 10 else str(round(mb)))
    return _tr("%1 GB").replace("%1", f"{size / 1_000_000_000:.1f}")
