"""Everything that can go wrong, in the window's words, in one place.

Errors come from `app.core.errors` (types and data, not sentences), input refusals from
`app.core.validation` (an `InputProblem` code), failed photos and stopped batches from
the download engine (a `FailureReason` code plus the service's own `detail`). This
module is the window's one place that turns those codes into words; nothing here shows
a status number or a traceback. The terminal has its own: `app.terminal_words`.

How window code adds words (every module under `app/ui/` follows this):

- Every user-facing string goes through Qt's translation, with a literal string so
  `pyside6-lupdate` finds it: `self.tr("…")` in a QObject; elsewhere a module-level
  `Name = Context("Name")` (`app.ui.text.Context`) and `Name.tr("…")`, the name before
  `.tr` spelled as the context. Not `QCoreApplication.translate` with a count: lupdate
  misses the plural there.
- A counted number is Qt's `%n` with the count as `n`, never glued on by hand:
  `self.tr("%n photo(s)", "", n)`; Qt picks "1 photo" / "2 photos" from the `.qm`.
- Any other argument is `%1`, `%2` … filled by `app.ui.text.fill(text, a, b)`: never
  `str.replace`, f-strings or `+` around words (word order differs between languages).
- Words for a core error, input problem or failure reason come only from this module
  (`error_message`, `input_problem_text`, `reason_text`, `item_text`, `problem_text`).
- After adding or changing a string run `make translations`: it updates
  `resources/translations/photo-retriever_en.ts`. Give each new `%n` string its two
  English forms there (`%n photo` / `%n photos`, and drop `type="unfinished"`), then run
  it again to build the `.qm`. `tests/ui/test_translations.py` fails while a form is
  missing or the `.qm` is older than the `.ts`.
"""

from __future__ import annotations

import math
from enum import Enum

from app.core.downloads.events import BatchProblem, ItemResult
from app.core.downloads.reasons import FailureReason
from app.core.downloads.report import ReportWording
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
from app.core.validation import MAX_BIB_CHARS, InputProblem, RefusedInput
from app.ui.text import Context, fill
from app.ui.user_message import Level as Level
from app.ui.user_message import UserMessage as UserMessage
from app.ui.user_message import format_bytes as format_bytes

Messages = Context("Messages")


class Action(Enum):
    """What the user was doing when the error happened: the same 404 means different things."""

    LIST_EVENTS = "list_events"
    OPEN_EVENT = "open_event"
    SEARCH_BIB = "search_bib"
    SEARCH_SELFIE_ID = "search_selfie_id"
    SEARCH_SELFIE_PHOTO = "search_selfie_photo"
    SEARCH_TIME = "search_time"
    BROWSE_ALL = "browse_all"
    LOAD_TIMELINE = "load_timeline"
    LOAD_PAGE = "load_page"
    SELECT_ALL = "select_all"
    PREVIEW = "preview"
    DOWNLOAD = "download"


def input_problem_text(problem: InputProblem) -> str:
    texts = {
        InputProblem.EMPTY_BIB: Messages.tr("Type your BIB number first, like 1488."),
        InputProblem.BAD_BIB: Messages.tr(
            "A BIB number has only letters, digits and hyphens, like 1488."
        ),
        InputProblem.BIB_TOO_LONG: Messages.tr(
            "That is too long for a BIB number: it has at most %n character(s), like 1488.",
            "",
            MAX_BIB_CHARS,
        ),
        InputProblem.EMPTY_REQUEST_ID: Messages.tr("Paste your selfie search id first."),
        InputProblem.BAD_REQUEST_ID: Messages.tr(
            "A selfie search id looks like ddc661a7-8861-4793-9437-af42a82d12f8."
        ),
        InputProblem.NO_FILE: Messages.tr("That photo file does not exist any more."),
        InputProblem.UNREADABLE_FILE: Messages.tr("That photo file cannot be read."),
        InputProblem.EMPTY_FILE: Messages.tr("That photo file is empty."),
        InputProblem.FILE_TOO_BIG: Messages.tr("That photo is too large. Choose one under 10 MB."),
        InputProblem.NOT_A_PHOTO: Messages.tr("Choose a JPEG or PNG photo of your face."),
        InputProblem.BAD_IMAGE_ID: Messages.tr("That is not a photo id."),
        InputProblem.NO_IMAGE_IDS: Messages.tr("Select at least one photo first."),
        InputProblem.NO_SELFIE: Messages.tr("Choose a selfie photo or paste a selfie search id."),
        InputProblem.EMPTY_TIME_WINDOW: Messages.tr("Pick a time window that is not empty."),
        InputProblem.BAD_TIME: Messages.tr("Type a time of day like 10:42."),
        InputProblem.BAD_PAGE: Messages.tr("Pages are numbered from 1."),
    }
    return texts[problem]


def feature_name(feature: str) -> str:
    names = {
        "bib_search": Messages.tr("search by BIB number"),
        "selfie_search": Messages.tr("search by selfie"),
        "timeline_search": Messages.tr("find by time"),
        "video_search": Messages.tr("video clips"),
    }
    return names.get(feature, feature.replace("_", " "))


def error_message(error: BaseException, action: Action) -> UserMessage:
    """The plain-words message for an error that happened during `action`."""
    if isinstance(error, RefusedInput):
        return UserMessage(input_problem_text(error.problem), Level.WARNING)
    if isinstance(error, FeatureDisabled):
        text = fill(
            Messages.tr("This event has %1 switched off by the organiser."),
            feature_name(error.feature),
        )
        if error.feature == "selfie_search":
            text += " " + Messages.tr("Search by BIB number instead.")
        elif error.feature == "bib_search":
            text += " " + Messages.tr("Search with a selfie instead.")
        return UserMessage(text, Level.WARNING)
    if isinstance(error, AuthMissing):
        return UserMessage(
            Messages.tr(
                "No API key is set for this service. Open Settings ▸ Connect to your event "
                "(Ctrl+,) and enter the event's API key."
            )
        )
    if isinstance(error, AccessDenied):
        return UserMessage(
            Messages.tr(
                "The photo service refused the API key for this event. Check the key, the "
                "organisation and the event in Settings ▸ Connect to your event (Ctrl+,)."
            )
        )
    if isinstance(error, NotFound):
        return UserMessage(_not_found_text(action), Level.WARNING)
    if isinstance(error, RateLimited):
        return UserMessage(
            Messages.tr("The photo service is busy right now. Wait a minute and try again."),
            can_retry=True,
        )
    if isinstance(error, RequestTimedOut):
        return UserMessage(
            Messages.tr("The photo service took too long to answer. Try again in a moment."),
            can_retry=True,
        )
    if isinstance(error, ServiceUnreachable):
        return UserMessage(
            Messages.tr(
                "Cannot reach the photo service. Check the internet connection and try again.",
            ),
            can_retry=True,
        )
    if isinstance(error, ServerError):
        return UserMessage(
            Messages.tr("The photo service had a problem on its side. Try again in a moment."),
            can_retry=True,
        )
    if isinstance(error, RequestRejected):
        if action is Action.SEARCH_SELFIE_PHOTO:
            return UserMessage(
                Messages.tr("The photo service did not accept this photo. Try another.")
            )
        return UserMessage(Messages.tr("The photo service did not accept this search."))
    if isinstance(error, InsecureUrl):
        return UserMessage(Messages.tr("Refused to use an insecure (non-https) address."))
    if isinstance(error, BadResponse):
        if action is Action.SEARCH_SELFIE_PHOTO:
            return UserMessage(
                Messages.tr("The photo service could not use this photo. Try another.")
            )
        return UserMessage(
            Messages.tr("The photo service sent an answer this app does not understand."),
            can_retry=True,
        )
    if isinstance(error, NinePicError):
        return UserMessage(Messages.tr("The photo service reported a problem."), can_retry=True)
    return UserMessage(
        Messages.tr(
            "Something unexpected went wrong. Try again; if it keeps happening, restart the app.",
        )
    )


def _not_found_text(action: Action) -> str:
    if action is Action.SEARCH_SELFIE_ID:
        return Messages.tr(
            "No selfie search with this id exists for this event. "
            "Check the id, or search with your selfie photo again.",
        )
    if action in (Action.OPEN_EVENT, Action.LIST_EVENTS):
        return Messages.tr(
            "This event was not found. It may have been removed; pick another event."
        )
    if action is Action.PREVIEW:
        return Messages.tr("This photo is no longer available.")
    return Messages.tr("The event or the search no longer exists. Pick the event and search again.")


def retry_notice(error: NinePicError, delay: float) -> UserMessage:
    """Shown while the client waits before trying again: "… retrying in 3 s".

    No answer at all is said once, at the first failure, without a countdown: the
    attempts that follow are quiet (a countdown per attempt only made the wait longer)."""
    if isinstance(error, ServiceUnreachable | RequestTimedOut):
        text = Messages.tr("Can't reach the photo service — retrying…")
        return UserMessage(text, Level.WARNING, retrying=True)
    seconds = max(1, math.ceil(delay))
    if isinstance(error, RateLimited):
        text = Messages.tr("The photo service is busy — retrying in %1 s…")
    else:
        text = Messages.tr("The photo service had a problem — retrying in %1 s…")
    return UserMessage(
        fill(text, seconds), Level.WARNING, countdown=seconds, template=text, retrying=True
    )


def offline_message(waiting_for: str = "") -> UserMessage:
    """The calls gave up, and the app keeps asking the service in the background;
    `waiting_for`: the search that runs once it answers."""
    if waiting_for:
        text = fill(
            Messages.tr(
                "Can't reach the photo service. Your search for %1 starts as soon as it "
                "answers; check the internet connection."
            ),
            waiting_for,
        )
    else:
        text = Messages.tr(
            "Can't reach the photo service. Check the internet connection; "
            "the app reconnects by itself as soon as the service answers."
        )
    return UserMessage(text, Level.WARNING, can_retry=True)


def offline_status() -> tuple[str, str]:
    """The empty grid while offline: what happens next, not the message bar again."""
    return (
        Messages.tr("Not connected"),
        Messages.tr("Your photos appear here once the photo service answers again."),
    )


def reason_text(reason: FailureReason) -> str:
    """Why one photo could not be fetched, in a sentence."""
    texts = {
        FailureReason.LINK_EXPIRED: Messages.tr(
            "The download link expired and could not be renewed."
        ),
        FailureReason.NOT_FOUND: Messages.tr("The photo was not found on the server."),
        FailureReason.NO_LINK: Messages.tr(
            "The service could not make a download link for this photo."
        ),
        FailureReason.SERVER_BUSY: Messages.tr("The server was busy; try again later."),
        FailureReason.SERVER_ERROR: Messages.tr("The server had an error."),
        FailureReason.CONNECTION_LOST: Messages.tr("The connection was lost."),
        FailureReason.CORRUPT: Messages.tr("The file arrived incomplete or damaged."),
        FailureReason.STALLED: Messages.tr("The photo host stopped sending."),
        FailureReason.MISSING_LINKS: Messages.tr(
            "The service listed photos it sent no download link for."
        ),
        FailureReason.DISK_FULL: Messages.tr("The disk is full."),
        FailureReason.PERMISSION_DENIED: Messages.tr(
            "Permission denied: the folder cannot be written."
        ),
        FailureReason.FOLDER_MISSING: Messages.tr(
            "The download folder is missing (removed or unplugged?)."
        ),
        FailureReason.DISK_ERROR: Messages.tr("The file could not be written to disk."),
        FailureReason.API_REFUSED: Messages.tr("The photo service refused the request."),
        FailureReason.FOLDER_BUSY: Messages.tr("Another download is using this folder."),
        FailureReason.CANCELLED: Messages.tr("Cancelled before it finished."),
        FailureReason.CLIP_JOB_FAILED: Messages.tr("The service could not make the video clips."),
        FailureReason.CLIP_JOB_TIMED_OUT: Messages.tr(
            "The video clips were not ready in time; check again later."
        ),
    }
    return texts[reason]


def item_text(result: ItemResult) -> str:
    """A failed photo's line: our sentence, then the service's own text."""
    if result.reason is None:
        return ""
    sentence = reason_text(result.reason)
    if result.detail and result.detail != sentence:
        return fill(Messages.tr("%1 (%2)"), sentence, result.detail)
    return sentence


def problem_text(problem: BatchProblem) -> str:
    """Why a batch stopped: the API error's words, or the reason and the system's text."""
    if problem.error is not None:
        return error_message(problem.error, Action.DOWNLOAD).text
    sentence = reason_text(problem.reason)
    if problem.detail and problem.detail != sentence:
        return fill(Messages.tr("%1 %2"), sentence, problem.detail)
    return sentence


def waiting_text() -> str:
    return Messages.tr("Another download is using this folder — waiting for it to finish.")


WINDOW_WORDS = ReportWording(item=item_text, problem=problem_text)
"""An exported report says what the Failed list said, in the window's language."""
