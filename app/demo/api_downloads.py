"""The original-photos route: presigned storage links for a BIB, a selfie search or image ids."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from app.demo import decisions as d
from app.demo.api_checks import JSON, ApiError, authorise, ok, require
from app.demo.paging import paginate
from app.demo.signing import object_key
from app.demo.state import DemoState
from app.demo.validation import canonical_uuid, download_request, page_params
from app.demo.world import Event, Photo


def _download_items(
    state: DemoState, event: Event, method: str, identifier: str | list[str]
) -> list[tuple[str, Photo | None]]:
    """The (image_id, photo-or-None) list a download request names, before paging."""
    catalog = state.catalog
    if method == "bib":
        assert isinstance(identifier, str)
        return [(p.image_id, p) for p in catalog.photos_for_bib(event.event_id, identifier)]
    if method == "selfie":
        assert isinstance(identifier, str)
        request_id = canonical_uuid(identifier)
        search = state.searches.face(request_id) if request_id else None
        if search is None or search.event_id != event.event_id:
            raise ApiError(
                d.DOWNLOAD_UNKNOWN_SELFIE_STATUS,
                f"No selfie search found for request_id {identifier}",
            )
        return [(i, catalog.photo(i)) for i in search.image_ids]

    def lookup(image_id: str) -> Photo | None:
        photo = catalog.photo(image_id)
        return photo if photo is not None and photo.event_id == event.event_id else None

    if method == "image_id":
        assert isinstance(identifier, str)
        photo = lookup(identifier)
        if photo is None:
            raise ApiError(400, f"Image {identifier} not found for this event")
        return [(identifier, photo)]
    ids = list(identifier)
    if d.COLLAPSE_DUPLICATE_IDS:
        ids = list(dict.fromkeys(ids))
    items = [(i, lookup(i)) for i in ids]
    if all(photo is None for _, photo in items):
        raise ApiError(400, "None of the requested image_ids exist for this event")
    return items


async def original_photos(state: DemoState, request: Request) -> Response:
    event = authorise(state, request, with_event=True).ev
    params = page_params(request.query_params, "original_photos")
    body = download_request(await request.body())
    if d.DOWNLOAD_GATED_BY_SEARCH_FLAGS:
        if body.method == "bib":
            require(event.bib_search, "BIB search")
        if body.method == "selfie":
            require(event.selfie_search, "Selfie search")
    items = _download_items(state, event, body.method, body.identifier)
    if body.method == "image_ids" and not d.DOWNLOAD_PAGES_ID_LISTS:
        page = paginate(len(items), 1, max(len(items), 1))
    else:
        page = paginate(len(items), params.page, params.page_size)
    ttl = state.faults.knobs.url_ttl_s
    storage = state.storage_base(request)
    presigned: list[JSON] = []
    failed: list[JSON] = []
    for image_id, photo in items[page.start : page.stop]:
        if photo is None:
            failed.append({"image_id": image_id, "error": d.UNKNOWN_ID_ERROR, "path": None})
        elif photo.original_missing:
            failed.append(
                {"image_id": image_id, "error": d.MISSING_ORIGINAL_ERROR, "path": photo.object_path}
            )
        else:
            url = state.signer.presign(storage, object_key(photo.event_id, photo.image_id), ttl)
            presigned.append({"url": url, "filename": f"{photo.image_id}.jpg"})
    echo = None if body.method == "image_ids" else body.identifier
    data: JSON = {
        "presigned_urls": presigned,
        "failed_urls": failed,
        "total_images": len(presigned) + len(failed),
        "successful_count": len(presigned),
        "failed_count": len(failed),
        "identifier": echo,
        "pagination": page.info,
    }
    empty = f"No images found for {body.method} identifier {echo}"
    if d.DOWNLOAD_DATA_MESSAGE:
        data["message"] = None if items else empty
    message = "Presigned URLs generated" if items else empty
    return ok(message, data)
