"""Safe file names: whatever the server suggests, the file lands inside the chosen folder.

The suggested `filename` is only a hint (spec section 12): it may carry separators,
`..`, control characters, Windows device names or be absurdly long. `sanitise_filename`
turns any string into one plain name; `NameBook` hands out names that clash with
nothing on disk or in flight, so a different existing file is never overwritten.
`NamePattern` makes names people can read (`1488_0007.jpg`) from a pattern with
`{event}`, `{bib}`, `{n}`, `{image_id}` and `{server_name}`; every value is cleaned of
separators first and the result still goes through `sanitise_filename`.
"""

from __future__ import annotations

import os
import re
import string
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.core.downloads.kinds import MediaKind

MAX_NAME_BYTES = 200
PART_SUFFIX = ".part"
DEFAULT_EXTENSION = MediaKind.PHOTO.extension
_FORBIDDEN_CHARS = re.compile(r'[<>:"|?*\\/]')
_DOT_RUNS = re.compile(r"\.{2,}")
_RESERVED_STEMS = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


def sanitise_filename(
    suggested: str,
    image_id: str | None = None,
    *,
    max_bytes: int = MAX_NAME_BYTES,
    kind: MediaKind = MediaKind.PHOTO,
) -> str:
    """One plain, portable `.jpg` (for a clip `.mp4`) file name; falls back to
    `{image_id}.jpg`."""
    name = _clean(suggested)
    stem, ext = _split_extension(name)
    if not stem:
        stem, ext = _clean(image_id or "") or kind.value, ""
    if ext.lower() not in kind.extensions:
        if ext:
            stem = f"{stem}{ext}"
        ext = kind.extension
    if stem.split(".", 1)[0].rstrip(" ").upper() in _RESERVED_STEMS:
        stem = f"_{stem}"
    return _fit(stem, ext, max_bytes)


def _clean(text: str) -> str:
    """Last path component, NFC, no control/forbidden characters, no leading/trailing dots."""
    text = unicodedata.normalize("NFC", text)
    parts = [p for p in re.split(r"[/\\]", text) if p.strip(" .")]
    text = parts[-1] if parts else ""
    text = "".join("_" if _is_control(ch) else ch for ch in text)
    text = _FORBIDDEN_CHARS.sub("_", text)
    text = _DOT_RUNS.sub(".", text)
    return text.strip(" .")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _split_extension(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext or len(ext) > 10 or " " in ext:
        return name, ""
    return stem.rstrip(" ."), f".{ext}"


def _fit(stem: str, ext: str, max_bytes: int) -> str:
    """Cut the stem so `stem + ext` fits `max_bytes` of UTF-8, never inside a character."""
    room = max_bytes - len(ext.encode())
    cut = stem.encode()[:room].decode("utf-8", errors="ignore").rstrip(" .")
    return f"{cut or '_'}{ext}"


def with_suffix_number(name: str, number: int, *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """`photo.jpg` → `photo (2).jpg`, still within `max_bytes`."""
    stem, ext = _split_extension(name)
    tag = f" ({number})"
    room = max_bytes - len(ext.encode()) - len(tag.encode())
    cut = stem.encode()[:room].decode("utf-8", errors="ignore").rstrip(" .")
    return f"{cut or '_'}{tag}{ext}"


def is_plain_name(name: str) -> bool:
    """A single path component: no separators, no `.` / `..`, no NUL, not too long."""
    return (
        bool(name)
        and name not in (".", "..")
        and not any(c in name for c in "/\\\0")
        and (len(name.encode("utf-8", errors="replace")) <= 255)
    )


def inside_folder(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless it resolves to a direct child of `folder`."""
    if not is_plain_name(name):
        raise ValueError(f"not a plain file name: {name!r}")
    root = Path(os.path.realpath(folder))
    target = root / name
    # An existing symlink is never written through (names on disk count as taken), so
    # only a plain path must resolve inside the folder.
    if target.parent != root or not (
        target.is_symlink() or Path(os.path.realpath(target)).is_relative_to(root)
    ):
        raise ValueError(f"{name!r} escapes the download folder")
    return target


DEFAULT_NAME_PATTERN = "{bib}_{n:04}"
"""The search term, then a running number in the order the service lists the photos."""
SERVER_NAME_PATTERN = "{server_name}"
NAME_FIELDS = ("event", "bib", "n", "image_id", "server_name")
_DISTINCT_FIELDS = frozenset({"n", "image_id", "server_name"})
_NUMBER_SPEC = re.compile(r"0?[1-9]?d?")
MAX_PATTERN_CHARS = 120


@dataclass(frozen=True)
class NamePattern:
    """A checked file-name pattern; `NamePattern.parse` says why a pattern is refused."""

    text: str

    @classmethod
    def parse(cls, text: str) -> NamePattern:
        """Refuse what could not name a photo: unknown fields, `{bib.x}` or `{0}`, a
        separator (no sub-folders), or no field that tells one photo from the next."""
        text = text.strip()
        if not text:
            raise ValueError("the file-name pattern is empty")
        if len(text) > MAX_PATTERN_CHARS:
            raise ValueError(f"the file-name pattern is longer than {MAX_PATTERN_CHARS} characters")
        if any(sep in text for sep in "/\\") or any(_is_control(ch) for ch in text):
            raise ValueError("the file-name pattern cannot contain / or \\ or control characters")
        seen: set[str] = set()
        try:
            parts = list(string.Formatter().parse(text))
        except ValueError as exc:
            raise ValueError(f"the file-name pattern has unbalanced braces ({exc})") from None
        for _literal, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in NAME_FIELDS:
                allowed = ", ".join(f"{{{f}}}" for f in NAME_FIELDS)
                raise ValueError(
                    f"unknown field {{{name}}} in the file-name pattern; use {allowed}"
                )
            if conversion is not None:
                raise ValueError(f"{{{name}!{conversion}}}: conversions are not allowed")
            if spec and not (name == "n" and _NUMBER_SPEC.fullmatch(spec)):
                raise ValueError(f"{{{name}:{spec}}}: only {{n}} takes a width, like {{n:04}}")
            seen.add(name)
        if not seen & _DISTINCT_FIELDS:
            raise ValueError(
                "the file-name pattern needs {n}, {image_id} or {server_name} "
                "so that every photo gets its own name"
            )
        return cls(text)

    def render(
        self,
        *,
        event: str,
        bib: str,
        n: int,
        image_id: str,
        server_name: str,
        kind: MediaKind = MediaKind.PHOTO,
    ) -> str:
        """One safe `.jpg` (`.mp4`) name; hostile values cannot add folders or hide the
        extension."""
        server_stem = _split_extension(sanitise_filename(server_name, image_id, kind=kind))[0]
        values = {
            "event": _part(event),
            "bib": _part(bib),
            "n": n,
            "image_id": _part(image_id),
            "server_name": server_stem,
        }
        return sanitise_filename(self.text.format_map(values), image_id, kind=kind)


def event_folder_name(event_name: str, event_id: int | None = None) -> str:
    """A folder name for an event (`Demo City Marathon 2026`), safe on every disk."""
    cleaned = _part(event_name)
    stem = _fit(cleaned, "", MAX_NAME_BYTES) if cleaned else ""
    if not stem or stem == "_" or stem.split(".", 1)[0].upper() in _RESERVED_STEMS:
        return f"Event {event_id}" if event_id is not None else "Event"
    return stem


def _part(value: str) -> str:
    """A value inside a name: separators and control characters become `_`."""
    text = unicodedata.normalize("NFC", value)
    text = "".join("_" if _is_control(ch) or ch in "/\\" else ch for ch in text)
    return _FORBIDDEN_CHARS.sub("_", text).strip(" .")


class NameBook:
    """Hands out file names that clash with nothing on disk and nothing in flight.

    Comparisons ignore case, so names stay distinct on Windows and macOS disks too.
    `claim` touches the disk (one listing, then a stat per try): call it from a worker
    thread, never the GUI thread.
    """

    def __init__(
        self,
        folder: Path,
        *,
        owners: Mapping[str, str] | None = None,
        exists: Callable[[Path], bool] | None = None,
    ) -> None:
        """`owners` maps names already promised (e.g. by the journal) to their image key."""
        self.folder = folder
        self._owner = {n.casefold(): k for n, k in (owners or {}).items()}
        self._blocked: set[str] = set()
        self._exists = exists or os.path.lexists
        self._listing: set[str] | None = None
        self._lock = threading.Lock()

    def owner_of(self, name: str) -> str | None:
        with self._lock:
            return self._owner.get(name.casefold())

    def claim(self, preferred: str, owner: str, *, reuse_existing: bool = False) -> str:
        """A free name close to `preferred` for `owner` (an image key).

        With `reuse_existing`, an on-disk file under `preferred` is acceptable (the caller
        has checked it is the same photo or will resume it).
        """
        with self._lock:
            number = 1
            name = preferred
            while not self._free(name, owner, reuse_existing and number == 1):
                number += 1
                name = with_suffix_number(preferred, number)
            self._owner[name.casefold()] = owner
            return name

    def block(self, name: str) -> None:
        """A name now used by a file we must not touch (found on disk at rename time).

        Whoever held it lets go of it, so the next `claim` moves on to another name
        instead of handing the same blocked one back.
        """
        with self._lock:
            self._blocked.add(name.casefold())
            self._owner.pop(name.casefold(), None)

    def release(self, name: str, owner: str) -> None:
        with self._lock:
            if self._owner.get(name.casefold()) == owner:
                del self._owner[name.casefold()]

    def _free(self, name: str, owner: str, reuse_existing: bool) -> bool:
        key = name.casefold()
        if key in self._blocked:
            return False
        holder = self._owner.get(key)
        if holder is not None:
            return holder == owner
        if reuse_existing:
            return True
        if self._listing is None:
            self._listing = _casefolded_listing(self.folder)
        if key in self._listing or (key + PART_SUFFIX) in self._listing:
            return False
        target = self.folder / name
        return not self._exists(target) and not self._exists(target.with_name(name + PART_SUFFIX))


def _casefolded_listing(folder: Path) -> set[str]:
    """Names in the folder ignoring case, so `A.JPG` is taken when `a.jpg` exists."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name.casefold() for entry in entries}
    except OSError:
        return set()
