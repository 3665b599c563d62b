"""The receipt of a batch: one row per photo (id, file, bytes, SHA-256, status, reason).

`report_data` is what `download --json` prints; `write_csv` / `write_json` export the
same rows for kiosk support. The writers touch the disk: call them off the GUI thread.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from app.core.atomic import write_atomically
from app.core.downloads.events import DownloadSummary, ItemResult, ItemStatus

COLUMNS = ("image_id", "file", "server_name", "bytes", "sha256", "status", "reason", "message")


def report_row(result: ItemResult) -> dict[str, Any]:
    return {
        "image_id": result.image_id or "",
        "file": result.file,
        "server_name": result.server_name,
        "bytes": result.size,
        "sha256": result.sha256,
        "status": result.status.value,
        "reason": result.reason.value if result.reason else "",
        "message": result.message,
    }


def report_data(summary: DownloadSummary) -> dict[str, Any]:
    """One JSON-ready object: counts, the three lists, and why the batch stopped (if it did)."""
    rows = [report_row(r) for r in summary.results]
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
            {"reason": problem.reason.value, "message": problem.message} if problem else None
        ),
        "bytes_received": summary.bytes_received,
        "elapsed_s": round(summary.elapsed_s, 3),
    }


def report_csv(summary: DownloadSummary) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in summary.results:
        row = report_row(result)
        row["bytes"] = "" if row["bytes"] is None else row["bytes"]
        writer.writerow(row)
    return buffer.getvalue()


def report_json(summary: DownloadSummary) -> str:
    return json.dumps(report_data(summary), ensure_ascii=False, indent=2) + "\n"


def write_csv(summary: DownloadSummary, path: Path) -> None:
    write_atomically(path, report_csv(summary))


def write_json(summary: DownloadSummary, path: Path) -> None:
    write_atomically(path, report_json(summary))


def write_report(summary: DownloadSummary, path: Path) -> None:
    """CSV for a `.csv` path, JSON otherwise."""
    if path.suffix.lower() == ".csv":
        write_csv(summary, path)
    else:
        write_json(summary, path)
