"""PySide6's per-import check, made cheap: installed, and giving PySide's own answers."""

from __future__ import annotations

import importlib
import json
import sys
import types
from pathlib import Path

import pytest

from app.ui import pyside_boot


def test_the_cheap_check_is_what_pyside_calls() -> None:
    assert pyside_boot.install()  # again: still in place, not wrapped twice
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside is pyside_boot.uses_pyside
    assert pyside_boot.pyside_check is not None
    assert pyside_boot.pyside_check is not pyside_boot.uses_pyside


@pytest.mark.parametrize(
    "name",
    [
        "app.ui.main_window",  # a module of ours that uses PySide6
        "app.core.errors",  # one that does not
        "json",  # the standard library
        "qasync",  # a package whose source names PySide6
        "_socket",  # an extension module: PySide's own check answers
    ],
)
def test_same_answer_as_pysides_own_check(name: str) -> None:
    module = importlib.import_module(name)
    assert pyside_boot.pyside_check is not None
    assert pyside_boot.uses_pyside(module) == pyside_boot.pyside_check(module)


def test_answers_are_the_real_ones() -> None:
    assert pyside_boot.uses_pyside(importlib.import_module("app.ui.main_window"))
    assert not pyside_boot.uses_pyside(json)


def test_a_module_whose_file_is_gone_does_not_use_pyside(tmp_path: Path) -> None:
    module = types.ModuleType("gone")
    module.__file__ = str(tmp_path / "gone.py")
    assert pyside_boot.uses_pyside(module) is False
