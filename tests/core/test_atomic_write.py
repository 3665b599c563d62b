"""Whole-file writes: the old file or the new one, never a half file or a stray temp file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.core.atomic import write_atomically
from app.core.downloads import DownloadSummary
from app.core.downloads.report import write_report
from app.terminal_words import TERMINAL_WORDS


def test_writes_bytes_and_text_over_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomically(target, b"\x00new")
    assert target.read_bytes() == b"\x00new"
    write_atomically(target, "é\r\n")
    assert target.read_bytes() == "é\r\n".encode()
    assert os.listdir(tmp_path) == ["out.json"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_sets_the_mode(tmp_path: Path) -> None:
    write_atomically(tmp_path / "shared", b"x")
    write_atomically(tmp_path / "private", b"x", mode=0o600)
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_failed_report_write_leaves_no_temp_file(tmp_path: Path) -> None:
    summary = DownloadSummary(folder=tmp_path, results=())
    taken = tmp_path / "report.json"
    taken.mkdir()  # a folder where the report should go: the final rename fails
    with pytest.raises(OSError):
        write_report(summary, taken, TERMINAL_WORDS)
    with pytest.raises(OSError):
        write_report(summary, tmp_path / "missing" / "report.csv", TERMINAL_WORDS)
    assert os.listdir(tmp_path) == ["report.json"]
    assert os.listdir(taken) == []
