"""The download side's sentences: what a batch fetches, and how it ended.

Kept apart from `DownloadController` so the controller stays state and plumbing; the
words follow the rules in `app.ui.messages` (`%n` for counts, `fill` for the rest).
"""

from __future__ import annotations

from app.core.downloads import DownloadSummary, ItemStatus
from app.ui.messages import problem_text
from app.ui.search import SearchSpec
from app.ui.text import Context, fill
from app.ui.wording import clock_pair

DownloadWords = Context("DownloadWords")


def selected_what(count: int) -> str:
    """`3 selected photos`: what "Download selected" fetches."""
    return DownloadWords.tr("%n selected photo(s)", "", count)


def bib_what(bib: str) -> str:
    return fill(DownloadWords.tr("every photo of BIB %1"), bib)


def selfie_what() -> str:
    return DownloadWords.tr("every photo of your selfie search")


def listed_what(spec: SearchSpec, count: int) -> str:
    """`the 12 photos from 10:37 to 10:47`, `all 460 photos of the event`."""
    if spec.window is not None:
        text = DownloadWords.tr("the %n photo(s) from %1 to %2", "", count)
        return fill(text, *clock_pair(spec.window))
    return DownloadWords.tr("all %n photo(s) of the event", "", count)


def clips_what(count: int) -> str:
    return DownloadWords.tr("%n video clip(s) of your selfie search", "", count)


def retry_what(count: int) -> str:
    return DownloadWords.tr("%n failed photo(s) again", "", count)


def summary_text(summary: DownloadSummary) -> str:
    """ "Done: 38 downloaded, 1 already there, 1 failed" and its cancelled / stopped kin."""
    downloaded = len(summary.downloaded)
    there = len(summary.already_there)
    failed = sum(1 for r in summary.results if r.status is ItemStatus.FAILED)
    cancelled = sum(1 for r in summary.results if r.status is ItemStatus.CANCELLED)
    parts = []
    if downloaded or not (there or failed or cancelled):
        parts.append(DownloadWords.tr("%n downloaded", "", downloaded))
    if there:
        parts.append(DownloadWords.tr("%n already there", "", there))
    if failed:
        parts.append(DownloadWords.tr("%n failed", "", failed))
    if cancelled:
        parts.append(DownloadWords.tr("%n not fetched", "", cancelled))
    counts = DownloadWords.tr(", ").join(parts)
    if summary.problem is not None:
        text = DownloadWords.tr("Stopped: %1 (%2)")
        return fill(text, problem_text(summary.problem), counts)
    if summary.cancelled:
        return fill(DownloadWords.tr("Cancelled: %1"), counts)
    if not summary.results:
        return DownloadWords.tr("Done: no photos to download")
    if not downloaded and not there:
        return fill(DownloadWords.tr("Nothing downloaded: %1"), counts)
    return fill(DownloadWords.tr("Done: %1"), counts)
