"""``serve-demo``: flags, the one JSON start-up line, Ctrl+C; and no Qt in app.demo."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from app.demo.command import add_serve_demo_arguments, config_from_args
from app.demo.server import DemoConfig
from tests.processes import interruptible

ROOT = Path(__file__).resolve().parents[2]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_serve_demo_arguments(parser)
    return parser.parse_args(list(argv))


def test_defaults_match_demo_config() -> None:
    args = parse()
    assert config_from_args(args) == DemoConfig()
    assert args.export_originals is None


def test_every_flag_reaches_the_config(tmp_path: Path) -> None:
    args = parse(
        "--latency-ms", "25", "--fault-rate", "0.1", "--throttle", "0.2", "--retry-after", "0",
        "--truncate-rate", "0.3", "--url-ttl", "60", "--seed", "7", "--port", "8123",
        "--storage-url", "http://127.0.0.1:9000", "--export-originals", str(tmp_path),
    )  # fmt: skip
    assert config_from_args(args) == DemoConfig(
        seed=7,
        latency_ms=25,
        fault_rate=0.1,
        throttle=0.2,
        retry_after_s=0,
        truncate_rate=0.3,
        url_ttl_s=60,
        storage_url="http://127.0.0.1:9000",
        port=8123,
    )
    assert args.export_originals == tmp_path


def test_rates_are_checked() -> None:
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_serve_demo_arguments(parser)
    for bad in (["--fault-rate", "1.5"], ["--throttle", "-0.1"], ["--latency-ms", "-1"]):
        try:
            parser.parse_args(bad)
        except (argparse.ArgumentError, SystemExit):
            continue
        raise AssertionError(f"{bad} was accepted")


def serve_demo(*command: str) -> subprocess.Popen[str]:
    """The stand-in in a child process that Ctrl+C reaches, its output piped."""
    return subprocess.Popen(
        [sys.executable, "-m", *command, "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )


def test_serve_demo_prints_one_line_and_stops_on_ctrl_c() -> None:
    proc = serve_demo("app.demo")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        info = json.loads(line)
        assert set(info) == {
            "base_url",
            "api_key",
            "org_id",
            "event_id",
            "sample_bibs",
            "sample_request_ids",
        }
        assert info["base_url"].startswith("http://127.0.0.1:")
        url = f"{info['base_url']}/api/v1/ext/{info['org_id']}/event/{info['event_id']}/ping"
        assert httpx.get(url, headers={"X-API-Key": info["api_key"]}).status_code == 200
        rid = info["sample_request_ids"][0]
        faces = f"{info['base_url']}/api/v1/ext/903/event/456/faces/{rid}"
        assert httpx.get(faces, headers={"X-API-Key": info["api_key"]}).status_code == 200
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
        assert proc.returncode == 0, err
        assert out == ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_busy_port_is_an_error_not_a_traceback() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "app.demo", "--port", str(port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 1
    assert "cannot start" in done.stderr and done.stdout == ""


def test_app_demo_imports_no_qt() -> None:
    check = (
        "import sys, app.demo.server, app.demo.samples, app.demo.__main__; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'qasync', 'shiboken6'))]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_serve_demo_hint_on_stderr_names_a_command_that_works(tmp_path: Path) -> None:
    proc = serve_demo("app", "serve-demo")
    try:
        assert proc.stdout is not None and proc.stderr is not None
        info = json.loads(proc.stdout.readline())  # the JSON line stays alone on stdout
        hint = proc.stderr.readline().strip()
        assert hint.startswith(f"Demo API on {info['base_url']} — try: ")
        assignment, program, *argv = hint.split(" — try: ", 1)[1].split()
        name, key = assignment.split("=", 1)
        assert program == "photo-retriever" and "--bib" in argv
        done = subprocess.run(
            [sys.executable, "-m", "app", *argv, "--out", str(tmp_path)],
            cwd=ROOT,
            env={**os.environ, name: key},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert any(tmp_path.glob("*.jpg"))
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=15)
