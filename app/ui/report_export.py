"""The download report from the window: written off the GUI thread, said in one line."""

from __future__ import annotations

import asyncio
from pathlib import Path

from app.core.downloads import DownloadSummary
from app.core.downloads.report import write_report
from app.ui.messages import WINDOW_WORDS, Level, UserMessage
from app.ui.text import Context, fill

ReportExport = Context("ReportExport")


async def save_report(summary: DownloadSummary, path: Path) -> UserMessage:
    """CSV for a .csv path, JSON otherwise; the message says where, or why not."""
    try:
        await asyncio.to_thread(write_report, summary, path, WINDOW_WORDS)
    except OSError as exc:
        text = fill(ReportExport.tr("The report could not be saved: %1"), exc.strerror or exc)
        return UserMessage(text, Level.ERROR)
    return UserMessage(fill(ReportExport.tr("Report saved as %1."), path.name), Level.INFO)
