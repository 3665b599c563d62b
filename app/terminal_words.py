"""Every sentence the terminal prints, in one place: `download`, the command line, reports.

Core errors, input problems and failure reasons carry codes and data; this module is
the terminal's one place that turns them into English (the window has its own,
translatable, in `app.ui.messages`). The report file of a headless run uses
`item_text` and `problem_text` too, so `--json`, `--report` and stderr say the same.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from app.core import errors
from app.core.credentials import ENV_VAR
from app.core.downloads.events import BatchProblem, ItemResult, ProgressSnapshot
from app.core.downloads.kinds import MediaKind
from app.core.downloads.reasons import FailureReason
from app.core.downloads.report import ReportWording
from app.core.validation import MAX_BIB_CHARS, InputProblem, RefusedInput

if TYPE_CHECKING:
    from app.core.downloads.links import DownloadJob
    from app.core.downloads.listed import ListedPhotos

_FEATURES: dict[str, str] = {
    "bib_search": "BIB search",
    "selfie_search": "selfie search",
    "timeline_search": "the photo timeline",
    "video_search": "video clips",
}

_INPUT: dict[InputProblem, str] = {
    InputProblem.EMPTY_BIB: "Enter a BIB number.",
    InputProblem.BAD_BIB: f"A BIB number is up to {MAX_BIB_CHARS} letters, digits or '-'.",
    InputProblem.BIB_TOO_LONG: f"A BIB number is at most {MAX_BIB_CHARS} characters long.",
    InputProblem.EMPTY_REQUEST_ID: "Give a selfie search id.",
    InputProblem.BAD_REQUEST_ID: "A selfie search id is a UUID.",
    InputProblem.NO_FILE: "The photo file does not exist.",
    InputProblem.UNREADABLE_FILE: "The photo file cannot be read.",
    InputProblem.EMPTY_FILE: "The photo file is empty.",
    InputProblem.FILE_TOO_BIG: "The photo file is too large.",
    InputProblem.NOT_A_PHOTO: "The file is not a JPEG or PNG photo.",
    InputProblem.BAD_IMAGE_ID: "Not an image id.",
    InputProblem.NO_IMAGE_IDS: "Give at least one image id.",
    InputProblem.NO_SELFIE: "Give a selfie search id or a selfie photo.",
    InputProblem.EMPTY_TIME_WINDOW: "The time window is empty: --to must come after --from.",
    InputProblem.BAD_TIME: "A time is ISO 8601, like 2026-04-19T10:42 or 2026-04-19T10:42+02:00.",
    InputProblem.BAD_PAGE: "Pages are numbered from 1.",
}

_GIVEN: dict[InputProblem, str] = {
    InputProblem.EMPTY_BIB: "{value!r} is not a BIB number (up to {max} letters, digits, '-').",
    InputProblem.BAD_BIB: "{value!r} is not a BIB number (up to {max} letters, digits, '-').",
    InputProblem.BIB_TOO_LONG: "{value!r} is too long for a BIB number (at most {max} characters).",
    InputProblem.EMPTY_REQUEST_ID: "{value!r} is not a selfie search id (a UUID).",
    InputProblem.BAD_REQUEST_ID: "{value!r} is not a selfie search id (a UUID).",
    InputProblem.BAD_IMAGE_ID: "Not an image id: {value!r}.",
    InputProblem.BAD_TIME: (
        "{value!r} is not an ISO 8601 time (like 2026-04-19T10:42, or with +02:00 or Z)."
    ),
}

_REASONS: dict[FailureReason, str] = {
    FailureReason.LINK_EXPIRED: "The download link expired and could not be renewed.",
    FailureReason.NOT_FOUND: "The photo was not found on the server.",
    FailureReason.NO_LINK: "The service could not make a download link for this photo.",
    FailureReason.SERVER_BUSY: "The server was busy; try again later.",
    FailureReason.SERVER_ERROR: "The server had an error.",
    FailureReason.CONNECTION_LOST: "The connection was lost.",
    FailureReason.CORRUPT: "The file arrived incomplete or damaged.",
    FailureReason.STALLED: "The photo host stopped sending.",
    FailureReason.MISSING_LINKS: "The service listed photos it sent no download link for.",
    FailureReason.DISK_FULL: "The disk is full.",
    FailureReason.PERMISSION_DENIED: "Permission denied: the folder cannot be written.",
    FailureReason.FOLDER_MISSING: "The download folder is missing (removed or unplugged?).",
    FailureReason.DISK_ERROR: "The file could not be written to disk.",
    FailureReason.API_REFUSED: "The photo service refused the request.",
    FailureReason.FOLDER_BUSY: "Another download is using this folder.",
    FailureReason.CANCELLED: "Cancelled before it finished.",
    FailureReason.CLIP_JOB_FAILED: "The service could not make the video clips.",
    FailureReason.CLIP_JOB_TIMED_OUT: (
        "The video clips were not ready after 10 minutes; run the same command again later."
    ),
}


class OptionProblem(StrEnum):
    """What is wrong with a `download` option other than the search itself."""

    NO_EVENT = "no_event"
    PARALLEL = "parallel"
    OUT_BLANK = "out_blank"
    OUT_NAME_LONG = "out_name_long"
    OUT_CONTROL = "out_control"
    OUT_NOT_FOLDER = "out_not_folder"
    OUT_NOT_WRITABLE = "out_not_writable"
    OUT_PARENT_NOT_FOLDER = "out_parent_not_folder"
    OUT_PARENT_NOT_WRITABLE = "out_parent_not_writable"
    API_URL_EMPTY = "api_url_empty"
    BAD_KEY = "bad_key"
    NAME_PATTERN = "name_pattern"
    FROM_WITHOUT_TO = "from_without_to"
    TO_WITHOUT_FROM = "to_without_from"
    CLIPS_NEED_SELFIE = "clips_need_selfie"


_OPTIONS: dict[OptionProblem, str] = {
    OptionProblem.NO_EVENT: "Give the event with --event.",
    OptionProblem.PARALLEL: "--parallel must be between 1 and {limit}.",
    OptionProblem.OUT_BLANK: "--out is empty or starts or ends with a space.",
    OptionProblem.OUT_NAME_LONG: "--out: a folder name is longer than {limit} bytes.",
    OptionProblem.OUT_CONTROL: "--out contains a control character.",
    OptionProblem.OUT_NOT_FOLDER: "{path} exists and is not a folder.",
    OptionProblem.OUT_NOT_WRITABLE: "{path} cannot be written (permission denied).",
    OptionProblem.OUT_PARENT_NOT_FOLDER: "{path} cannot be created: {parent} is not a folder.",
    OptionProblem.OUT_PARENT_NOT_WRITABLE: "{path} cannot be created: {parent} is not writable.",
    OptionProblem.API_URL_EMPTY: "--api-url is empty; leave it out to use the built-in demo.",
    OptionProblem.NAME_PATTERN: "--name-pattern: {reason}.",
    OptionProblem.FROM_WITHOUT_TO: "--from needs --to: the end of the time window.",
    OptionProblem.TO_WITHOUT_FROM: "--to needs --from: the start of the time window.",
    OptionProblem.CLIPS_NEED_SELFIE: (
        "--clips needs --selfie: video clips come from a selfie search."
    ),
    OptionProblem.BAD_KEY: (
        f"The API key (from {ENV_VAR} or the keychain) has characters an API key "
        "cannot contain (spaces, accents, control characters)."
    ),
}


class OptionRefused(errors.InvalidInput):
    """A command-line option refused before any call; `problem` plus the data to word it."""

    code = "option_refused"

    def __init__(self, problem: OptionProblem, **data: object) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.data = data


def option_text(problem: OptionProblem, **data: object) -> str:
    return _OPTIONS[problem].format(**data)


def input_text(problem: InputProblem, value: str | None = None) -> str:
    """The terminal's words for an input refusal; with the `value` given when known."""
    if value is not None and problem in _GIVEN:
        return _GIVEN[problem].format(value=value, max=MAX_BIB_CHARS)
    return _INPUT[problem]


def error_text(error: BaseException) -> str:
    """Plain English for any error the terminal reports; never a key or a signed link."""
    if isinstance(error, OptionRefused):
        return option_text(error.problem, **error.data)
    if isinstance(error, RefusedInput):
        return input_text(error.problem, error.value)
    if isinstance(error, errors.InvalidInput):
        return f"That input is not valid ({error.detail})." if error.detail else _INVALID
    if isinstance(error, errors.FeatureDisabled):
        name = _FEATURES.get(error.feature, error.feature.replace("_", " "))
        return f"This event has {name} switched off."
    if isinstance(error, errors.AuthMissing):
        return (
            "No API key was sent. Give the event's API key in NINEPIC_API_KEY "
            "or store it in the system keychain."
        )
    if isinstance(error, errors.AccessDenied):
        return (
            "The service refused the API key for this event. "
            "Check the key, the organisation and the event."
        )
    if isinstance(error, errors.RequestRejected):
        text = "The service did not accept the request."
        return f"{text} ({'; '.join(error.field_errors)})" if error.field_errors else text
    for kind, text in _SIMPLE:
        if isinstance(error, kind):
            return text
    return "The photo service reported a problem."


_INVALID = "That input is not valid."
_SIMPLE: tuple[tuple[type[BaseException], str], ...] = (
    (errors.NotFound, "Not found: the event or the search no longer exists."),
    (errors.RateLimited, "The photo service is busy (too many requests)."),
    (errors.ServerError, "The photo service had an internal error."),
    (errors.RequestTimedOut, "The photo service took too long to answer."),
    (errors.ServiceUnreachable, "Cannot reach the photo service. Check the internet connection."),
    (errors.InsecureUrl, "Refused an insecure (non-https) address."),
    (errors.BadResponse, "The photo service sent an answer this app does not understand."),
)


def reason_text(reason: FailureReason) -> str:
    return _REASONS[reason]


def item_text(result: ItemResult) -> str:
    """A failed photo's line: our sentence, then the service's own text."""
    if result.reason is None:
        return ""
    sentence = _REASONS[result.reason]
    if result.detail and result.detail != sentence:  # older journals stored the sentence
        return f"{sentence} ({result.detail})"
    return sentence


def problem_text(problem: BatchProblem) -> str:
    """Why the batch stopped: the API error's words, or the reason and the system's text."""
    if problem.error is not None:
        return error_text(problem.error)
    return f"{_REASONS[problem.reason]} {problem.detail}".strip()


def nothing_found(job: DownloadJob | ListedPhotos) -> str:
    """The line for a download that found nothing to fetch (a listed window has photos)."""
    request_id = getattr(job, "identifier", "")
    if getattr(job, "kind", None) is MediaKind.CLIP:
        return NO_CLIPS.format(request_id=request_id)
    return NOTHING_FOUND.format(what=job.describe())


def waiting_text() -> str:
    return "Another download is using this folder — waiting for it to finish."


def summary_line(downloaded: int, there: int, failed: int, folder: object) -> str:
    return f"{downloaded} downloaded, {there} already there, {failed} failed — {folder}"


TERMINAL_WORDS = ReportWording(item=item_text, problem=problem_text)
"""The report of a headless run says what stderr says."""

STOPPING = "Stopping…"
STOPPED = "Stopped: {problem}"
NOT_DOWNLOADED = "Not downloaded:"
INTERRUPTED = "Interrupted; run the same command again to continue."
NOTHING_FOUND = "No photos for {what}."
NO_CLIPS = "No video clips for the selfie search {request_id}."
CLIP_JOB: dict[str, str] = {
    "queued": "Video clips: waiting for the service to start…",
    "processing": "Video clips: the service is cutting them…",
    "done": "Video clips: {count} ready.",
    "failed": "Video clips: the service could not make them ({status}).",
    "timed_out": "Video clips: still not ready after {minutes} minutes.",
}
"""One line per state of the clip job, keyed by `ClipJobState` value."""
REPORT_NOT_SAVED = "report not saved: {reason}"


def plain_progress_line(snap: ProgressSnapshot) -> str:
    """`12/40 saved, 1 failed, 48.2 MB, 6.1 MB/s`: one line of a piped run's log."""
    total = snap.items_total if snap.items_total is not None else "…"
    saved = snap.downloaded + snap.already_there
    failed = f", {snap.failed} failed" if snap.failed else ""
    paused = ", paused" if snap.paused else ""
    return f"{saved}/{total} saved{failed}, {_sizes(snap)}{paused}"


def bar_postfix(snap: ProgressSnapshot) -> str:
    """What the terminal bar shows beside its photo count: `48.2 MB, 6.1 MB/s, ETA 0:27`."""
    settled = snap.elapsed_s >= 2.0 and not snap.paused  # the first guesses are wild
    eta = f", ETA {_clock(snap.eta_s)}" if snap.eta_s is not None and settled else ""
    failed = f", {snap.failed} failed" if snap.failed else ""
    paused = ", paused" if snap.paused else ""
    return f"{_sizes(snap)}{eta}{failed}{paused}"


def _sizes(snap: ProgressSnapshot) -> str:
    return f"{snap.bytes_done / 1e6:.1f} MB, {snap.speed_bps / 1e6:.1f} MB/s"


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
