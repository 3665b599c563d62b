"""The window's headings and hints: what a search, an empty result or the start says."""

from __future__ import annotations

from datetime import datetime

from app.core.timeline import TimeWindow, local_time, window_label
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
    if spec.window is not None:
        return fill(Headings.tr("photos from %1 to %2"), *clock_pair(spec.window))
    if spec.mode is SearchMode.ALL:
        return Headings.tr("all photos of the event")
    if spec.selfie_name:
        return fill(Headings.tr("your selfie (%1)"), spec.selfie_name)
    return fill(Headings.tr("selfie search %1…"), spec.identifier[:8])


def search_heading(spec: SearchSpec | None) -> str:
    """`search_name` as a heading of its own: "Photos from 10:37 to 10:47"."""
    name = search_name(spec)
    return name[:1].upper() + name[1:]


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
    if spec.window is not None:
        return (
            fill(Headings.tr("No photos between %1 and %2"), *clock_pair(spec.window)),
            Headings.tr("Widen the window, or pick another hour."),
        )
    if spec.mode is SearchMode.ALL:
        return Headings.tr("This event has no photos yet"), Headings.tr("Pick another event.")
    return (
        Headings.tr("No photos matched this selfie"),
        Headings.tr(
            "Try another photo with your face clearly visible, or search by BIB number.",
        ),
    )


def start_hint(event: EventDetails | None, mode: SearchMode | None = None) -> tuple[str, str]:
    """What the empty grid says before the first search (in the mode picked): one big
    line, then the rest."""
    if event is None:
        return Headings.tr("Opening the event…"), ""
    if mode is SearchMode.TIME and event.timeline_search:
        return Headings.tr("Find your photos by time"), Headings.tr(
            "Pick the hour you passed, type the minute, then press Enter or Show my photos."
        )
    if mode is SearchMode.ALL and event.event_enabled:
        return Headings.tr("Look through every photo"), Headings.tr(
            "Press Show every photo to start at the first one."
        )
    if not event.bib_search and not event.selfie_search:
        if event.timeline_search:
            return Headings.tr("Browse the event's photos"), Headings.tr(
                "This event offers no BIB or selfie search: pick Time of day or All photos."
            )
        if event.event_enabled:
            return Headings.tr("Browse the event's photos"), Headings.tr(
                "This event offers no BIB or selfie search: pick All photos."
            )
        return Headings.tr("This event offers no photo search"), Headings.tr("Pick another event.")
    keys = Headings.tr("Then Down arrow moves to the photos, Space selects, Enter previews.")
    if not event.bib_search:
        return (
            Headings.tr("Search with a selfie to find your photos"),
            Headings.tr("Choose a photo of your face, or drop one here.") + " " + keys,
        )
    detail = keys
    if event.selfie_search:
        detail = Headings.tr("Or search with a selfie: drop a photo of your face here.")
        detail += " " + keys
    return Headings.tr("Type your BIB number to find your photos"), detail


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


def clock(moment: int) -> str:
    """`10:42`: a Unix time on this computer's clock (the service names no time zone)."""
    return f"{local_time(moment):%H:%M}"


def clock_pair(window: TimeWindow) -> tuple[str, str]:
    return clock(window.start), clock(window.end)


def file_label(spec: SearchSpec) -> str:
    """The search term in saved file names (`{bib}`): never translated."""
    if spec.mode is SearchMode.BIB:
        return spec.identifier
    if spec.window is not None:
        return window_label(spec.window)
    return "all" if spec.mode is SearchMode.ALL else "selfie"


def switched_off_text(mode: SearchMode) -> str:
    """One line: why a mode the event has switched off is not offered."""
    if mode is SearchMode.BIB:
        return Headings.tr(
            "This event does not offer search by BIB number. Search with a selfie instead."
        )
    if mode is SearchMode.TIME:
        return Headings.tr(
            "This event has no photo timeline, so it cannot be searched by time of day."
        )
    if mode is SearchMode.ALL:
        return Headings.tr(
            "This event is not switched on for outside use, so its whole gallery is not shown."
        )
    return Headings.tr("This event does not offer search by selfie. Search by BIB number instead.")
