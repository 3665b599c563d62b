"""`photo-retriever download` as a user runs it: exit codes, the failed list, --json."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.demo.server import DemoServer
from tests.integration.support import ids_with_originals
from tests.standin import reset_knobs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    """The module's stand-in with every knob as it started and its counters zeroed."""
    return reset_knobs(shared_demo)


def backend_args(demo: DemoServer, api_url: str | None = None) -> list[str]:
    return [
        "download",
        "--api-url",
        api_url or demo.base_url,
        "--org",
        str(demo.org_id),
        "--event",
        str(demo.event_id),
    ]


def run_cli(
    demo: DemoServer,
    *args: str,
    key: str | None = None,
    api_url: str | None = None,
    verbose: bool = False,
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NINEPIC_API_KEY": key if key is not None else demo.api_key}
    loud = ["-v"] if verbose else []
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *loud, *backend_args(demo, api_url), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_everything_on_disk_exits_0_with_a_json_report(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, 3, skip=250)
    done = run_cli(demo, "--ids", *ids, "--out", str(tmp_path), "--json", "--parallel", "2")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # stdout holds the report and nothing else
    assert report["counts"] == {"downloaded": 3, "skipped": 0, "failed": 0}
    assert {r["image_id"] for r in report["downloaded"]} == set(ids)
    assert all(len(r["sha256"]) == 64 and r["bytes"] > 0 for r in report["downloaded"])
    assert "3 downloaded" in done.stderr

    again = run_cli(demo, "--ids", *ids, "--out", str(tmp_path), "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["counts"] == {"downloaded": 0, "skipped": 3, "failed": 0}


def test_some_failed_exits_1_and_lists_them(demo: DemoServer, tmp_path: Path) -> None:
    missing = demo.catalog.missing_originals(demo.event_id)[0]
    ids = [*ids_with_originals(demo, 1, skip=260), missing]
    report_file = tmp_path / "receipt.csv"
    done = run_cli(
        demo, "--ids", *ids, "--out", str(tmp_path / "out"), "--json", "--report", str(report_file)
    )
    assert done.returncode == 1
    assert "Not downloaded:" in done.stderr
    assert f"{missing}: " in done.stderr and "Failed to generate URL" in done.stderr
    failed = json.loads(done.stdout)["failed"]
    assert [(r["image_id"], r["reason"]) for r in failed] == [(missing, "no_link")]
    lines = report_file.read_text().splitlines()
    assert lines[0] == "image_id,file,server_name,bytes,sha256,status,reason,message"
    assert len(lines) == 3
    # A readable name on disk (no BIB for a list of ids), the service's name in the report.
    assert any(line.startswith(f"{ids[0]},photo_0001.jpg,{ids[0]}.jpg,") for line in lines)
    assert (tmp_path / "out" / "photo_0001.jpg").is_file()


def test_nothing_matched_exits_0(demo: DemoServer, tmp_path: Path) -> None:
    done = run_cli(demo, "--bib", "99999", "--out", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"] == {"downloaded": 0, "skipped": 0, "failed": 0}


def test_refused_key_exits_3(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, 1)
    done = run_cli(demo, "--ids", *ids, "--out", str(tmp_path), key="not-the-key")
    assert done.returncode == 3
    assert "refused" in done.stderr
    assert "not-the-key" not in done.stderr + done.stdout


def test_unreachable_api_exits_3(demo: DemoServer, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ids = ids_with_originals(demo, 1)
    done = run_cli(demo, "--ids", *ids, "--out", str(tmp_path), api_url=f"http://127.0.0.1:{port}")
    assert done.returncode == 3
    assert "reach" in done.stderr


@pytest.mark.parametrize(
    "bad",
    [
        ["--bib", "12/34"],
        ["--bib", ""],
        ["--selfie", "not-a-uuid"],
        ["--ids", "ok-id", "../etc"],
        ["--ids", "a", "--parallel", "0"],
        ["--ids", "a", "--parallel", "99"],
    ],
)
def test_bad_input_exits_2_without_any_call(
    demo: DemoServer, tmp_path: Path, bad: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    demo.stats.reset()
    code = main([*backend_args(demo), *bad, "--out", str(tmp_path)])
    assert code == 2
    assert capsys.readouterr().err.startswith("photo-retriever: ")
    assert demo.stats.api_calls == {}


def test_out_must_be_a_folder(demo: DemoServer, tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert main([*backend_args(demo), "--ids", "a", "--out", str(a_file)]) == 2


def test_usage_errors_exit_2(demo: DemoServer, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*backend_args(demo), "--out", str(tmp_path)])  # no --bib/--selfie/--ids
    assert stop.value.code == 2


def test_piped_progress_is_plain_lines_then_the_summary(demo: DemoServer, tmp_path: Path) -> None:
    demo.set_faults(latency_ms=300)  # link requests take a while: several lines are due
    bib = demo.sample_bibs[0]
    done = run_cli(
        demo, "--bib", bib, "--out", str(tmp_path), "--parallel", "2", "--progress-every", "0.2"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    total = len(list(tmp_path.glob("*.jpg")))
    progress = [line for line in lines if " saved, " in line]
    assert len(progress) >= 2, done.stderr
    assert "\r" not in done.stderr and "[" not in done.stderr  # no bar drawn into a log
    assert all(line.split(" saved")[0].endswith(f"/{total}") for line in progress)
    assert progress[-1].startswith(f"{total}/{total} saved, ")
    assert re.fullmatch(r"\d+/\d+ saved, [\d.]+ MB, [\d.]+ MB/s", progress[-1])
    assert lines[-1] == f"{total} downloaded, 0 already there, 0 failed — {tmp_path}"


def run_in_terminal(demo: DemoServer, *args: str) -> tuple[int, str]:
    """The command with stdout and stderr on a pseudo-terminal 100 columns wide."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "NINEPIC_API_KEY": demo.api_key}
    command = [sys.executable, "-m", "app.cli", *backend_args(demo), *args]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=follower, stderr=follower)
    os.close(follower)
    seen = b""
    with contextlib.suppress(OSError):  # EIO once the command has ended
        while chunk := os.read(leader, 65536):
            seen += chunk
    os.close(leader)
    return proc.wait(timeout=60), seen.decode()


def test_terminal_bar_keeps_its_total_and_ends_on_the_final_count(
    demo: DemoServer, tmp_path: Path
) -> None:
    demo.set_faults(latency_ms=200)
    code, seen = run_in_terminal(demo, "--bib", demo.sample_bibs[0], "--out", str(tmp_path))
    assert code == 0, seen
    total = len(list(tmp_path.glob("*.jpg")))
    frames = [f for f in seen.replace("\n", "\r").split("\r") if " photos" in f]
    assert frames, seen
    assert {f.split(" photos")[0].rsplit("/", 1)[1] for f in frames} <= {"…", str(total)}
    assert f"| {total}/{total} photos, " in frames[-1]
    assert seen.rstrip().endswith(f"{total} downloaded, 0 already there, 0 failed — {tmp_path}")


def test_without_out_photos_go_to_the_default_folder(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, 1, skip=280)
    env = {**os.environ, "NINEPIC_API_KEY": demo.api_key, "HOME": str(tmp_path)}
    env.pop("XDG_PICTURES_DIR", None)
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", *backend_args(demo), "--ids", *ids],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "Pictures" / "Race photos").glob("*.jpg"))


def test_progress_every_must_be_positive(demo: DemoServer, tmp_path: Path) -> None:
    done = run_cli(demo, "--bib", "1", "--out", str(tmp_path), "--progress-every", "0")
    assert done.returncode == 2
    assert "not a number of seconds above 0" in done.stderr


def test_verbose_logs_carry_no_key_and_no_link_signature(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, 2, skip=270)
    done = run_cli(demo, "--ids", *ids, "--out", str(tmp_path), verbose=True)
    assert done.returncode == 0, done.stderr
    assert "DEBUG" in done.stderr, "verbose mode logs"
    assert demo.api_key not in done.stderr + done.stdout
    assert "sig=" not in done.stderr and "expires=" not in done.stderr


def test_nothing_matched_says_so_and_leaves_no_empty_folder(
    demo: DemoServer, tmp_path: Path
) -> None:
    out = tmp_path / "new-folder"
    done = run_cli(demo, "--bib", "99999", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "No photos for BIB 99999."
    assert not out.exists()


REMOTE = ["--org", "903", "--event", "456", "download", "--bib", "1"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--api-url", "", *REMOTE, "--out", "x"], "--api-url is empty"),
        (["--api-url", "https://[::1", *REMOTE, "--out", "x"], "not a valid address"),
        (["--api-url", "https://api.9pic.ai\r/x", *REMOTE, "--out", "x"], "control characters"),
        (["--api-url", "https://api.9pic.ai:99999", *REMOTE, "--out", "x"], "not a valid address"),
        (["--api-url", "https://api.9pic.ai", *REMOTE, "--out", ""], "--out is empty"),
        (["--api-url", "https://api.9pic.ai", *REMOTE, "--out", "n" * 300], "longer than 255"),
        (["--api-url", "https://api.9pic.ai", *REMOTE, "--out", "{file}/sub"], "is not a folder"),
        (
            ["--api-url", "https://api.9pic.ai", *REMOTE, "--out", "x", "--name-pattern", "{bib}"],
            "--name-pattern: the file-name pattern needs {n}",
        ),
        (
            [
                *("--api-url", "https://api.9pic.ai", *REMOTE, "--out", "x"),
                "--name-pattern",
                "a/{n}",
            ],
            "--name-pattern: the file-name pattern cannot contain /",
        ),
    ],
)
def test_bad_command_lines_exit_2_with_one_clear_line(
    argv: list[str],
    says: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NINEPIC_API_KEY", "a-fine-key")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("x")
    argv = [a.replace("{file}", str(tmp_path / "file")) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("photo-retriever: ") and says in lines[0], err
    assert list(tmp_path.iterdir()) == [tmp_path / "file"]  # nothing created


def test_a_key_an_http_header_cannot_carry_is_refused_without_quoting_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NINEPIC_API_KEY", "clé-secrète")
    code = main(["--api-url", "https://api.9pic.ai", *REMOTE, "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "API key" in err and "clé-secrète" not in err
    assert len(err.strip().splitlines()) == 1
