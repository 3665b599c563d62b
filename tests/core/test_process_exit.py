"""`end_process`: a finished process leaves without the interpreter's teardown, but with
everything an exit owes (its code, its flushed output, the `atexit` handlers), and takes
the normal exit while a thread still runs or Qt is loaded. Each case is a fresh process.

The `download` command's own exits (codes 0-3, the JSON on stdout, the report) go
through it too: `tests/integration/test_headless_download.py` runs them as processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GARBAGE = """
import atexit, sys
from app.core.process_exit import end_process

class Cycle:
    def __del__(self):
        sys.stderr.write("teardown ran\\n")

cycle = Cycle()
cycle.me = cycle  # only the collection at the interpreter's end would free it
del cycle
atexit.register(lambda: sys.stderr.write("atexit ran\\n"))
sys.stdout.write("unflushed output")  # no newline: still in the buffer at exit
"""


def run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_finished_process_skips_the_teardown_and_keeps_code_output_and_atexit() -> None:
    done = run(GARBAGE + "end_process(3)\n")
    assert done.returncode == 3
    assert done.stdout == "unflushed output"
    assert "atexit ran" in done.stderr
    assert "teardown ran" not in done.stderr


def test_the_same_process_with_a_normal_exit_does_tear_down() -> None:
    """The control: what the test above proves skipped does run on `sys.exit`."""
    done = run(GARBAGE + "sys.exit(3)\n")
    assert done.returncode == 3
    assert "teardown ran" in done.stderr


def test_a_thread_still_running_is_waited_for() -> None:
    """The thread finishes only once the process has said it is leaving (it waits for
    a line the test sends after that): a quick exit would cut it off."""
    script = GARBAGE + textwrap.dedent(
        """
        import threading
        def finish():
            sys.stdin.readline()
            sys.stderr.write("thread finished\\n")
        threading.Thread(target=finish).start()
        sys.stderr.write("leaving\\n")
        sys.stderr.flush()
        end_process(0)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None and child.stdin is not None
    assert child.stderr.readline() == "leaving\n"
    child.stdin.write("go\n")
    child.stdin.flush()
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 0
    assert stdout == "unflushed output"
    assert "thread finished" in stderr


def test_with_qt_loaded_the_normal_exit_tears_it_down() -> None:
    done = run("import PySide6.QtCore\n" + GARBAGE + "end_process(0)\n")
    assert done.returncode == 0
    assert done.stdout == "unflushed output"
    assert "teardown ran" in done.stderr
