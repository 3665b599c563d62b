"""The quick paths of the command line load only what they need: `--version` and
`--help` never import the HTTP client, the models, the download engine or Qt, nor the
modules each costing about as much as the interpreter's own start (logging, pathlib,
typing, package metadata); the subcommands' `--help` skip what only their run needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import app
from app.cli import build_parser
from app.core.downloads import DEFAULT_PARALLEL
from app.core.folders import default_download_folder
from app.core.settings import Settings

HEAVY = ("httpx", "pydantic", "app.headless", "app.core.downloads", "app.demo.server", "PySide6")
# What the window, a run or a kiosk needs, and `--version` / `--help` do not.
RUN_ONLY = (
    "logging",
    "pathlib",
    "typing",
    "importlib.metadata",
    "app.core.credentials",
    "app.core.logsafe",
    "app.core.kiosk.pin",
    "app.core.kiosk.options",
    "app.terminal_words",
    "app.core.profile",
    "getpass",
)

# What a download needs and its `--help` does not: the engine, the client, the bar.
DOWNLOAD_RUN_ONLY = (
    *("httpx", "pydantic", "asyncio", "tqdm", "filelock", "PySide6", "app.core.client"),
    *("app.core.downloads.engine", "app.core.backend", "app.core.settings"),
)

PROBE = """
import contextlib, json, sys
from app.cli import main
with contextlib.redirect_stdout(None), contextlib.suppress(SystemExit):
    main(sys.argv[1:])
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def loaded(argv: list[str], watched: tuple[str, ...]) -> list[str]:
    """Which of `watched` a fresh interpreter has imported after `main(argv)`."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=watched), *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_quick_flags_import_nothing_heavy(flag: str) -> None:
    assert loaded([flag], HEAVY + RUN_ONLY) == []


@pytest.mark.parametrize(
    ("argv", "spared"),
    [
        (["relay", "--help"], (*HEAVY, "app.core.credentials", "app.core.logsafe", "logging")),
        (["serve-demo", "--help"], (*HEAVY, "uvicorn", "starlette", "PIL")),
        (["set-kiosk-pin", "--help"], HEAVY + RUN_ONLY),
        (["self-test", "--help"], HEAVY + RUN_ONLY),
        # the download's options and words, but not the engine behind them
        (["download", "--help"], DOWNLOAD_RUN_ONLY),
    ],
)
def test_subcommand_help_skips_what_only_its_run_needs(
    argv: list[str], spared: tuple[str, ...]
) -> None:
    assert loaded(argv, spared) == []


@pytest.mark.parametrize(
    ("module", "spared"),
    [
        # the window's start: no kiosk widgets, no TOML parser unless a profile is read
        ("app.ui.app", ("app.ui.kiosk.launch", "app.ui.kiosk.window", "tomllib")),
        # a window on a real service never loads the demo server
        ("app.backends", ("app.demo.server", "uvicorn", "starlette", "PIL")),
        # httpx without its command-line client (it would load click and pygments)
        ("app.core.client", ("click", "pygments", "rich")),
    ],
)
def test_the_window_path_loads_what_it_uses(module: str, spared: tuple[str, ...]) -> None:
    found = f"[m for m in {spared!r} if m in sys.modules]"
    probe = f"import json, sys, {module}\nprint(json.dumps({found}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_version_is_the_one_in_pyproject() -> None:
    """`--version` prints `app.__version__` (reading the installed metadata costs more
    than the rest of the command); this keeps it equal to the project's version."""
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    assert app.__version__ == tomllib.loads(pyproject.read_text())["project"]["version"]


def download_help() -> str:
    return subprocess.run(
        [sys.executable, "-m", "app", "download", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_download_help_still_lists_its_options() -> None:
    out = download_help()
    assert "--parallel" in out and "--bib" in out


def test_download_help_lists_exit_codes_folder_and_key() -> None:
    text = download_help()
    for code in ("0 ", "1 ", "2 ", "3 ", "130 "):
        assert f"\n  {code}" in text, code
    assert str(default_download_folder()) in text
    assert "$NINEPIC_API_KEY" in text and "keychain" in text


def test_the_default_parallelism_is_one_number_everywhere() -> None:
    args = build_parser().parse_args(["download", "--bib", "1", "--out", "x"])
    assert args.parallel == DEFAULT_PARALLEL == Settings().parallel_downloads == 12


@pytest.mark.parametrize(("given", "kept"), [(None, "__all__"), ("0", "0")])
def test_pydantic_plugins_are_not_searched_for_unless_asked_for(
    given: str | None, kept: str
) -> None:
    """No entry-point scan at the first model, and a value the environment gives stays."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    probe = "import os, app.core.models; print(os.environ['PYDANTIC_DISABLE_PLUGINS'])"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.strip() == kept
