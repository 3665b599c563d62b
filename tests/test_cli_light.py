"""The quick paths of the command line load only what they need: `--version` and
`--help` never import the HTTP client, the models, the download engine or Qt."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app.cli import build_parser
from app.core.downloads import DEFAULT_PARALLEL
from app.core.settings import Settings

HEAVY = ("httpx", "pydantic", "app.headless", "app.core.downloads", "app.demo.server", "PySide6")

PROBE = """
import contextlib, json, sys
from app.cli import main
with contextlib.redirect_stdout(None), contextlib.suppress(SystemExit):
    main(sys.argv[1:])
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_quick_flags_import_nothing_heavy(flag: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), flag],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []


def test_download_help_still_lists_its_options() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app", "download", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--parallel" in out and "--bib" in out


def test_the_default_parallelism_is_one_number_everywhere() -> None:
    args = build_parser().parse_args(["download", "--bib", "1", "--out", "x"])
    assert args.parallel == DEFAULT_PARALLEL == Settings().parallel_downloads == 12
