"""The English `.qm` is built from the `.ts`, and every `%n` string has its plural forms.

Runs Qt's own `pyside6-lupdate` over `app/ui` (so a string added without `make
translations`, or a `%n` that lupdate cannot see as a plural, fails here) and
`pyside6-lrelease` over the committed `.ts` (so a `.qm` older than its `.ts` fails).
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.resources import resource_path
from app.ui.download_words import retry_what, selected_what
from app.ui.text import fill
from app.ui.widgets.download_rows import eta_text

ROOT = Path(__file__).resolve().parents[2]
TS = resource_path("translations", "photo-retriever_en.ts")
QM = resource_path("translations", "photo-retriever_en.qm")
BIN = Path(sys.executable).parent


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


@pytest.fixture(scope="module")
def from_code(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ET.Element]:
    """What lupdate finds in the code today, in a fresh `.ts`."""
    fresh = tmp_path_factory.mktemp("ts") / "fresh_en.ts"
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-extensions", "py", "-locations", "none",
         "-source-language", "en", "-target-language", "en", "app/ui", "-ts", str(fresh)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return _messages(fresh)


def test_every_counted_string_is_a_plural_with_both_english_forms(
    from_code: dict[tuple[str, str], ET.Element],
) -> None:
    committed = _messages(TS)
    counted = {key: m for key, m in from_code.items() if "%n" in key[1]}
    assert len(counted) >= 10, "lupdate found too few %n strings: is it reading app/ui?"
    for key, message in counted.items():
        assert message.get("numerus") == "yes", f"{key}: not a plural (use .tr(text, '', n))"
        assert key in committed, f"{key}: missing from {TS.name}; run `make translations`"
        translation = committed[key].find("translation")
        assert translation is not None
        assert translation.get("type") != "unfinished", f"{key}: English forms unfinished"
        forms = [f.text or "" for f in translation.iter("numerusform")]
        assert len(forms) == 2 and all("%n" in f for f in forms), f"{key}: forms {forms}"


def test_the_qm_is_built_from_the_committed_ts(tmp_path: Path) -> None:
    built = tmp_path / "built.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(built)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert built.read_bytes() == QM.read_bytes(), "the .qm is stale: run `make translations`"


def test_the_installed_translator_gives_english_plurals() -> None:
    assert selected_what(1) == "1 selected photo"
    assert selected_what(3) == "3 selected photos"
    assert retry_what(1) == "1 failed photo again"
    assert eta_text(50) == "about 50 s left"


def test_fill_replaces_every_marker_once() -> None:
    assert fill("%1 of %2", 3, 40) == "3 of 40"
    assert fill("%2, %1", "a", "b") == "b, a"
    assert fill("%1 said %2", "%2", "x") == "%2 said x"  # an argument is not read again
    assert fill("%1% done, %3", 50) == "50% done, %3"


def test_window_code_fills_arguments_with_fill_not_replace() -> None:
    """`str.replace("%1", …)` re-reads what it put in and hides counts from Qt's plurals."""
    hand_made = re.compile(r"""\.replace\(\s*["']%\d""")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "app" / "ui").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hand_made.search(line)
    ]
    assert offenders == [], "use app.ui.text.fill (or %n with a count)"
