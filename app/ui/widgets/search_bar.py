"""The search row: mode, input, selfie photo chooser, Search button, and the input's own message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QPixmap, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.core.validation import looks_like_request_id
from app.ui.search import SearchMode
from app.ui.text import fill
from app.ui.widgets.selfie_controls import SelfieParts, photo_dialog_folder
from app.ui.widgets.style import ERROR_TINT, readable_tint

PHOTO_PATTERNS = "*.jpg *.jpeg *.png *.JPG *.JPEG *.PNG"
LINE_GAP = 4
"""Pixels between the input row and the refusal (or hint) line under it."""


class SearchLineEdit(QLineEdit):
    """A line edit that hands the Down key to the results (keyboard path to the grid),
    and Ctrl+A to the window: it selects the page from anywhere, this field included.

    Signals:
        down_pressed(): Down was pressed; focus should move to the results.
    """

    down_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.SelectAll)
        ):
            event.ignore()  # not claimed here, so the window's Ctrl+A shortcut runs
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Signals:
    search_requested(object, str): the mode (`SearchMode`) and the typed text.
    selfie_photo_chosen(str): a selfie photo file to search with.
    focus_results_requested(): Down pressed in the input.
    mode_changed(object): the user picked another `SearchMode`.
    photo_folder_changed(str): a selfie was picked from this folder (worth remembering).
    """

    search_requested = Signal(object, str)
    selfie_photo_chosen = Signal(str)
    focus_results_requested = Signal()
    mode_changed = Signal(object)
    photo_folder_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._modes = [SearchMode.BIB, SearchMode.SELFIE, SearchMode.SELFIE_PHOTO]
        self._modes += [SearchMode.TIME, SearchMode.ALL]
        self._texts = {mode: "" for mode in self._modes}
        self._panel: QWidget | None = None
        """Shown instead of the input for the modes without typed text (time, gallery)."""
        self._photo: Path | None = None
        self._dialog: QFileDialog | None = None
        self.photo_folder: str | None = None
        """The last folder a selfie came from (the owner restores it from the settings)."""
        self._event_hint = ""

        self.mode_picker = QComboBox(self)
        self.mode_picker.setObjectName("searchModePicker")
        self.mode_picker.setAccessibleName(self.tr("Search by"))
        self.mode_picker.addItem(self.tr("BIB number"))
        self.mode_picker.addItem(self.tr("Selfie search id"))
        self.mode_picker.addItem(self.tr("Selfie photo"))
        self.mode_picker.addItem(self.tr("Time of day"))
        self.mode_picker.addItem(self.tr("All photos"))
        self.mode_picker.currentIndexChanged.connect(self._on_mode_picker_changed)

        self.input = SearchLineEdit(self)
        self.input.setObjectName("searchInput")
        self.input.setAccessibleName(self.tr("Search for photos"))
        self.input.setClearButtonEnabled(True)
        for clear in self.input.findChildren(QToolButton):  # Qt's own clear button
            clear.setAccessibleName(self.tr("Clear the search"))
        self.input.setMinimumWidth(260)
        self.input.returnPressed.connect(self._on_submit)
        self.input.textEdited.connect(self._on_text_edited)
        self.input.down_pressed.connect(self.focus_results_requested)
        self.selfie = SelfieParts(self, self.input.sizeHint().height())
        self.selfie_thumb, self.copy_id_button = self.selfie.thumb, self.selfie.copy_button
        self.copy_id_button.clicked.connect(self._on_copy_id)

        self.choose_photo_button = QPushButton(self.tr("Choose &photo…"), self)
        self.choose_photo_button.setObjectName("choosePhotoButton")
        self.choose_photo_button.setAccessibleName(self.tr("Choose selfie photo"))
        self.choose_photo_button.clicked.connect(self.choose_photo)

        self.search_button = QPushButton(self.tr("&Search"), self)
        self.search_button.setObjectName("searchButton")
        self.search_button.setAccessibleName(self.tr("Search"))
        self.search_button.setDefault(False)
        self.search_button.clicked.connect(self._on_submit)

        self.input_message = QLabel(self)
        self.input_message.setObjectName("searchInputMessage")
        self.input_message.setWordWrap(True)
        self.input_message.setAccessibleName(self.tr("Search input problem"))
        # Its line is kept while hidden: a refusal appearing never pushes the grid down.
        # The gap above it is its own margin, not the layout's row spacing, which Qt
        # drops while the row holds nothing visible.
        self.input_message.setContentsMargins(0, LINE_GAP, 0, 0)
        self.input_message.setMinimumHeight(self.input_message.fontMetrics().height() + LINE_GAP)
        keep_room = self.input_message.sizePolicy()
        keep_room.setRetainSizeWhenHidden(True)
        self.input_message.setSizePolicy(keep_room)
        self.input_message.hide()

        self.mode_hint = QLabel(self)
        self.mode_hint.setObjectName("searchModeHint")
        self.mode_hint.setWordWrap(True)
        self.mode_hint.setContentsMargins(0, LINE_GAP, 0, 0)
        self.mode_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.mode_hint.hide()

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(0)
        layout.addWidget(self.mode_picker, 0, 0, Qt.AlignmentFlag.AlignTop)
        field = QHBoxLayout()
        field.setSpacing(6)
        field.addWidget(self.selfie_thumb)
        field.addWidget(self.input, 1)
        field.addWidget(self.copy_id_button)
        layout.addLayout(field, 0, 1)
        layout.addWidget(self.choose_photo_button, 0, 2)
        layout.addWidget(self.search_button, 0, 3)
        # From under the mode picker to the right end: the widest line there is, so a
        # refusal stays on its one reserved line in an 800 px window too.
        layout.addWidget(self.input_message, 1, 0, 1, 4)
        # the hint shares the refusal's reserved line (a refusal shows over it), so
        # neither pushes the photos down when it comes or goes
        layout.addWidget(self.mode_hint, 1, 0, 1, 4)
        layout.setColumnStretch(1, 1)

        self.setTabOrder(self.mode_picker, self.input)
        self.setTabOrder(self.input, self.copy_id_button)
        self.setTabOrder(self.copy_id_button, self.choose_photo_button)
        self.setTabOrder(self.choose_photo_button, self.search_button)
        self._on_mode_picker_changed(0)

    # ------------------------------------------------------------------ API

    @property
    def mode(self) -> SearchMode:
        return self._modes[max(0, self.mode_picker.currentIndex())]

    def set_mode(self, mode: SearchMode) -> None:
        self.mode_picker.setCurrentIndex(self._modes.index(mode))

    def set_mode_panel(self, panel: QWidget) -> None:
        """The widget that stands in for the input in the time and gallery modes."""
        self._panel = panel
        layout = self.layout()
        assert isinstance(layout, QGridLayout)
        layout.addWidget(panel, 0, 1, 1, 3)
        self._apply_mode(self.mode)

    def set_available(
        self,
        bib: bool,
        selfie: bool,
        *,
        event_known: bool = True,
        time: bool = False,
        gallery: bool = False,
        off_reasons: dict[SearchMode, str] | None = None,
    ) -> None:
        """Offer only the modes the event has switched on, and say why others are missing
        (`off_reasons`: the one line each switched-off mode shows as its tooltip)."""
        model = self.mode_picker.model()
        assert isinstance(model, QStandardItemModel)
        enabled = {SearchMode.BIB: bib, SearchMode.SELFIE: selfie, SearchMode.SELFIE_PHOTO: selfie}
        enabled |= {SearchMode.TIME: time, SearchMode.ALL: gallery}
        for row, mode in enumerate(self._modes):
            item = model.item(row)
            if item is not None:
                on = enabled[mode] or not event_known
                item.setEnabled(on)
                item.setToolTip("" if on else (off_reasons or {}).get(mode, ""))
        if event_known and not enabled[self.mode]:
            for mode in self._modes:
                if enabled[mode]:
                    self.set_mode(mode)
                    break
        if not event_known:
            hint = ""
        elif not bib and not selfie and time:
            hint = self.tr(
                "This event offers no BIB or selfie search; find your photos by time of day."
            )
        elif not bib and not selfie and gallery:
            hint = self.tr(
                "This event offers no BIB or selfie search; look through all its photos."
            )
        elif not bib and not selfie:
            hint = self.tr("This event offers no photo search. Pick another event.")
        elif not selfie:
            hint = self.tr(
                "Selfie search is switched off for this event by the organiser; "
                "search by BIB number."
            )
        elif not bib:
            hint = self.tr(
                "Search by BIB number is switched off for this event by the organiser; "
                "search with a selfie."
            )
        else:
            hint = ""
        self._event_hint = hint
        self._show_hint(hint)
        # Stay usable while the event opens (disabling would steal the keyboard focus);
        # a search submitted meanwhile waits in the controller until the event is open.
        can_search = not event_known or bib or selfie or time or gallery
        for widget in (self.input, self.search_button, self.choose_photo_button):
            widget.setEnabled(can_search)

    def show_input_error(self, text: str) -> None:
        colour = readable_tint(self.palette(), ERROR_TINT)
        self.input_message.setStyleSheet(f"color: {colour.name()};")
        self.input_message.setText(text)
        self.input_message.show()
        self.mode_hint.hide()
        self._describe_input()

    def clear_input_error(self) -> None:
        self.input_message.clear()
        self.input_message.hide()
        self.mode_hint.setVisible(bool(self.mode_hint.text()))
        self._describe_input()

    def _show_text(self, text: str) -> None:
        """Put `text` in the field unless it is there already: setting the same text
        again would move the cursor (and drop a selection) while the user types."""
        if self.input.text() != text:
            self.input.setText(text)

    def _describe_input(self) -> None:
        """Screen readers hear the problem first, else what to type in this mode."""
        problem = self.input_error
        self.input.setAccessibleDescription(problem or self.input.placeholderText())

    @property
    def input_error(self) -> str:
        return self.input_message.text() if not self.input_message.isHidden() else ""

    def show_selfie_request_id(self, request_id: str) -> None:
        """After a photo upload: show the id, so the user can keep it and reuse it later."""
        self._texts[SearchMode.SELFIE] = request_id
        self.mode_picker.blockSignals(True)
        self.set_mode(SearchMode.SELFIE)
        self.mode_picker.blockSignals(False)
        self.selfie.photo_request_id = request_id
        self._apply_mode(SearchMode.SELFIE)
        self._show_hint(
            self.tr(
                "Keep this selfie search id (Copy id) to see these photos again later "
                "without uploading."
            )
        )

    def set_selfie_thumbnail(self, path: str, pixmap: QPixmap | None) -> None:
        """The chosen selfie, small, beside the field (decoded elsewhere, off this thread)."""
        if self._photo is not None and str(self._photo) == path:
            self.selfie_thumb.set_photo(path, pixmap)
            self.selfie.follow(self.mode, self.input.text())

    @property
    def photo(self) -> str | None:
        """The selfie photo chosen last (dialog or drop), if any."""
        return str(self._photo) if self._photo is not None else None

    @property
    def photo_dialog(self) -> QFileDialog | None:
        """The selfie file dialog, once opened."""
        return self._dialog

    def choose_photo(self) -> None:
        """Open a file dialog without blocking (no exec(): the event loop keeps running),
        in the last folder a selfie came from, or the Pictures folder."""
        if self._dialog is None:
            dialog = QFileDialog(self, self.tr("Choose a photo of your face"))
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.setNameFilter(fill(self.tr("Photos (%1)"), PHOTO_PATTERNS))
            dialog.fileSelected.connect(self._on_file_selected)
            self._dialog = dialog
        self._dialog.setDirectory(photo_dialog_folder(self.photo_folder))
        self._dialog.open()

    def use_photo(self, path: str) -> None:
        """Search with this selfie photo (file dialog, drag and drop, tests)."""
        if not path:
            return
        self._photo = Path(path)
        self.selfie.photo_request_id = ""
        self.selfie_thumb.set_photo(path, None)
        self.set_mode(SearchMode.SELFIE_PHOTO)
        self.input.setText(self._photo.name)
        self.clear_input_error()
        self.selfie_photo_chosen.emit(str(self._photo))

    # ------------------------------------------------------------ internals

    def _on_submit(self) -> None:
        self.clear_input_error()
        if self.mode in (SearchMode.TIME, SearchMode.ALL):
            return  # searched from the mode's own panel
        if self.mode is SearchMode.SELFIE_PHOTO:
            if self._photo is None:
                self.choose_photo()
            else:
                self.selfie_photo_chosen.emit(str(self._photo))
            return
        self.search_requested.emit(self.mode, self.input.text())

    def _on_text_edited(self, text: str) -> None:
        self.clear_input_error()
        if self.mode is SearchMode.BIB and looks_like_request_id(text) and self._offers_selfie():
            # a pasted selfie search id is never a BIB: the mode box follows it
            self._texts[SearchMode.SELFIE] = text.strip()
            self.set_mode(SearchMode.SELFIE)
            self._texts[SearchMode.BIB] = ""
        self.selfie.follow(self.mode, self.input.text())

    def _offers_selfie(self) -> bool:
        model = self.mode_picker.model()
        assert isinstance(model, QStandardItemModel)
        item = model.item(self._modes.index(SearchMode.SELFIE))
        return item is not None and item.isEnabled()

    def _on_mode_picker_changed(self, index: int) -> None:
        self._apply_mode(self._modes[max(0, index)])
        self.clear_input_error()
        self._show_hint(self._event_hint)  # "keep this id" belonged to the last mode
        self.mode_changed.emit(self.mode)

    def _on_file_selected(self, path: str) -> None:
        if path:
            self.photo_folder = str(Path(path).parent)
            self.photo_folder_changed.emit(self.photo_folder)
        self.use_photo(path)

    def _on_copy_id(self) -> None:
        request_id = self.input.text().strip()
        if looks_like_request_id(request_id):
            self.copy_id_button.copy(request_id)
            self._show_hint(
                self.tr("Selfie search id copied. Paste it here later to see these photos again.")
            )

    def _show_hint(self, hint: str) -> None:
        self.mode_hint.setText(hint)
        self.mode_hint.setVisible(bool(hint) and self.input_message.isHidden())

    def _apply_mode(self, mode: SearchMode) -> None:
        for m in self._modes:
            if m is not SearchMode.SELFIE_PHOTO and self.input.property("mode") == m.value:
                self._texts[m] = self.input.text()
        self.input.setProperty("mode", mode.value)
        photo = mode is SearchMode.SELFIE_PHOTO
        typed = mode not in (SearchMode.TIME, SearchMode.ALL) or self._panel is None
        self.input.setReadOnly(photo)
        self.choose_photo_button.setVisible(photo and typed)
        self.input.setVisible(typed)
        self.search_button.setVisible(typed)
        if self._panel is not None:
            self._panel.setVisible(not typed)
        if mode is SearchMode.BIB:
            self.input.setPlaceholderText(self.tr("Your BIB number, like 1488"))
            self._show_text(self._texts[mode])
        elif mode is SearchMode.SELFIE:
            self.input.setPlaceholderText(self.tr("Selfie search id, like ddc661a7-8861-…"))
            self._show_text(self._texts[mode])
        elif photo:
            self.input.setPlaceholderText(
                self.tr("Choose a photo of your face, or drop one on the window")
            )
            self._show_text(self._photo.name if self._photo else "")
        self._describe_input()
        self.selfie.follow(mode, self.input.text())
