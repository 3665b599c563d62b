"""The journal and the part file: what survives a kill, and what never overwrites."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.core.downloads.history import DownloadHistory
from app.core.downloads.journal import JOURNAL_NAME, EntryState, Journal
from app.core.downloads.writer import FinalNameTaken, PartFile, file_digest, place_without_replacing
from tests.jpeg_bytes import framed_jpeg

JPEG = framed_jpeg(10_246, seed=bytes(range(256)))


def test_last_line_wins_and_torn_lines_are_ignored(tmp_path: Path) -> None:
    journal = Journal.load(tmp_path, 456)
    journal.started("img-1", "img-1.jpg", 100, '"etag"', "img-1")
    journal.done("img-1", "img-1.jpg", 100, "ab" * 32, "img-1")
    journal.failed_item("img-2", "server_busy", "", "img-2")
    journal.close()
    with (tmp_path / JOURNAL_NAME).open("ab") as handle:
        handle.write(b'{"event":456,"key":"img-3","sta')  # killed mid-line

    again = Journal.load(tmp_path, 456)
    one = again.get("img-1")
    assert one is not None and one.state is EntryState.DONE and one.size == 100
    two = again.get("img-2")
    assert two is not None and two.state is EntryState.FAILED and two.reason == "server_busy"
    assert again.get("img-3") is None
    assert [e.key for e in again.failed()] == ["img-2"]


def test_a_failure_never_erases_a_finished_photo(tmp_path: Path) -> None:
    journal = Journal.load(tmp_path, 456)
    journal.done("img-1", "img-1.jpg", 100, "ab" * 32, "img-1")
    journal.failed_item("img-1", "server_error", "", "img-1")
    entry = journal.get("img-1")
    assert entry is not None and entry.state is EntryState.DONE


def test_events_share_a_folder_without_sharing_names(tmp_path: Path) -> None:
    first = Journal.load(tmp_path, 456)
    first.done("img-1", "same.jpg", 100, "ab" * 32, "img-1")
    first.close()
    second = Journal.load(tmp_path, 789)
    assert second.get("img-1") is None
    assert "same.jpg" in second.names_held_by_others()


def test_long_journals_are_compacted(tmp_path: Path) -> None:
    journal = Journal.load(tmp_path, 1)
    for round_ in range(1200):
        journal.started("a", "a.jpg", round_, "", "a")
        journal.started("b", "b.jpg", round_, "", "b")
    journal.close()
    assert len(Journal.load(tmp_path, 1).entries()) == 2  # reading alone never rewrites
    assert len((tmp_path / JOURNAL_NAME).read_text().splitlines()) == 2400
    history = DownloadHistory(tmp_path, 1)
    compacted = history.open_batch()
    history.close_batch()
    assert len((tmp_path / JOURNAL_NAME).read_text().splitlines()) == 2
    entry = compacted.get("a")
    assert entry is not None and entry.size == 1199


def test_an_unwritable_journal_does_not_raise(tmp_path: Path) -> None:
    journal = Journal.load(tmp_path / "missing-folder", 1)
    journal.done("a", "a.jpg", 1, "00", "a")  # logged, kept in memory, never raised
    assert journal.get("a") is not None


def test_placing_never_replaces_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "x.part").write_bytes(b"new")
    (tmp_path / "x.jpg").write_bytes(b"old")
    with pytest.raises(FinalNameTaken):
        place_without_replacing(tmp_path / "x.part", tmp_path / "x.jpg")
    assert (tmp_path / "x.jpg").read_bytes() == b"old"
    place_without_replacing(tmp_path / "x.part", tmp_path / "y.jpg")
    assert (tmp_path / "y.jpg").read_bytes() == b"new"
    assert not (tmp_path / "x.part").exists()


def test_part_file_resumes_hashes_and_refuses_non_jpeg(tmp_path: Path) -> None:
    part = PartFile.open(tmp_path, "p.jpg", resume=False)
    part.write(JPEG[:1000])
    part.write(memoryview(JPEG)[1000:3000])
    part.close()
    resumed = PartFile.open(tmp_path, "p.jpg", resume=True)
    assert resumed.size == 3000
    resumed.write(JPEG[3000:])
    sha = resumed.finish()
    resumed.place("p.jpg")
    assert sha == hashlib.sha256(JPEG).hexdigest()
    assert file_digest(tmp_path / "p.jpg") == (len(JPEG), sha, True)

    broken = PartFile.open(tmp_path, "q.jpg", resume=False)
    broken.write(b"<Error>AccessDenied</Error>")
    with pytest.raises(ValueError, match="not a JPEG"):
        broken.finish()
    broken.restart()
    broken.write(JPEG[:-2])
    with pytest.raises(ValueError, match="before its end of image"):
        broken.finish()
    broken.close(delete=True)
    assert names_in(tmp_path) == ["p.jpg"]


def test_part_files_never_follow_a_planted_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "x.jpg.part").symlink_to(victim)
    with pytest.raises(OSError):
        PartFile.open(tmp_path, "x.jpg", resume=False)
    assert victim.read_text() == "keep me"


def names_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


DAMAGED = [
    '{"event":1,"key":"big","state":"done","file":"big.jpg","size":1e999}',
    "[" * 100_000 + "]" * 100_000,
    '{"event":1,"key":"esc","state":"done","file":"../escape.jpg","size":3}',
    '{"event":1,"key":"dots","state":"failed","file":".."}',
    '{"event":true,"key":"bool","state":"done"}',
    '{"event":1,"key":"neg","state":"done","file":"n.jpg","size":-4}',
    '{"event":1,"key":"huge","state":"failed","detail":"' + "x" * 100_000 + '"}',
    "\udcff not even json",
]


def test_damaged_lines_are_skipped_one_by_one_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = '{"event":1,"key":"ok","state":"failed","reason":"not_found","image_id":"ok"}'
    lines = [DAMAGED[0], good, *DAMAGED[1:]]
    (tmp_path / JOURNAL_NAME).write_text("\n".join(lines) + "\n", errors="surrogateescape")
    with caplog.at_level("WARNING"):
        journal = Journal.load(tmp_path, 1)
    assert [e.key for e in journal.entries()] == ["ok"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and f"{len(DAMAGED)} damaged line(s)" in warnings[0]
    assert [r.key for r in DownloadHistory(tmp_path, 1).failed_items()] == ["ok"]
