"""``photo-retriever relay --config relay.toml``: check everything, start, print one JSON
line with ``base_url``, serve until Ctrl+C or SIGTERM.

Exit codes: 0 stopped on a signal, 1 could not start (port taken, bad certificate),
2 bad config or no usable key. Kept apart from `server.py` so that building the command
line does not import uvicorn and Starlette.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping

TYPE_CHECKING = False  # `relay --help` loads argparse and this module, nothing more
if TYPE_CHECKING:
    from pathlib import Path
    from types import FrameType
    from typing import TextIO

EXIT_OK = 0
EXIT_START = 1
EXIT_USAGE = 2


def add_relay_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=_path, required=True, metavar="FILE", help="the relay's TOML file"
    )


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _fail(code: int, message: str) -> int:
    print(f"relay: {message}", file=sys.stderr)
    return code


def run_relay(
    args: argparse.Namespace,
    *,
    env: Mapping[str, str] | None = None,
    out: TextIO | None = None,
) -> int:
    """The ``relay`` command (see the module docstring for its exit codes)."""
    import json
    import logging
    import signal
    import threading

    from app.core.credentials import ENV_VAR, KEYRING_SERVICE, key_is_sendable, load_api_key
    from app.core.logsafe import configure_logging
    from app.relay.config import ConfigError, load_config

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        return _fail(EXIT_USAGE, str(exc))
    api_key = load_api_key(config.upstream, env)
    if not api_key:
        return _fail(
            EXIT_USAGE,
            f"no API key: set {ENV_VAR}, or store it in the system keychain "
            f"(service {KEYRING_SERVICE!r}, user {config.upstream!r}).",
        )
    if not key_is_sendable(api_key):
        return _fail(
            EXIT_USAGE,
            f"the API key (from {ENV_VAR} or the keychain) has characters an API key "
            "cannot contain (spaces, accents, control characters).",
        )
    level = logging.DEBUG if getattr(args, "verbose", False) else logging.INFO
    secrets = (api_key, config.access_code or "")
    configure_logging(level, secrets=secrets)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    from app.relay.server import RelayServer

    server = RelayServer(config, api_key)
    try:
        server.start()
    except OSError as exc:
        return _fail(EXIT_START, f"cannot start: {exc}")
    try:
        print(json.dumps(server.startup_info()), file=out or sys.stdout, flush=True)
        server.wait()
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        server.stop()
    return EXIT_OK
