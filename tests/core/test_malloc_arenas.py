"""The window process asks glibc for fewer malloc arenas (see `app.core.malloc_arenas`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.core.malloc_arenas import limit_malloc_arenas


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_glibc_takes_the_limit_in_a_fresh_process() -> None:
    code = "from app.core.malloc_arenas import limit_malloc_arenas as f; print(f())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_elsewhere_it_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert limit_malloc_arenas() is False
