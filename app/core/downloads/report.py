"""The receipt of a batch: one row per photo (id, file, bytes, SHA-256, status, reason).

`report_data` is what `download --json` prints; `write_csv` / `write_json` export the
same rows for kiosk support. The writers touch the disk: call them off the GUI thread.

Core has no words, so each report row keeps the stable `reason` code (for machines) and
a `message` in the words of the front end that asks for the report: the caller passes
its `ReportWording`. The window's export then says what its Failed list said, in the
user's language, and `download --json` says what the terminal printed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.atomic import write_atomically
from app.core.downloads.events import BatchProblem, DownloadSummary, ItemResult, ItemStatus

COLUMNS = ("image_id", "file", "server_name", "bytes", "sha256", "status", "reason", "message")


@dataclass(frozen=True)
class ReportWording:
    """A front end's words for a failed photo and for why a batch stopped."""

    item: Callable[[ItemResult], str]
    problem: Callable[[BatchProblem], str]


def report_row(result: ItemResult, words: ReportWording) -> dict[str, Any]:
    return {
        "image_id": result.image_id or "",
        "file": result.file,
        "server_name": result.server_name,
        "bytes": result.size,
        "sha256": result.sha256,
        "status": result.status.value,
        "reason": result.reason.value if result.reason else "",
        "message": words.item(result),
    }


def report_data(summary: DownloadSummary, words: ReportWording) -> dict[str, Any]:
    """One JSON-ready object: counts, the three lists, and why the batch stopped (if it did)."""
    rows = [report_row(r, words) for r in summary.results]
    problem = summary.problem
    return {
        "folder": str(summary.folder),
        "complete": summary.complete,
        "cancelled": summary.cancelled,
        "counts": {
            "downloaded": len(summary.downloaded),
            "skipped": len(summary.already_there),
            "failed": len(summary.failed),
        },
        "downloaded": [r for r in rows if r["status"] == ItemStatus.DOWNLOADED.value],
        "skipped": [r for r in rows if r["status"] == ItemStatus.ALREADY_THERE.value],
        "failed": [
            r for r in rows if r["status"] in (ItemStatus.FAILED.value, ItemStatus.CANCELLED.value)
        ],
        "problem": (
            {"reason": problem.reason.value, "message": words.problem(problem)} if problem else None
        ),
        "bytes_received": summary.bytes_received,
        "elapsed_s": round(summary.elapsed_s, 3),
    }


def report_csv(summary: DownloadSummary, words: ReportWording) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in summary.results:
        row = report_row(result, words)
        row["bytes"] = "" if row["bytes"] is None else row["bytes"]
        writer.writerow(row)
    return buffer.getvalue()


def report_json(summary: DownloadSummary, words: ReportWording) -> str:
    return json.dumps(report_data(summary, words), ensure_ascii=False, indent=2) + "\n"


def write_csv(summary: DownloadSummary, path: Path, words: ReportWording) -> None:
    write_atomically(path, report_csv(summary, words))


def write_json(summary: DownloadSummary, path: Path, words: ReportWording) -> None:
    write_atomically(path, report_json(summary, words))


def write_report(summary: DownloadSummary, path: Path, words: ReportWording) -> None:
    """CSV for a `.csv` path, JSON otherwise."""
    if path.suffix.lower() == ".csv":
        write_csv(summary, path, words)
    else:
        write_json(summary, path, words)
