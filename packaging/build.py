"""`make package`: build the one-folder bundle, the Linux tarball, and say how big and fast.

Steps: PyInstaller with `packaging/photo-retriever.spec` into `dist/photo-retriever/`;
on Linux a `dist/photo-retriever-<version>-linux-<arch>.tar.gz` with the bundle, the
`.desktop` entry, the AppStream metainfo, the icons and `install.sh`; then the bundle's
size and its start time (process start to window shown, offscreen) next to the same
from the development venv, as the median of a few runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUNDLE = DIST / "photo-retriever"
APP_ID = "io.github.photoretriever.PhotoRetriever"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def executable(bundle: Path = BUNDLE) -> Path:
    return bundle / ("photo-retriever.exe" if sys.platform == "win32" else "photo-retriever")


def run_pyinstaller() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(PACKAGING / "photo-retriever.spec"),
        ],
        cwd=ROOT,
        check=True,
    )


def tarball_name() -> str:
    return f"photo-retriever-{version()}-linux-{platform.machine()}.tar.gz"


def make_tarball(bundle: Path = BUNDLE, out_dir: Path = DIST) -> Path:
    """`photo-retriever-<version>/` holding the bundle and what `install.sh` installs."""
    top = f"photo-retriever-{version()}"
    out = out_dir / tarball_name()
    icons = ROOT / "resources" / "icons"

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as tar:

        def add(path: Path, name: str) -> None:
            tar.add(path, f"{top}/{name}", filter=owned_by_root)

        add(bundle, "photo-retriever")
        add(PACKAGING / "install.sh", "install.sh")
        add(PACKAGING / "photo-retriever.desktop", "photo-retriever.desktop")
        add(PACKAGING / f"{APP_ID}.metainfo.xml", f"{APP_ID}.metainfo.xml")
        for size in ICON_SIZES:
            add(icons / f"photo-retriever-{size}.png", f"icons/photo-retriever-{size}.png")
        add(icons / "photo-retriever.svg", "icons/photo-retriever.svg")
    return out


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def cpu_seconds(pid: int) -> float | None:
    """CPU time the process has used so far (Linux): steadier than the wall clock on a
    busy machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_window(command: list[str], runs: int = 3) -> tuple[float, float | None]:
    """Median seconds from starting the process to the window shown (`self-test`'s first
    line, the embedded demo server started first), offscreen; wall clock and CPU."""
    seconds: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        started = time.perf_counter()
        with subprocess.Popen(
            [*command, "self-test", "--timeout", "60"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        ) as process:
            assert process.stdout is not None
            first = process.stdout.readline()
            shown = time.perf_counter() - started
            used = cpu_seconds(process.pid)
            if used is not None:
                cpu.append(used)
            process.stdout.read()
            if process.wait() != 0 or json.loads(first)["step"] != "shown":
                raise SystemExit(f"{command[0]} self-test did not pass")
        seconds.append(shown)
    return statistics.median(seconds), statistics.median(cpu) if cpu else None


def _timing(label: str, command: list[str]) -> str:
    wall, cpu = time_to_window(command)
    return f"{label} {wall:.2f} s" + (f" ({cpu:.2f} s CPU)" if cpu is not None else "")


def report(tarball: Path | None) -> None:
    exe = executable()
    print(f"bundle: {BUNDLE.relative_to(ROOT)}/ {folder_size(BUNDLE) / 1e6:.1f} MB")
    if tarball is not None:
        print(f"tarball: {tarball.relative_to(ROOT)} {tarball.stat().st_size / 1e6:.1f} MB")
    venv = Path(sys.executable).parent / "photo-retriever"
    line = "start to window shown (median of 3, offscreen): " + _timing("bundle", [str(exe)])
    if venv.is_file():
        line += ", " + _timing("venv", [str(venv)])
    print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="reuse dist/photo-retriever")
    parser.add_argument("--no-timing", action="store_true", help="do not time the start")
    args = parser.parse_args()
    if not args.skip_build:
        shutil.rmtree(BUNDLE, ignore_errors=True)
        run_pyinstaller()
    if not executable().is_file():
        raise SystemExit(f"no bundle at {BUNDLE}: run without --skip-build")
    tarball = make_tarball() if sys.platform.startswith("linux") else None
    if args.no_timing:
        print(f"bundle: {BUNDLE} {folder_size(BUNDLE) / 1e6:.1f} MB")
    else:
        report(tarball)
    return 0


if __name__ == "__main__":
    sys.exit(main())
