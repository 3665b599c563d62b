"""The core and the demo server run without Qt: importing them loads no PySide6 or qasync."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = (
    "import importlib, sys\n"
    "for name in {modules!r}:\n"
    "    importlib.import_module(name)\n"
    "qt = ('PySide6', 'qasync', 'shiboken6')\n"
    "bad = sorted(m for m in sys.modules if m.split('.')[0] in qt)\n"
    "print(','.join(bad))\n"
)


@pytest.mark.parametrize(
    "modules",
    [
        ["app.core", "app.core.client", "app.core.models", "app.core.retry", "app.core.backend"],
        ["app.demo", "app.demo.server"],
        ["app.cli"],
    ],
)
def test_no_qt_below_the_ui(modules: list[str]) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHECK.format(modules=modules)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == ""
