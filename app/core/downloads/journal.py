"""A small append-only journal in the download folder: what is done, started or failed.

One JSON object per line, flushed and fsynced after each append, so a killed process
leaves at worst one torn last line (ignored on load). Entries are keyed by event and
image key; the last line for a key wins. `done` is written only after the file is
under its final name, so the journal never claims a photo that is not on disk.

Every method touches the disk: call them from a worker thread, never the GUI thread.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

log = logging.getLogger(__name__)

JOURNAL_NAME = ".photo-retriever-journal.jsonl"
_COMPACT_MIN_LINES = 2000


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
        try:
            data: Any = json.loads(line)
            return cls(
                event=int(data["event"]),
                key=str(data["key"]),
                state=EntryState(data["state"]),
                file=str(data.get("file", "")),
                size=int(data["size"]) if data.get("size") is not None else None,
                sha256=str(data.get("sha256", "")),
                validator=str(data.get("validator", "")),
                reason=str(data.get("reason", "")),
                detail=str(data.get("detail", "")),
                image_id=str(data["image_id"]) if data.get("image_id") else None,
            )
        except (ValueError, KeyError, TypeError):
            return None


class Journal:
    """The journal of one folder, seen from one event."""

    def __init__(self, folder: Path, event_id: int) -> None:
        self.path = folder / JOURNAL_NAME
        self.event_id = event_id
        self._entries: dict[tuple[int, str], JournalEntry] = {}
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._broken: OSError | None = None

    @classmethod
    def load(cls, folder: Path, event_id: int) -> Journal:
        """Read the journal (if any); compact it when it has grown long."""
        journal = cls(folder, event_id)
        lines = 0
        try:
            with journal.path.open("rb") as handle:
                for raw in handle:
                    lines += 1
                    entry = JournalEntry.from_json(raw.decode("utf-8", errors="replace"))
                    if entry is not None:
                        journal._entries[(entry.event, entry.key)] = entry
        except FileNotFoundError:
            pass
        if lines >= _COMPACT_MIN_LINES and lines > 2 * len(journal._entries):
            journal._compact()
        return journal

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
        previous = self.get(key)
        if previous is not None and previous.state is EntryState.DONE:
            return  # a later failure to re-check never erases a finished photo
        self._append(
            JournalEntry(
                self.event_id,
                key,
                EntryState.FAILED,
                file=previous.file if previous else "",
                reason=reason,
                detail=detail,
                image_id=image_id,
            )
        )

    def dismiss(self, key: str) -> None:
        """Take a failed photo off the failed list for good (a later download still may)."""
        entry = self.get(key)
        if entry is not None and entry.state is EntryState.FAILED:
            self._append(
                JournalEntry(self.event_id, key, EntryState.DISMISSED, image_id=entry.image_id)
            )

    def forget(self, key: str) -> None:
        """Drop a stale entry (its file is gone); written as a failed-free restart."""
        with self._lock:
            self._entries.pop((self.event_id, key), None)

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                with contextlib.suppress(OSError):
                    self._file.close()
                self._file = None

    def _append(self, entry: JournalEntry, *, durable: bool = True) -> None:
        """Remember the entry; write it through unless the folder has become unwritable.

        A journal that cannot be written stays true (it only lacks the newest lines),
        so a write failure here is logged, not raised: the transfer itself reports it.
        """
        line = (entry.to_json() + "\n").encode("utf-8")
        with self._lock:
            self._entries[(entry.event, entry.key)] = entry
            try:
                if self._file is None:
                    self._file = self.path.open("ab")
                self._file.write(line)
                self._file.flush()
                if durable:
                    os.fsync(self._file.fileno())
                self._broken = None
            except OSError as exc:
                if self._broken is None:
                    log.warning("download journal not written: %s", exc.strerror or exc)
                self._broken = exc

    def _compact(self) -> None:
        """Rewrite the journal with one line per key, atomically."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            with tmp.open("wb") as handle:
                for entry in self._entries.values():
                    handle.write((entry.to_json() + "\n").encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("download journal not compacted: %s", exc.strerror or exc)
            with contextlib.suppress(OSError):
                tmp.unlink()
