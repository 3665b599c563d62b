"""The window's headings and hints: what a search, an empty result or the start says."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.core.models import EventDetails, EventListItem
from app.ui.search import SearchMode, SearchSpec


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def search_name(spec: SearchSpec | None) -> str:
    """`BIB 1042`, `your selfie (me.jpg)`: what the results are of."""
    if spec is None:
        return _tr("your selfie")
    if spec.mode is SearchMode.BIB:
        return _tr("BIB %1").replace("%1", spec.identifier)
    if spec.selfie_name:
        return _tr("your selfie (%1)").replace("%1", spec.selfie_name)
    return _tr("selfie search %1…").replace("%1", spec.identifier[:8])


def empty_result(
    spec: SearchSpec, *, selfie_on: bool, sample_bibs: tuple[str, ...]
) -> tuple[str, str]:
    """Title and hint for a search that found nothing."""
    if spec.mode is SearchMode.BIB:
        title = _tr("No photos for BIB %1").replace("%1", spec.identifier)
        detail = (
            _tr("Check the number or try a selfie.")
            if selfie_on
            else _tr("Check the number and search again.")
        )
        if sample_bibs:
            detail += " " + _tr("The demo event has BIBs like %1.").replace(
                "%1", ", ".join(sample_bibs)
            )
        return title, detail
    return (
        _tr("No photos matched this selfie"),
        _tr("Try another photo with your face clearly visible, or search by BIB number."),
    )


def start_hint(event: EventDetails | None) -> tuple[str, str]:
    """What the empty grid says before the first search."""
    if event is None:
        return _tr("Opening the event…"), ""
    if not event.bib_search and not event.selfie_search:
        return _tr("This event offers no photo search"), _tr("Pick another event.")
    how = []
    if event.bib_search:
        how.append(_tr("type your BIB number and press Enter"))
    if event.selfie_search:
        how.append(_tr("search with a selfie (or drop one here)"))
    detail = _tr(" or ").join(how)
    return (
        _tr("Find your race photos"),
        detail[:1].upper()
        + detail[1:]
        + ". "
        + _tr("Then Down arrow moves to the photos, Space selects, Enter previews."),
    )


def window_title(event: EventDetails | None, *, is_demo: bool, title: str | None = None) -> str:
    """`Race Photo Retriever — Event`; an organiser's profile title takes the app name's place."""
    title = title or _tr("Race Photo Retriever")
    if event is not None:
        title += " — " + (event.event_name or _tr("Event %1").replace("%1", str(event.event_id)))
    if is_demo:
        title += " " + _tr("(demo)")
    return title


def event_label(event: EventListItem) -> str:
    """`Demo City Marathon 2026 · 12 Apr 2026` for the event picker."""
    name = event.event_name or _tr("Event %1").replace("%1", str(event.event_id))
    if event.event_date:
        try:
            when = datetime.fromisoformat(event.event_date)
        except ValueError:
            return name
        return f"{name} · {when.day} {when:%b %Y}"
    return name
