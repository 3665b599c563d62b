"""Start-up: process start → main window visible (demo), and the quick command-line paths.

Each figure is a fresh process, timed from this side (spawn to the line it prints), in
alternating rounds against a comparator that does the least the same job needs:
- the window on the embedded demo vs a bare PySide6 `QMainWindow` shown the same way
  (both offscreen; "visible" = the first event-loop turn after the real main window's
  `show()`: its first frame, drawn before the controller and the rest have loaded);
- "window ready": the same start until the controller is attached (`MainWindow.ready`:
  an Enter in the search field runs the search from then on), shown beside it;
- `photo-retriever --version` and `--help` vs `python -c pass`.

Wall time on a shared machine is noisy, so the window and the quick paths are also
counted in CPU instructions with `valgrind --tool=callgrind` where it is installed (one
run each: the count barely moves). Targets (issue 16): window ≤ 1.5× the bare window;
`--version` and `--help` ≤ 4× `python -c pass`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence

from tests.benchmarks.measure import ROOT, fmt, pair_ratios, record, summary

ROUNDS = 5
WINDOW_TARGET = 1.5
QUICK_TARGET = 4.0

# Both print a line once the window is up, then leave. The window's module is imported
# by `main`, as in the real process (which imports it with automatic garbage collection
# paused); a finder patches `MainWindow.show` the moment the module has loaded.
_PATCH_SHOW = """
import os, sys
from importlib.machinery import PathFinder

class PatchShow:
    def find_spec(self, name, path=None, target=None):
        if name != "app.ui.main_window":
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            _show = module.MainWindow.show
            def show(self):
                _show(self)
                when_shown(self)
            module.MainWindow.show = show
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, PatchShow())
"""
# "shown": the first event-loop turn after the real main window's show() (its first frame).
_OURS = (
    _PATCH_SHOW
    + """
def when_shown(window):
    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, lambda: (print("shown", flush=True), os._exit(0)))
from app.cli import main
sys.exit(main([]))
"""
)
# The same start, printing once the window is ready: its controller attached.
_READY = (
    _PATCH_SHOW
    + """
def when_shown(window):
    window.ready.connect(lambda: (print("ready", flush=True), os._exit(0)))
from app.cli import main
sys.exit(main([]))
"""
)
_BARE = """
import os
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), os._exit(0)))
app.exec()
"""


def until_line(command: Sequence[str], env: dict[str, str]) -> float:
    """Seconds from spawning `command` to its first line on stdout (or its end)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    process.stdout.readline()
    seconds = time.perf_counter() - started
    process.stdout.close()
    process.wait(timeout=30)
    return seconds


def instructions(command: Sequence[str], env: dict[str, str]) -> int | None:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    done = subprocess.run(
        [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    return int(found.group(1)) if found else None


def main(argv: Sequence[str] | None = None) -> int:
    home = tempfile.mkdtemp(prefix="bench-startup-")
    env = {
        # Bytecode is cached as on any installed copy: the warm-up run writes it, and a
        # shell that forbids that would time the compiler instead of the start.
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": home,
        "PHOTO_RETRIEVER_CONFIG_DIR": os.path.join(home, "config"),
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
    }
    python = sys.executable
    cli = [python, "-m", "app.cli"]
    cases: dict[str, list[str]] = {
        "window (demo)": [python, "-c", _OURS],
        "window ready": [python, "-c", _READY],
        "bare QMainWindow": [python, "-c", _BARE],
        "--version": [*cli, "--version"],
        "--help": [*cli, "--help"],
        "python -c pass": [python, "-c", "pass"],
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    try:
        until_line(cases["window (demo)"], env)  # warm-up: bytecode and font caches
        for round_no in range(ROUNDS):
            names = list(cases)
            names = names[round_no % 2 :] + names[: round_no % 2]
            for name in names:
                times[name].append(until_line(cases[name], env))
        counted = ("window (demo)", "bare QMainWindow", "--version", "--help", "python -c pass")
        counts = {name: instructions(cases[name], env) for name in counted}
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"median (range) of {ROUNDS} alternating rounds, spawn → first line printed")
    for name, values in times.items():
        print(f"  {name:<18} {fmt(values, 's', 3)}")
    window = pair_ratios(times["window (demo)"], times["bare QMainWindow"])
    ready = pair_ratios(times["window ready"], times["bare QMainWindow"])
    version = pair_ratios(times["--version"], times["python -c pass"])
    helps = pair_ratios(times["--help"], times["python -c pass"])
    print(f"window / bare window (same round): {fmt(window, '×')}")
    print(f"window ready / bare window:        {fmt(ready, '×')}")
    print(f"--version / python -c pass:        {fmt(version, '×')}")
    print(f"--help / python -c pass:           {fmt(helps, '×')}")
    ours, bare = counts.get("window (demo)"), counts.get("bare QMainWindow")
    if ours and bare:
        print(f"instructions window: {ours / 1e6:.0f} M, {ours / bare:.2f}× the bare window "
              f"({bare / 1e6:.0f} M)")  # fmt: skip
    base = counts.get("python -c pass")
    count_ratios: dict[str, float] = {}
    if base:
        for name in ("--version", "--help"):
            count = counts.get(name)
            if count:
                count_ratios[name] = count / base
                print(f"instructions {name}: {count / 1e6:.0f} M, {count / base:.2f}× pass "
                      f"({base / 1e6:.0f} M)")  # fmt: skip
    window_ratio = summary(window)["median"]
    quick = max(count_ratios.values()) if count_ratios else max(
        summary(version)["median"], summary(helps)["median"]
    )  # fmt: skip
    met_window = window_ratio <= WINDOW_TARGET
    met_quick = quick <= QUICK_TARGET
    print(f"window ≤ {WINDOW_TARGET}× bare: {'met' if met_window else 'MISSED'} "
          f"({window_ratio:.2f}×)")  # fmt: skip
    print(f"--version/--help ≤ {QUICK_TARGET}× python -c pass: "
          f"{'met' if met_quick else 'MISSED'} ({quick:.2f}×)")  # fmt: skip
    record(
        "startup",
        {
            "seconds": {name: summary(values) for name, values in times.items()},
            "runs": times,
            "ratios": {
                "window/bare": summary(window),
                "ready/bare": summary(ready),
                "version/pass": summary(version),
                "help/pass": summary(helps),
            },
            "instructions": counts,
            "instruction_ratios": {
                **count_ratios,
                **({"window/bare": ours / bare} if ours and bare else {}),
            },
        },
    )
    return 0 if met_window and met_quick else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
