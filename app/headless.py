"""`photo-retriever download`: originals in bulk, without the window.

Exit codes: 0 everything asked for is on disk (or the service said nothing matched),
1 some photos failed (or the service listed photos it sent no link for), 2 bad input
or usage (a folder that cannot be used, another download on the folder with
`--no-wait`), 3 the API refused (auth, forbidden, not found) or could not be reached.
Progress and the failed list go to stderr, each message once; `--json` prints one
report on stdout and nothing else.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app import terminal_words as words
from app.core.downloads.events import DownloadSummary
from app.core.downloads.filenames import DEFAULT_NAME_PATTERN, NamePattern
from app.core.downloads.limits import DEFAULT_PARALLEL, MAX_PARALLEL
from app.core.downloads.reasons import FailureReason, stops_batch_on_api_error
from app.core.downloads.report import report_json, write_report
from app.core.errors import InvalidInput, NinePicError, RequestRejected
from app.core.names import ENV_VAR
from app.core.validation import RefusedInput, clean_bib, clean_image_id, clean_request_id
from app.terminal_words import TERMINAL_WORDS, OptionProblem, OptionRefused

# The parser needs only the names above: the engine, the client (httpx, pydantic),
# asyncio and the progress bar load when a download really runs, not for `--help`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

    from app.core.backend import BackendConfig
    from app.core.downloads.links import DownloadJob
    from app.core.downloads.listed import ListedPhotos
    from app.core.retry import RetryPolicy
    from app.terminal_progress import Progress

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_API = 3
EXIT_INTERRUPTED = 130


def _api_retries() -> RetryPolicy:
    from app.core.retry import RetryPolicy

    return RetryPolicy(max_attempts=5, base_delay=0.25, max_delay=10.0)


HELP_EPILOG = f"""\
exit codes:
  0    everything asked for is on disk (or the service found nothing for it)
  1    some photos failed (they are listed at the end, with the reason)
  2    bad input or usage: an --out that cannot be used, another download
       on the folder with --no-wait
  3    the API refused (key, organisation, event) or could not be reached
  130  interrupted (Ctrl-C): run the same command again to continue

where photos go: --out, else {{folder}}
where the API key comes from: the built-in demo event needs none; with --api-url
  it is ${ENV_VAR} when set, else the system keychain entry for that
  address and organisation (saved by the window's Connect dialog). A profile
  (--config) gives the address, organisation and event, never the key.

progress goes to stderr: a bar in a terminal, a plain line every few seconds
(--progress-every) when piped; --json prints one report on stdout.
"""


def add_download_arguments(parser: argparse.ArgumentParser) -> None:
    """The `download` options (cli.py adds the common --api-url --org --event)."""
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--bib", help="every photo of this BIB number")
    what.add_argument("--selfie", metavar="REQUEST_ID", help="every photo of a selfie search")
    what.add_argument("--ids", nargs="+", metavar="ID", help="these image ids")
    what.add_argument(
        "--from",
        dest="time_from",
        metavar="TIME",
        help="every photo taken from TIME until --to TIME (photo timeline). ISO 8601, "
        "like 2026-04-19T10:40 or 2026-04-19T10:40+02:00; a time without an offset "
        "is this computer's local time",
    )
    what.add_argument(
        "--all", action="store_true", help="every photo of the event (the whole gallery)"
    )
    parser.add_argument(
        "--to", dest="time_to", metavar="TIME", help="end of the --from window (not included)"
    )
    parser.add_argument(
        "--clips",
        action="store_true",
        help="with --selfie: the search's video clips (.mp4) instead of its photos",
    )
    parser.add_argument(
        "--out", metavar="DIR", help="target folder (default: Race photos in your Pictures)"
    )
    parser.add_argument(
        "--parallel",
        type=int,
        default=DEFAULT_PARALLEL,
        metavar="N",
        help=f"downloads at once, 1-{MAX_PARALLEL} (default %(default)s)",
    )
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="when another download is using the folder, stop (exit 2) instead of waiting",
    )
    parser.add_argument(
        "--name-pattern",
        default=DEFAULT_NAME_PATTERN,
        metavar="PATTERN",
        help="file names from {event} {bib} {n} {image_id} {server_name} "
        "(default %(default)s; {server_name} keeps the service's names)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON report on stdout")
    parser.add_argument(
        "--report", type=Path, metavar="FILE", help="also save the report (.csv or .json)"
    )
    parser.add_argument(
        "--progress-every",
        type=_seconds,
        metavar="S",
        help="seconds between progress lines when stderr is not a terminal (default 5)",
    )
    from app.core.folders import default_download_folder

    parser.epilog = HELP_EPILOG.format(folder=default_download_folder())
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds above 0: {text!r}")
    return value


def build_job(args: argparse.Namespace) -> DownloadJob | ListedPhotos:
    """The job from the options, checked before any call; `InvalidInput` when wrong.
    A time window or the whole event is listed first (`ListedPhotos`)."""
    from app.core.downloads.links import DownloadJob

    if args.time_to is not None and args.time_from is None:
        raise OptionRefused(OptionProblem.TO_WITHOUT_FROM)
    if args.time_from is not None or args.all:
        from app.core.downloads.listed import ListedPhotos
        from app.core.timeline import TimeWindow, parse_time

        if args.all:
            return ListedPhotos()
        if args.time_to is None:
            raise OptionRefused(OptionProblem.FROM_WITHOUT_TO)
        start, end = parse_time(args.time_from), parse_time(args.time_to)
        return ListedPhotos(TimeWindow(start, end))
    if args.bib is not None:
        return DownloadJob.for_bib(_checked(clean_bib, args.bib))
    if args.selfie is not None:
        request_id = _checked(clean_request_id, args.selfie)
        if args.clips:
            return DownloadJob.for_clips(request_id, ())  # the clips come from the job
        return DownloadJob.for_selfie(request_id)
    return DownloadJob.for_ids([_checked(clean_image_id, i) for i in args.ids])


def _checked(clean: Callable[[str], str], value: str) -> str:
    try:
        return clean(value)
    except RefusedInput as exc:
        raise RefusedInput(exc.problem, value=value) from None  # to quote it back


def _check_options(args: argparse.Namespace, backend: BackendConfig) -> None:
    if backend.event_id is None:
        raise OptionRefused(OptionProblem.NO_EVENT)
    if getattr(args, "clips", False) and args.selfie is None:
        raise OptionRefused(OptionProblem.CLIPS_NEED_SELFIE)
    if not 1 <= args.parallel <= MAX_PARALLEL:
        raise OptionRefused(OptionProblem.PARALLEL, limit=MAX_PARALLEL)
    try:
        args.name_pattern = NamePattern.parse(args.name_pattern)
    except ValueError as exc:
        raise OptionRefused(OptionProblem.NAME_PATTERN, reason=exc) from None
    if args.out is None:
        from app.core.folders import default_download_folder

        args.out = default_download_folder()
    args.out = check_out_folder(args.out)


_NAME_MAX = 255


def check_out_folder(text: str | Path) -> Path:
    """`--out` must name a folder we can create or write, checked before any call and
    without creating it (a run that finds nothing leaves no empty folder behind)."""
    text = str(text)
    if not text.strip() or text != text.strip():
        raise OptionRefused(OptionProblem.OUT_BLANK)
    out = Path(text)
    if any(len(part.encode("utf-8", "surrogateescape")) > _NAME_MAX for part in out.parts):
        raise OptionRefused(OptionProblem.OUT_NAME_LONG, limit=_NAME_MAX)
    if any(ch in text for ch in "\0\r\n"):
        raise OptionRefused(OptionProblem.OUT_CONTROL)
    if out.exists():
        if not out.is_dir():
            raise OptionRefused(OptionProblem.OUT_NOT_FOLDER, path=out)
        if not os.access(out, os.W_OK | os.X_OK):
            raise OptionRefused(OptionProblem.OUT_NOT_WRITABLE, path=out)
        return out
    parent = out.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise OptionRefused(OptionProblem.OUT_PARENT_NOT_FOLDER, path=out, parent=parent)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OptionRefused(OptionProblem.OUT_PARENT_NOT_WRITABLE, path=out, parent=parent)
    return out


def run_download(args: argparse.Namespace, backend: BackendConfig) -> int:
    """Run the `download` command; returns the exit code."""
    try:
        _check_options(args, backend)
        job = build_job(args)
    except InvalidInput as exc:
        print(f"photo-retriever: {words.error_text(exc)}", file=sys.stderr)
        return EXIT_USAGE
    import asyncio

    from app.core.downloads.kinds import MediaKind
    from app.terminal_progress import terminal_progress

    clips = getattr(job, "kind", None) is MediaKind.CLIP  # a listed window has photos only
    noun = "clips" if clips else "photos"
    bar = terminal_progress(sys.stderr, interval_s=args.progress_every, noun=noun)
    existed = args.out.exists()
    try:
        summary = asyncio.run(_download(backend, job, args, bar))
    except KeyboardInterrupt:
        bar.close()
        print(words.INTERRUPTED, file=sys.stderr)
        return EXIT_INTERRUPTED
    bar.close()
    if not summary.results and not existed:
        _remove_unused_folder(args.out)  # nothing came: no empty folder left behind
    if not summary.results and summary.problem is None:
        print(words.nothing_found(job), file=sys.stderr)
    else:
        print_failed(summary, sys.stderr)
    if args.report is not None:
        try:
            write_report(summary, args.report, TERMINAL_WORDS)
        except OSError as exc:
            print(
                "photo-retriever: " + words.REPORT_NOT_SAVED.format(reason=exc.strerror),
                file=sys.stderr,
            )
    if args.json:
        sys.stdout.write(report_json(summary, TERMINAL_WORDS))
        sys.stdout.flush()
    return exit_code(summary)


async def _download(
    backend: BackendConfig,
    wanted: DownloadJob | ListedPhotos,
    args: argparse.Namespace,
    bar: Progress,
) -> DownloadSummary:
    from app.core.downloads.engine import DownloadEngine, DownloadOptions
    from app.core.downloads.events import BatchProblem
    from app.core.downloads.kinds import MediaKind
    from app.core.downloads.listed import ListedPhotos
    from app.core.downloads.reasons import reason_for_api_error, service_detail
    from app.headless_clips import clip_job

    assert backend.event_id is not None
    async with backend.make_client(retry_policy=_api_retries()) as client:
        if isinstance(wanted, ListedPhotos):
            try:
                job = await wanted.job(client, backend.event_id)
            except NinePicError as exc:
                problem = BatchProblem(reason_for_api_error(exc), service_detail(exc), exc)
                return DownloadSummary(args.out, (), problem=problem)
            if job is None:
                return DownloadSummary(args.out, ())
        else:
            job = wanted
        pattern: NamePattern = args.name_pattern
        event_name = ""
        if "{event" in pattern.text:
            event_name = f"Event {backend.event_id}"
            with contextlib.suppress(NinePicError):  # the download itself reports it
                details = await client.event_details(backend.event_id)
                event_name = details.event_name or event_name
        options = DownloadOptions(
            parallel=args.parallel,
            wait_for_folder=not args.no_wait,
            name_pattern=pattern,
            event_name=event_name,
        )
        if job.kind is MediaKind.CLIP:
            found = await clip_job(client, backend.event_id, job, sys.stderr)
            if isinstance(found, BatchProblem):
                return DownloadSummary(args.out, (), problem=found)
            job = found
        engine = DownloadEngine(
            client, backend.event_id, args.out, options=options, listener=bar.on_event
        )
        return await engine.run(job)


def _remove_unused_folder(folder: Path) -> None:
    """The folder this run created holds nothing but our lock file: take it away again."""
    from app.core.downloads.folder_lock import LOCK_NAME

    with contextlib.suppress(OSError):
        (folder / LOCK_NAME).unlink(missing_ok=True)
        folder.rmdir()


def exit_code(summary: DownloadSummary) -> int:
    problem = summary.problem
    if problem is not None and problem.reason is FailureReason.FOLDER_BUSY:
        return EXIT_USAGE
    if problem is not None and problem.error is not None:
        error: NinePicError = problem.error
        if stops_batch_on_api_error(error):
            return EXIT_API
        if isinstance(error, RequestRejected | InvalidInput):
            return EXIT_USAGE
    if problem is not None or summary.failed:
        return EXIT_FAILED
    return EXIT_OK


def print_failed(summary: DownloadSummary, out: TextIO) -> None:
    """The closing lines: counts, why the batch stopped, and each failed photo."""
    counts = (len(summary.downloaded), len(summary.already_there), len(summary.failed))
    print(words.summary_line(*counts, summary.folder), file=out)
    if summary.problem is not None:
        print(words.STOPPED.format(problem=words.problem_text(summary.problem)), file=out)
    if summary.failed:
        print(words.NOT_DOWNLOADED, file=out)
        for result in summary.failed:
            name = result.image_id or result.key
            print(f"  {name}: {words.item_text(result)}", file=out)
