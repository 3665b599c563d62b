"""The `photo-retriever` command: the composition root.

No subcommand opens the window; `download` runs the headless bulk download;
`serve-demo` runs the stand-in 9Pic server alone; `relay` runs the organiser's event
relay (it holds the key; runners' apps connect to it without one). Without `--api-url` the
embedded demo backend is started and used.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence

from app.core.names import ENV_VAR

# `--version` and `--help` load only argparse: logging, pathlib and even `typing` wait for
# a real run (each costs about as much as the interpreter's own start), and so does the
# client (httpx, pydantic). mypy and ruff read the names below; Python never does.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import NoReturn

    from app.core.backend import BackendConfig
    from app.core.profile import Profile

EXIT_USAGE = 2


def _version() -> str:
    # Not `importlib.metadata`: parsing the installed metadata costs more than the rest of
    # `--version`; a test keeps `app.__version__` equal to pyproject.toml's.
    from app import __version__

    return __version__


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


class _VersionAction(argparse.Action):
    """`--version`, with the version looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _backend_options(default: object) -> argparse.ArgumentParser:
    """The options every mode shares. Subcommands get SUPPRESS defaults so that
    `--api-url X download` keeps the value given before the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("backend (default: the built-in demo event)")
    group.add_argument(
        "--api-url", default=default, help="9Pic API base URL, e.g. https://api.9pic.ai"
    )
    group.add_argument("--org", type=int, default=default, help="organisation id")
    group.add_argument("--event", type=int, default=default, help="event id")
    group.add_argument(
        "--config",
        type=_path,
        default=default,
        metavar="FILE",
        help="organiser profile (TOML: api_url, org, event, title); flags given win",
    )
    return common


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given `argv`, a subcommand's own options (and the
    modules behind them) are added only when its name is on that line."""
    wanted = None if argv is None else set(argv)
    common = _backend_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="photo-retriever",
        description="Find and download your race photos from 9Pic. "
        "With no command, opens the window.",
        epilog="modes:\n"
        "  photo-retriever              open the window\n"
        "  photo-retriever download     bulk download without the window\n"
        "  photo-retriever serve-demo   run the stand-in 9Pic server alone\n"
        "  photo-retriever relay        run the event relay that holds the key\n"
        "  photo-retriever self-test    check an install: window, one search, close\n\n"
        f"The API key is read from {ENV_VAR} or the system keychain.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_backend_options(None)],
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (keys redacted)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    download = commands.add_parser(
        "download", parents=[common], help="download originals without the window"
    )
    if wanted is None or "download" in wanted:
        from app.headless import add_download_arguments

        add_download_arguments(download)
    serve = commands.add_parser("serve-demo", help="run the stand-in 9Pic server alone")
    if wanted is None or "serve-demo" in wanted:
        from app.demo.command import add_serve_demo_arguments

        add_serve_demo_arguments(serve)
    relay = commands.add_parser("relay", help="run the event relay (holds the API key)")
    if wanted is None or "relay" in wanted:
        from app.relay.command import add_relay_arguments

        add_relay_arguments(relay)
    check = commands.add_parser(
        "self-test",
        parents=[common],
        help="open the window, search one BIB, print what happened as JSON lines, close",
    )
    check.add_argument("--bib", help="BIB to search (default: one the demo event knows)")
    check.add_argument("--timeout", type=float, default=60.0, metavar="S", help="give up after S s")
    from app.kiosk_command import add_kiosk_arguments, add_set_pin_command

    add_kiosk_arguments(parser)
    add_set_pin_command(commands)
    return parser


@contextlib.contextmanager
def open_backend(args: argparse.Namespace) -> Iterator[BackendConfig]:
    """A real backend from the options, or the embedded demo server for as long as needed."""
    from app.core.backend import BackendConfig
    from app.core.credentials import load_api_key
    from app.core.urls import require_secure_url

    if args.api_url:
        url = require_secure_url(args.api_url)
        key = load_api_key(url, org_id=args.org)
        title = getattr(args, "title", None)
        yield BackendConfig(url, args.org, args.event, key, is_demo=False, title=title)
        return
    from app.backends import demo_backend
    from app.demo.server import DemoServer

    with DemoServer() as demo:
        yield demo_backend(demo, args.event)


def apply_profile(args: argparse.Namespace, app_dir: Path | None) -> Profile | None:
    """Fill what the flags left open from `--config` or the profile shipped beside the
    bundle's executable (`app_dir`); `ProfileError` for one that cannot be used."""
    from app.core.profile_paths import shipped_profile

    path = args.config or shipped_profile(app_dir)
    args.title = None
    if path is None:
        return None
    from app.core.profile import load_profile  # its model (pydantic) only when there is one

    profile = load_profile(path)
    if args.api_url is None:
        args.api_url = profile.api_url
    if args.org is None:
        args.org = profile.org
    if args.event is None:
        args.event = profile.event
    args.title = profile.title
    return profile


def main(argv: Sequence[str] | None = None, *, app_dir: Path | None = None) -> int:
    """Run one mode. `app_dir` is where a shipped profile is looked for (default: the
    bundle's folder when frozen, nowhere from a checkout)."""
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.command == "serve-demo":
        from app.demo.command import run_serve_demo

        return run_serve_demo(args)
    if args.command == "relay":
        from app.relay.command import run_relay

        return run_relay(args)
    # What only a real run needs loads here, not for --help or --version; what only a
    # run with a backend needs (logging, the keychain), after the plain window's turn.
    from app.core.profile_paths import ProfileError, bundle_dir

    try:
        profile = apply_profile(args, app_dir if app_dir is not None else bundle_dir())
    except ProfileError as exc:
        return _usage(str(exc))
    from app.kiosk_command import NO_PIN, kiosk_options, run_set_pin

    if args.command == "set-kiosk-pin":
        return run_set_pin()
    # Only the window becomes a kiosk: `download` and `self-test` from a kiosk's profile run.
    kiosk = kiosk_options(args, profile.kiosk if profile else None) if not args.command else None
    if kiosk is not None and not kiosk.pin_hash:
        return _usage(NO_PIN)
    if kiosk is not None and args.api_url is None:
        remembered_service(args)
    if args.api_url is not None and not args.api_url.strip():
        from app import terminal_words as words  # the terminal's sentences: only on a problem

        return _usage(words.option_text(words.OptionProblem.API_URL_EMPTY))
    if args.api_url and args.org is None:
        parser.error("--org is required with --api-url")
    if args.command is None and not args.api_url and kiosk is None:
        return _run_window(args)
    from app.core.credentials import key_is_sendable
    from app.core.errors import InsecureUrl
    from app.core.logsafe import LOG_FILE, configure_logging, log_dir

    try:
        with open_backend(args) as backend:
            if not key_is_sendable(backend.api_key or ""):
                from app import terminal_words as words

                return _usage(words.option_text(words.OptionProblem.BAD_KEY))
            import logging

            level = logging.DEBUG if args.verbose else logging.WARNING
            log_file = None if args.command == "download" else log_dir() / LOG_FILE
            configure_logging(level, secrets=(backend.api_key or "",), log_file=log_file)
            if args.command == "download":
                from app.headless import run_download

                return run_download(args, backend)
            from app.backends import AppBackends

            backends = AppBackends()
            try:
                if args.command == "self-test":
                    from app.ui.self_test import run_self_test

                    return run_self_test(backends, backend, bib=args.bib, timeout=args.timeout)
                with _collection_paused():
                    from app.ui.app import run_gui

                    return run_gui(backends, backend, kiosk=kiosk)
            finally:
                backends.close()
    except InsecureUrl as exc:
        from app import terminal_words as words

        return _usage(f"{words.error_text(exc)} {exc}")


def remembered_service(args: argparse.Namespace) -> None:
    """A kiosk started without flags or a profile opens the event staff last connected
    to in the window (the settings), not the demo; the demo only if they never did."""
    from app.core.settings import load_settings

    settings = load_settings()
    if settings.backend == "service" and settings.org_id is not None:
        args.api_url, args.org = settings.api_url, settings.org_id
        if args.event is None:
            args.event = settings.last_event_id


def _run_window(args: argparse.Namespace) -> int:
    """The window without flags: it opens on what the settings remember and can switch
    backends while it runs (the demo server starts on first use and stays up). Its first
    frame is drawn before the rest of the app loads (`app.ui.start`), logging included."""
    from app.backends import AppBackends

    backends = AppBackends()
    try:
        with _collection_paused():
            from app.ui.start import run_window

            return run_window(backends, demo_event_id=args.event, verbose=args.verbose)
    finally:
        backends.close()


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """No automatic garbage collection while a window starts. The start makes some
    90,000 objects that live as long as the app and under a thousand that are garbage,
    and the collector walks the live ones again and again meanwhile (about 70 M of the
    1,880 M instructions up to a ready window). Once the window runs, the GUI thread's
    own collector (`app.ui.gc_guard`) collects; the pause ends when the window closes."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _usage(message: str) -> int:
    print(f"photo-retriever: {message}", file=sys.stderr)
    return EXIT_USAGE


def run() -> NoReturn:
    """The `photo-retriever` process: `main`, then out without the interpreter's
    teardown when it has nothing left to do (`app.core.process_exit`)."""
    from app.core.process_exit import end_process

    end_process(main())


if __name__ == "__main__":
    run()
