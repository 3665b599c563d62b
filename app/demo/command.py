"""``photo-retriever serve-demo``: flags, start-up line, serve until Ctrl+C.

Kept apart from `server.py` so that building the command line (for every mode of the
app) does not import uvicorn, Starlette and Pillow.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from app.core.names import ENV_VAR
from app.demo.config import FAULT_KNOBS, DemoConfig, knob_flag


def serve_forever(
    config: DemoConfig,
    *,
    export_dir: Path | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> None:
    """Start, print the JSON start-up line (stdout, for scripts) and a hint for people
    (stderr), serve until KeyboardInterrupt, stop."""
    from app.demo.server import DemoServer  # uvicorn and Pillow load only when serving

    server = DemoServer(config)
    if export_dir is not None:
        server.export_originals(export_dir)
    server.start()
    try:
        info = server.startup_info()
        print(json.dumps(info), file=out or sys.stdout, flush=True)
        print(hint_line(info), file=err or sys.stderr, flush=True)
        server.wait()
    finally:
        server.stop()


def hint_line(info: dict[str, Any]) -> str:
    """One line saying where the stand-in listens and a command that downloads from it."""
    url = info["base_url"]
    bib = info["sample_bibs"][0] if info["sample_bibs"] else "1488"
    return (
        f"Demo API on {url} — try: {ENV_VAR}={info['api_key']} photo-retriever download "
        f"--api-url {url} --org {info['org_id']} --event {info['event_id']} --bib {bib}"
    )


def add_serve_demo_arguments(parser: argparse.ArgumentParser) -> None:
    """Flags of ``photo-retriever serve-demo`` (defaults are DemoConfig's)."""
    defaults = DemoConfig()
    parser.add_argument(
        "--host", default=defaults.host, help="interface to bind (default %(default)s)"
    )
    parser.add_argument("--port", type=int, default=defaults.port, help="port; 0 picks a free one")
    parser.add_argument("--seed", type=int, default=defaults.seed, help="demo world seed")
    for knob in FAULT_KNOBS:
        flag = knob_flag(knob)
        parser.add_argument(
            flag.name,
            dest=knob,
            metavar=flag.name.removeprefix("--").replace("-", "_").upper(),
            type=flag.parse,
            default=getattr(defaults, knob),
            help=flag.help,
        )
    parser.add_argument(
        "--event-photos",
        type=int,
        default=defaults.event_photos,
        metavar="N",
        help="a large event: at least N photos in the main event",
    )
    parser.add_argument(
        "--no-video",
        dest="video_clipping",
        action="store_false",
        help="every event has video clipping switched off",
    )
    parser.add_argument("--storage-url", default=None, help="origin that serves exported originals")
    parser.add_argument(
        "--export-originals",
        type=Path,
        default=None,
        metavar="DIR",
        help="write all originals to DIR first",
    )


def config_from_args(args: argparse.Namespace) -> DemoConfig:
    return DemoConfig(
        seed=args.seed,
        storage_url=args.storage_url,
        host=args.host,
        port=args.port,
        event_photos=args.event_photos,
        video_clipping=args.video_clipping,
        **{knob: getattr(args, knob) for knob in FAULT_KNOBS},
    )


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run_serve_demo(args: argparse.Namespace) -> int:
    """The ``serve-demo`` command: 0 after Ctrl+C (or SIGTERM), 1 if it cannot start."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve_forever(config_from_args(args), export_dir=args.export_originals)
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        print(f"serve-demo: cannot start: {exc}", file=sys.stderr)
        return 1
    return 0
