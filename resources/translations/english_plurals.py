"""Fill the English plural forms that `pyside6-lupdate` leaves unfinished in the `.ts`.

Source strings are written with `(s)` where the plural differs ("%n photo(s)"): the
singular drops it, the plural keeps the "s"; a string without `(s)` reads the same in both
forms. Forms already filled by hand are kept, and the file keeps lupdate's layout (a text
substitution, not an XML rewrite). Run by `make translations`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

UNFINISHED = re.compile(
    r'(<message numerus="yes">\s*<source>(?P<source>[^<]*)</source>\s*)'
    r'<translation type="unfinished">(?P<indent>\s*)<numerusform></numerusform>\s*'
    r"<numerusform></numerusform>(?P<close>\s*)</translation>",
    re.DOTALL,
)


def _filled(match: re.Match[str]) -> str:
    source, indent = match["source"], match["indent"]
    one, many = source.replace("(s)", ""), source.replace("(s)", "s")
    return (
        f"{match[1]}<translation>{indent}<numerusform>{one}</numerusform>"
        f"{indent}<numerusform>{many}</numerusform>{match['close']}</translation>"
    )


GUESSED = re.compile(
    r'(<message numerus="yes">\s*<source>(?P<source>[^<]*)</source>\s*)'
    r'<translation type="unfinished">(?P<forms>\s*<numerusform>[^<]+</numerusform>\s*'
    r"<numerusform>[^<]+</numerusform>\s*)</translation>",
    re.DOTALL,
)
"""Forms lupdate copied from the same text in another context, still marked unfinished."""


def _confirmed(match: re.Match[str]) -> str:
    source = match["source"]
    one, many = source.replace("(s)", ""), source.replace("(s)", "s")
    forms = re.findall(r"<numerusform>([^<]+)</numerusform>", match["forms"])
    if forms != [one, many]:
        return match[0]  # a guess that is not the English forms: left for a person
    return f"{match[1]}<translation>{match['forms']}</translation>"


def fill(ts: Path) -> int:
    text = ts.read_text(encoding="utf-8")
    new, count = UNFINISHED.subn(_filled, text)
    new, confirmed = GUESSED.subn(_confirmed, new)
    count += confirmed
    if count:
        ts.write_text(new, encoding="utf-8")
    return count


if __name__ == "__main__":
    print(f"filled the English plural forms of {fill(Path(sys.argv[1]))} string(s)")
