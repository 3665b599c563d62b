"""What every benchmark shares: child processes timed from outside, shaped links, medians
with ranges, and `bench-results.json`.

Children are started by a bare interpreter (`python -S`) that forks, execs and waits:
Linux reports a child's peak RSS as at least its parent's RSS at fork time, so measuring
from this (big) process would report our own size. The wrapper also watches the output
folder for the first finished file (full size, and no aria2c control file beside it).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench-results.json"

_MEASURE = r"""
import os, sys, time
out, size = sys.argv[1], int(sys.argv[2])
command = sys.argv[3:]
def first_done():
    try:
        names = os.listdir(out)
    except OSError:
        return False
    for name in names:
        if name.endswith((".part", ".aria2", ".tmp")) or name.startswith("."):
            continue
        if name + ".aria2" in names:
            continue
        try:
            if os.stat(os.path.join(out, name)).st_size == size:
                return True
        except OSError:
            pass
    return False
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execvp(command[0], command)
first = -1.0
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG if first < 0 and size else 0)
    if done:
        break
    if size and first_done():
        first = time.perf_counter() - started
        continue
    time.sleep(0.004)
wall = time.perf_counter() - started
cpu = usage.ru_utime + usage.ru_stime
print(wall, first, usage.ru_maxrss, cpu, os.waitstatus_to_exitcode(status))
"""


@dataclass
class Sample:
    seconds: float
    first_s: float
    """Time to the first finished file in the folder (-1: not watched / none seen)."""
    rss_mb: float
    cpu_s: float


def run_child(
    command: Sequence[str],
    *,
    out: Path | None = None,
    size: int = 0,
    env: dict[str, str] | None = None,
) -> Sample:
    """Run `command` to its end; raise if it fails."""
    watched = str(out) if out is not None else os.devnull
    done = subprocess.run(
        [sys.executable, "-S", "-c", _MEASURE, watched, str(size if out else 0), *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall, first, rss_kb, cpu, code = done.stdout.split()
    if int(code) != 0:
        raise SystemExit(f"{command[0]} exited {code}")
    return Sample(float(wall), float(first), int(rss_kb) / 1024, float(cpu))


def start_shaper(
    upstream: str, rtt_ms: float, rate: float | None, stats: Path | None = None
) -> tuple[subprocess.Popen[str], int]:
    """A `shaper` process in front of HOST:PORT; returns it and the port it listens on."""
    command = [sys.executable, "-m", "tests.benchmarks.shaper", upstream, "--rtt-ms", str(rtt_ms)]
    if rate:
        command += ["--rate", str(rate)]
    if stats is not None:
        command += ["--stats", str(stats)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    return process, int(process.stdout.readline())


def compile_bytecode(root: Path = ROOT) -> None:
    """Write the .pyc files of the code under `root` first, as an installed app has them:
    a child started where none exist (a fresh clone, PYTHONDONTWRITEBYTECODE set)
    compiles every module it imports, every time, and the figure would carry that."""
    import compileall

    for folder in ("app", "tests"):
        if (root / folder).is_dir():
            compileall.compile_dir(root / folder, quiet=1)


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median and range: the figures the README quotes."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def fmt(values: Sequence[float], unit: str = "s", digits: int = 2) -> str:
    s = summary(values)
    return f"{s['median']:.{digits}f} {unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"


def pair_ratios(ours: Sequence[float], theirs: Sequence[float]) -> list[float]:
    """Round by round: runs alternate, so each ratio cancels a shared machine's drift."""
    return [o / t for o, t in zip(ours, theirs, strict=True)]


def machine() -> dict[str, object]:
    """Where the figures were taken, and how busy it was."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "cpu": model or platform.processor(),
        "cores": os.cpu_count(),
        "load_average_1_5_15": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def record(section: str, data: dict[str, object]) -> None:
    """Merge one benchmark's figures into `bench-results.json` (git-ignored)."""
    try:
        results = json.loads(RESULTS.read_text())
    except (OSError, ValueError):
        results = {}
    results[section] = {"machine": machine(), **data}
    RESULTS.write_text(json.dumps(results, indent=2, default=_plain) + "\n")


def _plain(value: object) -> object:
    if isinstance(value, Sample):
        return asdict(value)
    raise TypeError(type(value).__name__)
