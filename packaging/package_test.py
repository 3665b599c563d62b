"""`make package-test`: run the built bundle the way a runner's machine would.

Every command runs the bundle's own executable with a clean environment: a fresh HOME,
a PATH that holds no Python (an empty folder), no PYTHON* or virtualenv variables, Qt
offscreen. Checks, in order:

1. `--version` prints the version from pyproject.toml;
2. `serve-demo` from the bundle, then a headless `download` from the bundle against it:
   exit 0, every file on disk a JPEG whose SHA-256 matches the report;
3. `self-test`: the window opens on the embedded demo and a search fills the grid;
4. on Linux, the tarball's `install.sh` into that HOME: menu entry, icons, metainfo;
   then an organiser profile `photo-retriever.toml` beside the installed executable is
   picked up without a flag, by the window (its title) and by `download`.

Exits 0 when all pass; prints one line per check.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

from build import APP_ID, BUNDLE, DIST, ICON_SIZES, executable, tarball_name  # noqa: E402

TITLE = "Package test marathon"


class CheckFailed(Exception):
    pass


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise CheckFailed(what)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a fresh desktop session would give: no Python anywhere in reach."""
    empty_bin = home / ".empty-path"
    empty_bin.mkdir(parents=True, exist_ok=True)
    env = {
        "HOME": str(home),
        "PATH": str(empty_bin),
        "LANG": "C.UTF-8",
        "TMPDIR": str(home / "tmp"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }
    for folder in ("tmp", "run"):
        (home / folder).mkdir(mode=0o700, exist_ok=True)
    return env


def run(exe: Path, *args: str, env: dict[str, str], timeout: float = 120) -> tuple[int, str, str]:
    done = subprocess.run(
        [str(exe), *args],
        env=env,
        cwd=env["HOME"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@contextmanager
def serve_demo(exe: Path, env: dict[str, str]) -> Iterator[dict[str, object]]:
    """The bundle's own stand-in server on a free port, until the block ends."""
    process = subprocess.Popen(
        [str(exe), "serve-demo", "--port", "0"],
        env=env,
        cwd=env["HOME"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        line = process.stdout.readline()
        if not line:
            raise CheckFailed(f"serve-demo printed nothing: {process.stderr.read()}")
        yield json.loads(line)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def verify_download(code: int, report_text: str, out: Path, listed: int) -> str:
    """Every photo the service listed is on disk, checked, or failed for the one reason the
    stand-in gives on purpose (a few photos have no original: `no_link`)."""
    report = json.loads(report_text)
    files, failed = report["downloaded"], report["failed"]
    expect(len(files) + len(failed) == listed and files, f"counts {report['counts']}")
    expect(all(f["reason"] == "no_link" for f in failed), f"failures {failed}")
    expect(code == (1 if failed else 0), f"exit {code} for {report['counts']}")
    for entry in files:
        path = Path(entry["file"]) if Path(entry["file"]).is_absolute() else out / entry["file"]
        data = path.read_bytes()
        expect(data[:3] == b"\xff\xd8\xff" and data[-2:] == b"\xff\xd9", f"{path} is no JPEG")
        expect(hashlib.sha256(data).hexdigest() == entry["sha256"], f"{path} sha256")
        expect(len(data) == entry["bytes"], f"{path} size")
    expect(len(list(out.rglob("*.jpg"))) == len(files), "files on disk")
    return (
        f"{len(files)} photos, each a whole JPEG matching its SHA-256, {len(failed)} without link"
    )


def self_test_lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def check_version(exe: Path, home: Path) -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    code, out, err = run(exe, "--version", env=clean_env(home))
    expect(code == 0 and out.strip() == f"photo-retriever {project['version']}", out + err)
    return out.strip()


def check_download(exe: Path, home: Path) -> str:
    env = clean_env(home)
    with serve_demo(exe, env) as demo:
        out = home / "Race photos"
        code, stdout, stderr = run(
            exe,
            "download",
            "--api-url",
            str(demo["base_url"]),
            "--org",
            str(demo["org_id"]),
            "--event",
            str(demo["event_id"]),
            "--bib",
            "1488",
            "--out",
            str(out),
            "--json",
            env={**env, "NINEPIC_API_KEY": str(demo["api_key"])},
        )
        expect(bool(stdout), f"download exit {code}: {stderr}")
        return verify_download(code, stdout, out, 40)


def check_window(exe: Path, home: Path) -> str:
    code, out, err = run(exe, "self-test", "--timeout", "60", env=clean_env(home))
    lines = self_test_lines(out)
    expect(code == 0 and bool(lines) and lines[-1]["step"] == "grid", out + err)
    grid = lines[-1]
    return f"{grid['photos']} thumbnails of {grid['total']} for BIB {grid['bib']}"


def check_install_and_profile(home: Path) -> str:
    tarball = DIST / tarball_name()
    expect(tarball.is_file(), f"{tarball} missing: run make package")
    unpacked = home / "unpacked"
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked, filter="data")
    (top,) = unpacked.iterdir()
    env = clean_env(home, PATH="/usr/bin:/bin")  # install.sh needs cp, sed, ln
    done = subprocess.run(
        ["/bin/sh", str(top / "install.sh")], env=env, capture_output=True, text=True, check=False
    )
    expect(done.returncode == 0, f"install.sh: {done.stdout}{done.stderr}")
    data = home / ".local" / "share"
    installed = data / "photo-retriever" / "app" / "photo-retriever"
    desktop = (data / "applications" / "photo-retriever.desktop").read_text()
    expect(f'Exec="{installed}"' in desktop, "menu entry runs the installed executable")
    for size in ICON_SIZES:
        icon = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        expect(icon.is_file(), f"{icon} missing")
    expect((data / "metainfo" / f"{APP_ID}.metainfo.xml").is_file(), "metainfo missing")

    env = clean_env(home)
    with serve_demo(installed, env) as demo:
        (installed.parent / "photo-retriever.toml").write_text(
            f'api_url = "{demo["base_url"]}"\norg = {demo["org_id"]}\n'
            f'event = {demo["event_id"]}\ntitle = "{TITLE}"\n',
            encoding="utf-8",
        )
        keyed = {**env, "NINEPIC_API_KEY": str(demo["api_key"])}
        code, out, err = run(installed, "self-test", "--bib", "1488", env=keyed)
        lines = self_test_lines(out)
        titles = [line.get("title") for line in lines if line["step"] == "event"]
        expect(code == 0 and titles == [f"{TITLE} — Demo City Marathon 2026"], out + err)
        target = home / "profile-photos"
        code, out, err = run(
            installed, "download", "--bib", "1488", "--out", str(target), "--json", env=keyed
        )
        expect(bool(out), f"download with the shipped profile: exit {code} {err}")
        verify_download(code, out, target, 40)
    done = subprocess.run(
        ["/bin/sh", str(top / "install.sh"), "--uninstall"],
        env=env | {"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    expect(done.returncode == 0 and not installed.exists(), "uninstall")
    return "installed for the user, profile beside the executable used by window and download"


def main() -> int:
    exe = executable(BUNDLE)
    if not exe.is_file():
        print(f"package-test: no bundle at {BUNDLE}; run make package first", file=sys.stderr)
        return 2
    checks = [
        ("version", check_version),
        ("serve-demo + download", check_download),
        ("window + demo search", check_window),
    ]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="photo-retriever-package-test-") as tmp:
        for number, (name, check) in enumerate(checks):
            home = Path(tmp) / f"home{number}"
            home.mkdir()
            failed += report(name, functools.partial(check, exe, home))
        if sys.platform.startswith("linux"):
            home = Path(tmp) / "home-install"
            home.mkdir()
            name = "install.sh + organiser profile"
            failed += report(name, functools.partial(check_install_and_profile, home))
    passed = len(checks) + sys.platform.startswith("linux") - failed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def report(name: str, check: Callable[[], str]) -> int:
    try:
        detail = check()
    except (CheckFailed, OSError, subprocess.TimeoutExpired, ValueError, KeyError) as exc:
        print(f"FAIL {name}: {exc}")
        return 1
    print(f"ok   {name}: {detail}")
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
