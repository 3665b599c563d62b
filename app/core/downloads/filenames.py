"""Safe file names: whatever the server suggests, the file lands inside the chosen folder.

The suggested `filename` is only a hint (spec section 12): it may carry separators,
`..`, control characters, Windows device names or be absurdly long. `sanitise_filename`
turns any string into one plain name; `NameBook` hands out names that clash with
nothing on disk or in flight, so a different existing file is never overwritten.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

MAX_NAME_BYTES = 200
PART_SUFFIX = ".part"
DEFAULT_EXTENSION = ".jpg"
_JPEG_EXTENSIONS = frozenset({".jpg", ".jpeg"})
_FORBIDDEN_CHARS = re.compile(r'[<>:"|?*\\/]')
_DOT_RUNS = re.compile(r"\.{2,}")
_RESERVED_STEMS = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


def sanitise_filename(
    suggested: str, image_id: str | None = None, *, max_bytes: int = MAX_NAME_BYTES
) -> str:
    """One plain, portable `.jpg` file name; falls back to `{image_id}.jpg`."""
    name = _clean(suggested)
    stem, ext = _split_extension(name)
    if not stem:
        stem, ext = _clean(image_id or "") or "photo", ""
    if ext.lower() not in _JPEG_EXTENSIONS:
        if ext:
            stem = f"{stem}{ext}"
        ext = DEFAULT_EXTENSION
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
