"""The one entry point: three modes, the backend options, and usage errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.cli import build_parser, main


def test_help_lists_the_three_modes() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for mode in ("open the window", "download", "serve-demo"):
        assert mode in out
    assert "--api-url" in out and "NINEPIC_API_KEY" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("photo-retriever ")


@pytest.mark.parametrize(
    "argv",
    [
        ["--api-url", "https://api.9pic.ai", "download", "--bib", "1", "--out", "x"],
        ["download", "--api-url", "https://api.9pic.ai", "--bib", "1", "--out", "x"],
    ],
)
def test_backend_options_work_before_or_after_the_command(argv: list[str]) -> None:
    args = build_parser().parse_args([*argv, "--org", "903", "--event", "456"])
    assert (args.api_url, args.org, args.event) == ("https://api.9pic.ai", 903, 456)


def test_no_options_means_the_demo_backend() -> None:
    args = build_parser().parse_args([])
    assert args.command is None and args.api_url is None


def test_api_url_needs_an_org(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--api-url", "https://api.9pic.ai", "download", "--bib", "1", "--out", "x"])
    assert done.value.code == 2
    assert "--org" in capsys.readouterr().err


def test_plain_http_to_a_remote_host_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["--api-url", "http://api.9pic.ai", "--org", "1", "download", "--bib", "1", "--out", "x"]
    )
    assert code == 2
    assert "https" in capsys.readouterr().err
