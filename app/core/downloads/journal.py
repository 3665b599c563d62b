"""A small append-only journal in the download folder: what is done, started or failed.

One JSON object per line, flushed and fsynced after each append (a flood of failures
goes in one write and one fsync; appends of several threads at once share an fsync,
`group_sync.py`), so a killed process leaves at worst one torn last line. Entries are
keyed by event and image key; the last line for a key wins. `done` is written only
after the file is under its final name, so the journal never claims a photo that is
not on disk.

The file is shared with whoever edits the folder, so every line is checked on load and
a damaged one (a torn write, `1e999`, deep nesting, a `file` that is not a plain name)
is only skipped, with one warning. Compaction rewrites the file: only
`DownloadHistory` calls it, under the folder lock and with no batch open.

Every method touches the disk: call them from a worker thread, never the GUI thread.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from app.core.atomic import write_atomically
from app.core.downloads.filenames import is_plain_name
from app.core.downloads.group_sync import GroupSync

log = logging.getLogger(__name__)

JOURNAL_NAME = ".photo-retriever-journal.jsonl"
COMPACT_MIN_LINES = 2000
_MAX_LINE_BYTES = 64 * 1024
_MAX_TEXT = 2000


class EntryState(StrEnum):
    STARTED = "started"
    DONE = "done"
    FAILED = "failed"
    DISMISSED = "dismissed"
    """A failure the user chose to forget (e.g. an original that does not exist)."""


@dataclass(frozen=True)
class JournalEntry:
    """What the journal knows about one photo of one event."""

    event: int
    key: str
    state: EntryState
    file: str = ""
    size: int | None = None
    sha256: str = ""
    validator: str = ""
    """ETag or Last-Modified of the transfer being resumed (`If-Range`)."""
    reason: str = ""
    detail: str = ""
    image_id: str | None = None

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v not in ("", None)}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> JournalEntry | None:
        """The entry of one line, or None for anything that is not a sound entry."""
        try:
            data: Any = json.loads(line)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                event=_whole(data["event"]),
                key=_text(data["key"], required=True),
                state=EntryState(data["state"]),
                file=_file(data.get("file")),
                size=_size(data.get("size")),
                sha256=_text(data.get("sha256")),
                validator=_text(data.get("validator")),
                reason=_text(data.get("reason")),
                detail=_text(data.get("detail")),
                image_id=_text(data.get("image_id")) or None,
            )
        except (ValueError, KeyError, TypeError, OverflowError):
            return None


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a whole number")
    return value


def _size(value: object) -> int | None:
    if value is None:
        return None
    size = _whole(value)
    if size < 0:
        raise ValueError("negative size")
    return size


def _text(value: object, *, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or len(value) > _MAX_TEXT or (required and not value):
        raise TypeError("not a short string")
    return value


def _file(value: object) -> str:
    name = _text(value)
    if name and not is_plain_name(name):
        raise ValueError("not a plain file name")
    return name


class Journal:
    """The journal of one folder, seen from one event."""

    def __init__(self, folder: Path, event_id: int) -> None:
        self.path = folder / JOURNAL_NAME
        self.event_id = event_id
        self._entries: dict[tuple[int, str], JournalEntry] = {}
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._broken: OSError | None = None
        self.lines = 0
        """Lines in the file (read or written): compaction pays off past 2 per entry."""
        self.syncs = 0
        """fsync calls made so far (a flood of failures must not cost one each)."""
        self._group = GroupSync(self._fsync)

    @classmethod
    def load(cls, folder: Path, event_id: int) -> Journal:
        """Read the journal (if any), skipping damaged lines with one warning."""
        journal = cls(folder, event_id)
        journal.reload()
        return journal

    def reload(self) -> None:
        """Read the file again (another process may have written to it)."""
        entries: dict[tuple[int, str], JournalEntry] = {}
        lines = damaged = 0
        try:
            with self.path.open("rb") as handle:
                for raw in handle:
                    lines += 1
                    entry = None
                    if len(raw) <= _MAX_LINE_BYTES:
                        entry = JournalEntry.from_json(raw.decode("utf-8", errors="replace"))
                    if entry is None:
                        damaged += raw.strip() != b""
                        continue
                    entries[(entry.event, entry.key)] = entry
        except FileNotFoundError:
            pass
        if damaged:
            log.warning("download journal: %d damaged line(s) ignored in %s", damaged, self.path)
        with self._lock:
            self._entries = entries
            self.lines = lines

    @property
    def wants_compaction(self) -> bool:
        return self.lines >= COMPACT_MIN_LINES and self.lines > 2 * len(self._entries)

    # ------------------------------------------------------------------ reading

    def get(self, key: str) -> JournalEntry | None:
        with self._lock:
            return self._entries.get((self.event_id, key))

    def entries(self) -> list[JournalEntry]:
        """This event's entries, in no particular order."""
        with self._lock:
            return [e for (ev, _), e in self._entries.items() if ev == self.event_id]

    def failed(self) -> list[JournalEntry]:
        return [e for e in self.entries() if e.state is EntryState.FAILED]

    def names_held_by_others(self, key: str | None = None) -> set[str]:
        """File names the journal ties to other photos (any event): never hand them out."""
        with self._lock:
            return {
                e.file
                for (ev, k), e in self._entries.items()
                if e.file and not (ev == self.event_id and k == key)
            }

    # ------------------------------------------------------------------ writing

    def started(
        self, key: str, file: str, size: int | None, validator: str, image_id: str | None
    ) -> None:
        """Not fsynced: a kill keeps it (it is in the OS already); only a power cut can
        lose it, and then the part is merely fetched again under another name."""
        self._append(
            JournalEntry(
                self.event_id,
                key,
                EntryState.STARTED,
                file=file,
                size=size,
                validator=validator,
                image_id=image_id,
            ),
            durable=False,
        )

    def done(self, key: str, file: str, size: int, sha256: str, image_id: str | None) -> None:
        self._append(
            JournalEntry(
                self.event_id,
                key,
                EntryState.DONE,
                file=file,
                size=size,
                sha256=sha256,
                image_id=image_id,
            )
        )

    def failed_item(self, key: str, reason: str, detail: str, image_id: str | None) -> None:
        self.failed_items([(key, reason, detail, image_id)])

    def failed_items(self, failures: list[tuple[str, str, str, str | None]]) -> None:
        """(key, reason, detail, image id) of each failed photo, in one write and one fsync.

        A later failure to re-check never erases a finished photo.
        """
        entries = []
        for key, reason, detail, image_id in failures:
            previous = self.get(key)
            if previous is not None and previous.state is EntryState.DONE:
                continue
            entries.append(
                JournalEntry(
                    self.event_id,
                    key,
                    EntryState.FAILED,
                    file=previous.file if previous else "",
                    reason=reason,
                    detail=detail[:_MAX_TEXT],
                    image_id=image_id,
                )
            )
        if entries:
            self._append(*entries)

    def dismiss(self, keys: Iterable[str]) -> None:
        """Take failed photos off the failed list for good (a later download still may),
        in one write and one fsync."""
        entries = [
            JournalEntry(self.event_id, key, EntryState.DISMISSED, image_id=entry.image_id)
            for key in keys
            if (entry := self.get(key)) is not None and entry.state is EntryState.FAILED
        ]
        if entries:
            self._append(*entries)

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                with contextlib.suppress(OSError):
                    self._file.close()
                self._file = None

    def _append(self, *entries: JournalEntry, durable: bool = True) -> None:
        """Remember the entries; write them through unless the folder has become unwritable.

        A journal that cannot be written stays true (it only lacks the newest lines),
        so a write failure here is logged, not raised: the transfer itself reports it.
        """
        data = b"".join((e.to_json() + "\n").encode("utf-8") for e in entries)
        with self._lock:
            for entry in entries:
                self._entries[(entry.event, entry.key)] = entry
            try:
                if self._file is None:
                    self._file = self.path.open("ab")
                self._file.write(data)
                self._file.flush()
                self.lines += len(entries)
                self._broken = None
            except OSError as exc:
                self._note_broken(exc)
                return
        if durable:
            self._group.sync()  # after the write: the fsync that covers it starts later

    def _fsync(self) -> None:
        """Outside the lock (on a duplicate of the descriptor), so a reader such as the
        event loop's `get` never waits for the disk."""
        with self._lock:
            if self._file is None:
                return
            try:
                fd = os.dup(self._file.fileno())
            except OSError as exc:
                self._note_broken(exc)
                return
        try:
            os.fsync(fd)
        except OSError as exc:
            with self._lock:
                self._note_broken(exc)
        else:
            with self._lock:
                self.syncs += 1
        finally:
            os.close(fd)

    def _note_broken(self, exc: OSError) -> None:
        if self._broken is None:
            log.warning("download journal not written: %s", exc.strerror or exc)
        self._broken = exc

    def compact(self) -> None:
        """Rewrite the journal with one line per key, atomically.

        Only with nobody appending: a batch's open handle would go on writing into
        the replaced file and its lines would be lost. `DownloadHistory` sees to it.
        """
        self.close()
        with self._lock:
            entries = list(self._entries.values())
        try:
            write_atomically(self.path, "".join(entry.to_json() + "\n" for entry in entries))
            self.lines = len(entries)
        except OSError as exc:
            log.warning("download journal not compacted: %s", exc.strerror or exc)
