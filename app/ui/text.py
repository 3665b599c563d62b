"""The window's two text helpers: `Context` for words outside a QObject, `fill` for %1 ….

Counted numbers go through Qt's own plural forms instead: pass the count as `n` and
write `%n` (`self.tr("%n photo(s)", "", n)`); the English forms come from
`resources/translations/photo-retriever_en.ts`. See `app.ui.messages` for the rules.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication


class Context:
    """A translation context for words outside a QObject, used like a QObject's `tr`.

    Bind it to a module name spelled like the context (`Messages = Context("Messages")`)
    and call `Messages.tr("…")`: `pyside6-lupdate` takes the name before `.tr` as the
    context, and sees `%n` plurals here (it misses them in `translate(ctx, text, None, n)`).
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(self.name, text, disambiguation, n)


_ARG = re.compile(r"%([1-9])")


def fill(text: str, *args: object) -> str:
    """Put `args` in place of %1 … %9 in one pass, like `QString.arg` (an argument that
    itself holds "%2" stays as it is); a marker without an argument is left alone."""

    def arg(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        return str(args[index]) if index < len(args) else match[0]

    return _ARG.sub(arg, text)
