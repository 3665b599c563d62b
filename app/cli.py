"""The `photo-retriever` command: the composition root.

No subcommand opens the window; `download` runs the headless bulk download;
`serve-demo` runs the stand-in 9Pic server alone. Without `--api-url` the
embedded demo backend is started and used.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Iterator, Sequence
from importlib import metadata

from app.core.backend import BackendConfig
from app.core.credentials import ENV_VAR, key_problem, load_api_key
from app.core.errors import InsecureUrl
from app.core.logsafe import configure_logging
from app.core.urls import require_secure_url

EXIT_USAGE = 2


def _version() -> str:
    try:
        return metadata.version("photo-retriever")
    except metadata.PackageNotFoundError:
        return "0+unknown"


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
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _backend_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="photo-retriever",
        description="Find and download your race photos from 9Pic. "
        "With no command, opens the window.",
        epilog="modes:\n"
        "  photo-retriever              open the window\n"
        "  photo-retriever download     bulk download without the window\n"
        "  photo-retriever serve-demo   run the stand-in 9Pic server alone\n\n"
        f"The API key is read from {ENV_VAR} or the system keychain.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_backend_options(None)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (keys redacted)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    download = commands.add_parser(
        "download", parents=[common], help="download originals without the window"
    )
    from app.headless import add_download_arguments

    add_download_arguments(download)
    serve = commands.add_parser("serve-demo", help="run the stand-in 9Pic server alone")
    from app.demo.command import add_serve_demo_arguments

    add_serve_demo_arguments(serve)
    return parser


@contextlib.contextmanager
def open_backend(args: argparse.Namespace) -> Iterator[BackendConfig]:
    """A real backend from the options, or the embedded demo server for as long as needed."""
    if args.api_url:
        url = require_secure_url(args.api_url)
        yield BackendConfig(url, args.org, args.event, load_api_key(url), is_demo=False)
        return
    from app.demo.server import DemoServer

    with DemoServer() as demo:
        yield BackendConfig(
            demo.base_url,
            demo.org_id,
            args.event if args.event is not None else demo.event_id,
            demo.api_key,
            is_demo=True,
            sample_bibs=tuple(demo.sample_bibs),
            failure_bib=demo.failure_bib,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "serve-demo":
        from app.demo.command import run_serve_demo

        return run_serve_demo(args)
    if args.api_url is not None and not args.api_url.strip():
        return _usage("--api-url is empty; leave it out to use the built-in demo.")
    if args.api_url and args.org is None:
        parser.error("--org is required with --api-url")
    try:
        with open_backend(args) as backend:
            problem = key_problem(backend.api_key or "")
            if problem is not None:
                return _usage(problem)
            level = logging.DEBUG if args.verbose else logging.WARNING
            configure_logging(level, secrets=(backend.api_key or "",))
            if args.command == "download":
                from app.headless import run_download

                return run_download(args, backend)
            from app.ui.app import run_gui

            return run_gui(backend)
    except InsecureUrl as exc:
        return _usage(f"{exc.user_message} {exc}")


def _usage(message: str) -> int:
    print(f"photo-retriever: {message}", file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
