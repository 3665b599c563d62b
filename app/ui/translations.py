"""The window's translations: Qt's `.qm` files under `resources/translations/`.

English is the source language, but Qt still needs an English `.qm` for the plural forms
of `%n` strings ("1 photo", "2 photos"); a language with its own file wins over it.
`make translations` rebuilds the files (see `app.ui.messages` for the rules).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.resources import resource_path

NAME = "photo-retriever"
_OBJECT_NAME = "photoRetrieverTranslator"


def install_translator(app: QCoreApplication, locale: QLocale | None = None) -> QTranslator | None:
    """Load the best `.qm` for `locale` (the system's by default), English otherwise;
    once per application. None when no file could be loaded (the words stay English,
    with hand-made plurals lost: "1 photo(s)")."""
    existing = app.findChild(QTranslator, _OBJECT_NAME)
    if isinstance(existing, QTranslator):
        return existing
    folder = str(resource_path("translations"))
    translator = QTranslator(app)
    translator.setObjectName(_OBJECT_NAME)
    for candidate in (locale or QLocale.system(), QLocale(QLocale.Language.English)):
        if translator.load(candidate, NAME, "_", folder):
            app.installTranslator(translator)
            return translator
    translator.deleteLater()
    return None
