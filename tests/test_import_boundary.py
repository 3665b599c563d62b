"""Import boundaries: the core, the demo server, the relay and the headless runner load no
Qt, the window never reaches into the demo server (it only talks to a backend URL), and
the relay leans on the core alone."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"
QT = ("PySide6", "qasync", "shiboken6")
QT_FREE_PACKAGES = ("app.core", "app.demo", "app.relay")
QT_FREE_MODULES = ("app.headless", "app.terminal_progress", "app.terminal_words", "app.cli")

# Run in a fresh interpreter: find every module of the packages with pkgutil (walking their
# folders), import each in turn and note which one pulled in Qt.
CHECK = """
import importlib, importlib.util, json, pkgutil, sys

QT = {qt!r}


def loaded_qt():
    return {{m for m in sys.modules if m.split(".")[0] in QT}}


def walk(package):
    yield package
    path = importlib.util.find_spec(package).submodule_search_locations
    for info in pkgutil.iter_modules(path):
        name = package + "." + info.name
        if info.ispkg:
            yield from walk(name)
        else:
            yield name


names = [name for package in {packages!r} for name in walk(package)] + list({modules!r})
culprits = {{}}
for name in names:
    before = loaded_qt()
    importlib.import_module(name)
    if loaded_qt() - before:
        culprits[name] = sorted(loaded_qt() - before)
print(json.dumps({{"imported": names, "culprits": culprits, "qt": sorted(loaded_qt())}}))
"""


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(path: Path) -> str:
    """What a relative import in this file is relative to."""
    return ".".join(path.relative_to(ROOT).parts[:-1])


def _modules_on_disk(package: str) -> set[str]:
    folder = ROOT.joinpath(*package.split("."))
    return {_module_name(path) for path in folder.rglob("*.py")}


def test_no_qt_below_the_ui() -> None:
    code = CHECK.format(qt=QT, packages=QT_FREE_PACKAGES, modules=QT_FREE_MODULES)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    report = json.loads(out.stdout)
    # every module was found and imported, not just the packages' front doors
    expected = {m for package in QT_FREE_PACKAGES for m in _modules_on_disk(package)}
    assert set(report["imported"]) == expected | set(QT_FREE_MODULES)
    assert {"app.core.downloads.engine", "app.demo.server", "app.demo.__main__"} <= expected
    assert report["culprits"] == {}
    assert report["qt"] == []


def imported_names(source: str, package: str) -> Iterator[str]:
    """Every module `source` (a file of `package`) imports: plain and from-imports
    (relative ones resolved), each imported name as a possible submodule, and
    `importlib.import_module` / `__import__` with a literal name."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(
                    [*parts[: len(parts) - node.level + 1], *filter(None, [node.module])]
                )
            else:
                base = node.module or ""
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
                yield str(first.value)


def _reaches_demo(names: Iterator[str]) -> list[str]:
    return sorted({n for n in names if n == "app.demo" or n.startswith("app.demo.")})


@pytest.mark.parametrize(
    "source",
    [
        "import app.demo.server",
        "from app.demo import server",
        "from app import demo",
        "from ...demo.catalog import DemoCatalog",
        "def later():\n    import app.demo\n",
        "import importlib\nimportlib.import_module('app.demo.server')",
    ],
)
def test_the_check_sees_every_way_to_import_the_demo(source: str) -> None:
    assert _reaches_demo(imported_names(source, "app.ui.widgets")) != []


def test_the_check_lets_the_rest_through() -> None:
    source = "from app.core.backend import BackendConfig\nfrom . import style\nimport demo_tools"
    assert _reaches_demo(imported_names(source, "app.ui.widgets")) == []


def test_the_window_does_not_import_the_demo_server() -> None:
    files = sorted((APP / "ui").rglob("*.py"))
    assert APP / "ui" / "main_window.py" in files
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in files
        if (found := _reaches_demo(imported_names(path.read_text("utf-8"), _package_of(path))))
    }
    assert offenders == {}


def test_the_relay_uses_only_the_core() -> None:
    files = sorted((APP / "relay").rglob("*.py"))
    assert APP / "relay" / "asgi.py" in files
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in files
        if (
            found := sorted(
                name
                for name in imported_names(path.read_text("utf-8"), _package_of(path))
                if name.split(".")[:2] in (["app", "demo"], ["app", "ui"])
            )
        )
    }
    assert offenders == {}


# Loaded only once the window is on screen (the client, the wire models, the engine),
# so that importing the window costs about what PySide6 itself does.
AFTER_SHOW = (
    "httpx",
    "pydantic",
    "app.core.client",
    "app.core.models",
    "app.core.settings",
    "app.core.downloads.engine",
    "app.demo.server",
)


@pytest.mark.parametrize("module", ["app.ui.main_window", "app.ui.app"])
def test_the_window_modules_load_no_client_and_no_models(module: str) -> None:
    probe = (
        f"import json, sys, {module}\n"
        f"print(json.dumps([m for m in {AFTER_SHOW!r} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(done.stdout) == []


def test_every_name_of_the_download_package_resolves() -> None:
    """Its names load lazily: each one listed must come from the module it is mapped to."""
    import app.core.downloads as downloads

    for name in downloads.__all__:
        assert getattr(downloads, name) is not None
    with pytest.raises(AttributeError):
        _ = downloads.NoSuchName  # type: ignore[attr-defined]
