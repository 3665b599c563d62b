"""The connect dialog's fields: what each one holds, and why a value is refused.

Each field has its own error label beside it; `ConnectForm.check()` fills them and
returns the values only when every field is acceptable. No network here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.credentials import key_is_sendable
from app.core.downloads.filenames import DEFAULT_NAME_PATTERN, NamePattern
from app.core.errors import InsecureUrl
from app.core.settings import DEFAULT_API_URL, Settings, default_download_folder
from app.core.urls import require_secure_url
from app.ui.text import fill

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.models import EventListItem


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConnectForm", text)


@dataclass(frozen=True)
class ConnectChoice:
    """What the user asked for; the key stays out of the repr."""

    demo: bool
    api_url: str
    org_id: int | None
    event_id: int | None
    api_key: str = field(default="", repr=False)
    download_folder: str | None = None
    parallel_downloads: int = 4
    thumbnail_size: int = 180
    name_pattern: str = DEFAULT_NAME_PATTERN

    def same_service(self, other: ConnectChoice | None) -> bool:
        """The same service, organisation, key and event (a test of one counts for the other)."""
        return other is not None and (
            self.demo,
            self.api_url,
            self.org_id,
            self.api_key,
            self.event_id,
        ) == (other.demo, other.api_url, other.org_id, other.api_key, other.event_id)


def _error_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setVisible(False)
    palette = label.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#ff7b72" if dark else "#c62828"))
    label.setPalette(palette)
    return label


class ConnectForm(QWidget):
    """Backend, address, organisation, key, event, and the download settings.

    Signals:
        service_changed(): a value the connection test depends on changed.
    """

    service_changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectForm")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        self.demo_button = QRadioButton(_tr("&Demo event (generated photos, no account)"), self)
        self.demo_button.setObjectName("connectBackendDemo")
        self.service_button = QRadioButton(_tr("&9Pic service (your event)"), self)
        self.service_button.setObjectName("connectBackendService")
        group = QButtonGroup(self)
        group.addButton(self.demo_button)
        group.addButton(self.service_button)
        outer.addWidget(self.demo_button)
        outer.addWidget(self.service_button)

        self.service_box = QWidget(self)
        form = QFormLayout(self.service_box)
        self.service_form = form
        """The dialog adds its Test connection row here."""
        form.setContentsMargins(24, 4, 0, 4)
        self.url = QLineEdit(settings.api_url or DEFAULT_API_URL, self.service_box)
        self.url.setObjectName("connectApiUrl")
        self.url.setPlaceholderText(DEFAULT_API_URL)
        self.url_error = _error_label("connectApiUrlError", self.service_box)
        self.org = QLineEdit(str(settings.org_id) if settings.org_id else "", self.service_box)
        self.org.setObjectName("connectOrg")
        self.org.setPlaceholderText(_tr("a number, e.g. 903"))
        self.org_error = _error_label("connectOrgError", self.service_box)
        self.key = QLineEdit(self.service_box)
        self.key.setObjectName("connectApiKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(_tr("from the 9Pic dashboard, Developer Zone"))
        self.show_key = QToolButton(self.service_box)
        self.show_key.setObjectName("connectShowKey")
        self.show_key.setCheckable(True)
        self.show_key.setText(_tr("Show"))
        self.show_key.setAccessibleName(_tr("Show the API key"))
        self.show_key.toggled.connect(self._on_show_key_toggled)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.show_key)
        self.key_error = _error_label("connectApiKeyError", self.service_box)
        self.key_note = QLabel(self.service_box)
        self.key_note.setObjectName("connectKeyNote")
        self.key_note.setWordWrap(True)
        self.key_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.event_picker = QComboBox(self.service_box)
        self.event_picker.setObjectName("connectEvent")
        self.event_picker.setMinimumContentsLength(28)
        self.event_picker.setPlaceholderText(_tr("Test the connection to list the events"))
        form.addRow(_tr("API &address"), self.url)
        form.addRow("", self.url_error)
        form.addRow(_tr("&Organisation id"), self.org)
        form.addRow("", self.org_error)
        form.addRow(_tr("API &key"), key_row)
        form.addRow("", self.key_error)
        form.addRow("", self.key_note)
        form.addRow(_tr("E&vent"), self.event_picker)
        self._buddies(form)
        outer.addWidget(self.service_box)

        downloads = QGroupBox(_tr("Downloads"), self)
        downloads.setObjectName("connectDownloads")
        extra = QFormLayout(downloads)
        self.folder = QLineEdit(settings.download_folder or "", self)
        self.folder.setObjectName("connectFolder")
        self.folder.setPlaceholderText(
            fill(_tr("%1, a folder per event"), default_download_folder())
        )
        browse = QToolButton(self)
        browse.setObjectName("connectBrowseFolder")
        browse.setText(_tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.folder_error = _error_label("connectFolderError", self)
        self.parallel = QSpinBox(self)
        self.parallel.setObjectName("connectParallel")
        self.parallel.setRange(1, 16)
        self.parallel.setValue(settings.parallel_downloads)
        self.thumbnail_size = QSpinBox(self)
        self.thumbnail_size.setObjectName("connectThumbnailSize")
        self.thumbnail_size.setRange(64, 512)
        self.thumbnail_size.setSingleStep(24)
        self.thumbnail_size.setSuffix(_tr(" px"))
        self.thumbnail_size.setValue(settings.thumbnail_size)
        self.name_pattern = QLineEdit(settings.name_pattern, self)
        self.name_pattern.setObjectName("connectNamePattern")
        self.name_pattern.setPlaceholderText(DEFAULT_NAME_PATTERN)
        self.name_pattern.setToolTip(
            _tr(
                "{bib} the BIB (or selfie), {n} the photo's number, {event} the event, "
                "{image_id} and {server_name} the service's id and name"
            )
        )
        self.name_pattern_error = _error_label("connectNamePatternError", self)
        self.name_example = QLabel(self)
        self.name_example.setObjectName("connectNameExample")
        self.name_example.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.name_pattern.textChanged.connect(self._on_name_pattern_changed)
        self._on_name_pattern_changed(self.name_pattern.text())
        extra.addRow(_tr("Download &folder"), folder_row)
        extra.addRow("", self.folder_error)
        extra.addRow(_tr("File &names"), self.name_pattern)
        extra.addRow("", self.name_example)
        extra.addRow("", self.name_pattern_error)
        extra.addRow(_tr("&Parallel downloads"), self.parallel)
        extra.addRow(_tr("&Thumbnail size"), self.thumbnail_size)
        self._buddies(extra)
        outer.addSpacing(8)
        outer.addWidget(downloads)

        (self.demo_button if settings.backend == "demo" else self.service_button).setChecked(True)
        self._on_backend_toggled()
        self.service_button.toggled.connect(self._on_backend_toggled)
        for edit in (self.url, self.org, self.key):
            edit.textEdited.connect(self._on_service_edited)
        self._folder_dialog: QFileDialog | None = None

    # ------------------------------------------------------------------ values

    @property
    def is_demo(self) -> bool:
        return self.demo_button.isChecked()

    def set_events(self, events: tuple[EventListItem, ...], wanted: int | None) -> None:
        """Fill the picker from List Events with `wanted` chosen (else the first)."""
        self.event_picker.blockSignals(True)
        self.event_picker.clear()
        for item in events:
            name = item.event_name or fill(_tr("Event %1"), item.event_id)
            when = f" ({item.event_date})" if item.event_date else ""
            self.event_picker.addItem(f"{name}{when}", item.event_id)
        index = self.event_picker.findData(wanted) if wanted is not None else -1
        self.event_picker.setCurrentIndex(index if index >= 0 else (0 if events else -1))
        self.event_picker.blockSignals(False)

    def chosen_event(self) -> int | None:
        data = self.event_picker.currentData()
        return data if isinstance(data, int) else None

    def check(self) -> ConnectChoice | None:
        """The values, or None with a reason beside every refused field."""
        ok = True
        url = self.url.text().strip().rstrip("/") or DEFAULT_API_URL
        org: int | None = None
        key = self.key.text().strip()
        if not self.is_demo:
            ok &= self._show(self.url_error, _url_problem(url))
            org_text = self.org.text().strip()
            org_problem = None
            if not org_text:
                org_problem = _tr("Enter the organisation id (a number, e.g. 903).")
            elif not org_text.isdigit() or int(org_text) < 1:
                org_problem = _tr("The organisation id is a whole number, like 903.")
            else:
                org = int(org_text)
            ok &= self._show(self.org_error, org_problem)
            bad_key = _tr("An API key has no spaces, accents or control characters.")
            ok &= self._show(self.key_error, bad_key if key and not key_is_sendable(key) else None)
        folder = self.folder.text().strip()
        ok &= self._show(self.folder_error, _folder_problem(folder))
        pattern = self.name_pattern.text().strip() or DEFAULT_NAME_PATTERN
        ok &= self._show(self.name_pattern_error, _pattern_problem(pattern))
        if not ok:
            return None
        return ConnectChoice(
            demo=self.is_demo,
            api_url=url,
            org_id=org,
            event_id=self.chosen_event(),
            api_key=key,
            download_folder=str(Path(folder).expanduser()) if folder else None,
            parallel_downloads=self.parallel.value(),
            thumbnail_size=self.thumbnail_size.value(),
            name_pattern=pattern,
        )

    # ------------------------------------------------------------------ slots

    def _on_backend_toggled(self) -> None:
        self.service_box.setEnabled(not self.is_demo)
        for label in (self.url_error, self.org_error, self.key_error):
            label.setVisible(False)
        self.service_changed.emit()

    def _on_service_edited(self, _text: str) -> None:
        self.service_changed.emit()

    def _on_show_key_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.key.setEchoMode(mode)
        self.show_key.setText(_tr("Hide") if shown else _tr("Show"))
        self.show_key.setAccessibleName(
            _tr("Hide the API key") if shown else _tr("Show the API key")
        )

    def _on_name_pattern_changed(self, text: str) -> None:
        try:
            pattern = NamePattern.parse(text.strip() or DEFAULT_NAME_PATTERN)
        except ValueError:
            self.name_example.setText("")
            return
        example = pattern.render(
            event="Demo City Marathon 2026",
            bib="1488",
            n=7,
            image_id="a41385ab-61f0-4a4e-9d2b-0c3a9b1e7d10",
            server_name="a41385ab-61f0-4a4e-9d2b-0c3a9b1e7d10.jpg",
        )
        self.name_example.setText(fill(_tr("For example: %1"), example))

    def _choose_folder(self) -> None:
        dialog = QFileDialog(self, _tr("Choose the download folder"), self.folder.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder.setText)
        self._folder_dialog = dialog
        dialog.open()  # not exec(): the event loop keeps running

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _show(label: QLabel, problem: str | None) -> bool:
        label.setText(problem or "")
        label.setVisible(problem is not None)
        return problem is None

    @staticmethod
    def _buddies(form: QFormLayout) -> None:
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = label.widget() if label is not None else None
            target = field_item.widget() if field_item is not None else None
            inner = field_item.layout() if field_item is not None else None
            if target is None and inner is not None:
                first = inner.itemAt(0)
                target = first.widget() if first is not None else None
            if isinstance(widget, QLabel) and target is not None:
                widget.setBuddy(target)


def _url_problem(url: str) -> str | None:
    try:
        require_secure_url(url)
    except InsecureUrl:
        if url.lower().startswith("http://"):
            return _tr("Use an https:// address; keys never travel unencrypted.")
        return _tr("Enter the API address, like https://api.9pic.ai")
    return None


def _pattern_problem(pattern: str) -> str | None:
    try:
        NamePattern.parse(pattern)
    except ValueError:
        return _tr(
            "Use {bib}, {n}, {event}, {image_id} or {server_name}, with {n}, {image_id} "
            "or {server_name} in it, and no / or \\."
        )
    return None


def _folder_problem(folder: str) -> str | None:
    if not folder:
        return None  # the default folder
    path = Path(folder).expanduser()
    if not path.is_absolute():
        return _tr("Choose a full folder path, like /home/you/Pictures/Race photos.")
    if path.exists() and not path.is_dir():
        return _tr("This is a file, not a folder.")
    return None
