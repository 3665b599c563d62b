"""The window's headings and hints: what a search, an empty result or the start says."""

from __future__ import annotations

from datetime import datetime

from app.ui.search import SearchMode, SearchSpec
from app.ui.text import Context, fill

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client and wire models load where used, not with the window
    from app.core.models import EventDetails, EventListItem

Headings = Context("Headings")


def search_name(spec: SearchSpec | None) -> str:
    """`BIB 1042`, `your selfie (me.jpg)`: what the results are of."""
    if spec is None:
        return Headings.tr("your selfie")
    if spec.mode is SearchMode.BIB:
        return fill(Headings.tr("BIB %1"), spec.identifier)
    if spec.selfie_name:
        return fill(Headings.tr("your selfie (%1)"), spec.selfie_name)
    return fill(Headings.tr("selfie search %1…"), spec.identifier[:8])


def empty_result(
    spec: SearchSpec, *, selfie_on: bool, sample_bibs: tuple[str, ...]
) -> tuple[str, str]:
    """Title and hint for a search that found nothing."""
    if spec.mode is SearchMode.BIB:
        title = fill(Headings.tr("No photos for BIB %1"), spec.identifier)
        detail = (
            Headings.tr("Check the number or try a selfie.")
            if selfie_on
            else Headings.tr("Check the number and search again.")
        )
        if sample_bibs:
            like = fill(Headings.tr("The demo event has BIBs like %1."), ", ".join(sample_bibs))
            detail += " " + like
        return title, detail
    return (
        Headings.tr("No photos matched this selfie"),
        Headings.tr(
            "Try another photo with your face clearly visible, or search by BIB number.",
        ),
    )


def start_hint(event: EventDetails | None) -> tuple[str, str]:
    """What the empty grid says before the first search."""
    if event is None:
        return Headings.tr("Opening the event…"), ""
    if not event.bib_search and not event.selfie_search:
        return Headings.tr("This event offers no photo search"), Headings.tr("Pick another event.")
    how = []
    if event.bib_search:
        how.append(Headings.tr("type your BIB number and press Enter"))
    if event.selfie_search:
        how.append(Headings.tr("search with a selfie (or drop one here)"))
    detail = Headings.tr(" or ").join(how)
    return (
        Headings.tr("Find your race photos"),
        detail[:1].upper()
        + detail[1:]
        + ". "
        + Headings.tr("Then Down arrow moves to the photos, Space selects, Enter previews."),
    )


def window_title(event: EventDetails | None, *, is_demo: bool, title: str | None = None) -> str:
    """`Race Photo Retriever — Event`; an organiser's profile title takes the app name's place."""
    title = title or Headings.tr("Race Photo Retriever")
    if event is not None:
        title += " — " + (event.event_name or fill(Headings.tr("Event %1"), event.event_id))
    if is_demo:
        title += " " + Headings.tr("(demo)")
    return title


def event_label(event: EventListItem) -> str:
    """`Demo City Marathon 2026 · 12 Apr 2026` for the event picker."""
    name = event.event_name or fill(Headings.tr("Event %1"), event.event_id)
    if event.event_date:
        try:
            when = datetime.fromisoformat(event.event_date)
        except ValueError:
            return name
        return f"{name} · {when.day} {when:%b %Y}"
    return name
