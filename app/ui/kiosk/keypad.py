"""`Keypad`: big on-screen keys for a BIB (digits, and letters where BIBs have them)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

_DIGIT_ROWS = ("123", "456", "789")
_LETTER_ROWS = ("ABCDEFG", "HIJKLMN", "OPQRSTU", "VWXYZ")


class Keypad(QWidget):
    """Digits 0-9, backspace and search; optionally an "ABC" page of letters.

    Keys never take the focus, so a physical keyboard keeps typing into the field.

    Signals:
        typed(str): a key was tapped (one character).
        backspace(): the last character should go.
        search(): the search key was tapped.
    """

    typed = Signal(str)
    backspace = Signal()
    search = Signal()

    def __init__(
        self,
        *,
        letters: bool,
        name: str = "kioskKeypad",
        key_prefix: str = "keypad",
        search_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._prefix = key_prefix
        self.keys: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)

        digits = QWidget(self.pages)
        grid = QGridLayout(digits)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, keys in enumerate(_DIGIT_ROWS):
            for column, key in enumerate(keys):
                grid.addWidget(self._key(key), row, column)
        self.backspace_button = self._button("Backspace", "⌫", self.tr("Delete last character"))
        self.backspace_button.clicked.connect(self.backspace)
        grid.addWidget(self.backspace_button, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        self.search_button = self._button("Search", search_text or self.tr("Search"))
        self.search_button.clicked.connect(self.search)
        self.search_button.setDefault(True)
        grid.addWidget(self.search_button, 3, 2)
        _even_columns(grid, 3)
        self.pages.addWidget(digits)

        self.letters_button: QPushButton | None = None
        if letters:
            grid.addWidget(self._switch("Letters", self.tr("ABC"), 1), 4, 0, 1, 3)
            letter_page = QWidget(self.pages)
            letter_grid = QGridLayout(letter_page)
            letter_grid.setContentsMargins(0, 0, 0, 0)
            for row, keys in enumerate(_LETTER_ROWS):
                for column, key in enumerate(keys):
                    letter_grid.addWidget(self._key(key), row, column)
            letter_grid.addWidget(self._switch("Digits", self.tr("123"), 0), 4, 0, 1, 7)
            _even_columns(letter_grid, 7)
            self.pages.addWidget(letter_page)
            self.letters_button = self.findChild(QPushButton, f"{key_prefix}Letters")

    def _button(self, suffix: str, text: str, accessible: str = "") -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"{self._prefix}{suffix}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoRepeat(suffix == "Backspace")
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if accessible:
            button.setAccessibleName(accessible)
        return button

    def _key(self, key: str) -> QPushButton:
        button = self._button(f"Key{key}", key)
        button.clicked.connect(lambda: self.typed.emit(key.lower()))
        self.keys[key] = button
        return button

    def _switch(self, suffix: str, text: str, page: int) -> QPushButton:
        button = self._button(suffix, text)
        button.clicked.connect(lambda: self.pages.setCurrentIndex(page))
        return button

    def show_digits(self) -> None:
        self.pages.setCurrentIndex(0)


def _even_columns(grid: QGridLayout, columns: int) -> None:
    for column in range(columns):
        grid.setColumnStretch(column, 1)
