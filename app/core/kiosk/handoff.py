"""The phone hand-off: a small HTTP server on the kiosk's LAN address.

One runner at a time gets an offer: a `secrets.token_urlsafe` URL that is valid for a few
minutes. The first phone to open it claims it (a second secret, set as a cookie), so
the link shown on screen is good once: a second visitor is refused. The page lists the
photos and offers them as one ZIP, streamed from disk. `revoke()` (the idle reset) ends
the offer at once; a wrong or expired token gets a plain refusal.

Plain HTTP: phones on the event Wi-Fi cannot trust a certificate for a LAN address,
so the secret lives in the unguessable token and the short lifetime instead.
"""

from __future__ import annotations

import html
import logging
import secrets
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from app.core.kiosk.zipstream import zip_chunks
from app.core.threaded_server import ThreadedServer, quiet_config

log = logging.getLogger(__name__)

TOKEN_BYTES = 24
COOKIE = "handoff"
_PROBE = ("192.0.2.1", 9)  # TEST-NET-1: connect() on UDP sends nothing


def lan_address() -> str | None:
    """This PC's address on the local network (the route a phone would come in on)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_PROBE)
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") else address


@dataclass
class Offer:
    token: str
    label: str
    files: tuple[Path, ...]
    expires_at: float
    claim: str | None = None
    served: set[str] = field(default_factory=set)


class HandoffServer:
    """The kiosk's phone page; a context manager. Thread-safe: the GUI offers and revokes,
    uvicorn's thread serves."""

    def __init__(
        self,
        *,
        host: str | None = None,
        port: int = 0,
        ttl_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        found = host or lan_address()
        self.host = found or "127.0.0.1"
        self.on_lan = found is not None
        """False when no network was found that a phone could reach (a given host counts)."""
        self.port = port
        self.ttl_s = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        self._start_lock = threading.Lock()
        self._offer: Offer | None = None
        self._serving = ThreadedServer("kiosk-handoff")
        self._base_url = ""
        self.app = Starlette(
            routes=[
                Route("/p/{token}", self._page),
                Route("/p/{token}/open", self._open, methods=["POST"]),
                Route("/p/{token}/photo/{number:int}", self._photo),
                Route("/p/{token}/photos.zip", self._zip),
            ]
        )

    # ------------------------------------------------------------- offers

    @property
    def base_url(self) -> str:
        return self._base_url

    def offer(self, label: str, files: Sequence[Path]) -> str:
        """A fresh one-time URL for these photos; any earlier offer ends."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self._lock:
            self._offer = Offer(token, label, tuple(files), self._clock() + self.ttl_s)
        return f"{self._base_url}/p/{token}"

    def revoke(self) -> None:
        with self._lock:
            self._offer = None

    @property
    def has_offer(self) -> bool:
        with self._lock:
            return self._offer is not None

    def _find(self, request: Request, *, claim: bool = False) -> Offer | Response:
        """The live offer this request may see, or the refusal to send.

        Only `claim` (the phone's own tap on "Show my photos", a POST) makes the link this
        phone's; a link preview or prefetch that only GETs the page claims nothing, and the
        photos and the ZIP are served to the claiming phone alone."""
        token = str(request.path_params["token"])
        with self._lock:
            offer = self._offer
            if offer is None or not secrets.compare_digest(offer.token, token):
                return _refusal(404, "This link is not valid.")
            if self._clock() >= offer.expires_at:
                self._offer = None
                return _refusal(410, "This link has expired. Ask at the kiosk for a new one.")
            cookie = request.cookies.get(COOKIE, "")
            if offer.claim is None:
                if not claim:
                    request.state.unclaimed = True
                    return offer
                offer.claim = secrets.token_urlsafe(TOKEN_BYTES)
                request.state.new_claim = offer.claim
            elif not secrets.compare_digest(offer.claim, cookie):
                return _refusal(410, "This link was already used on another phone.")
            return offer

    def _claimed(self, request: Request) -> Offer | Response:
        """The offer for the photo and ZIP routes: only once this phone has claimed it."""
        found = self._find(request)
        if not isinstance(found, Response) and getattr(request.state, "unclaimed", False):
            return _refusal(403, "Open the link on your phone and tap “Show my photos” first.")
        return found

    # ------------------------------------------------------------- routes

    async def _page(self, request: Request) -> Response:
        found = self._find(request)
        if isinstance(found, Response):
            return found
        base = f"/p/{found.token}"
        if getattr(request.state, "unclaimed", False):
            landing = _LANDING.format(label=html.escape(found.label), open=f"{base}/open")
            return HTMLResponse(_HEAD + landing, headers=_NO_STORE)
        tiles = "\n".join(
            f'<a href="{base}/photo/{n}" download="{html.escape(path.name)}">'
            f'<img src="{base}/photo/{n}" alt="{html.escape(path.name)}" loading="lazy"></a>'
            for n, path in enumerate(found.files)
        )
        count = len(found.files)
        body = _HEAD + _PAGE.format(
            label=html.escape(found.label),
            count=f"{count} photo" + ("" if count == 1 else "s"),
            zip=f"{base}/photos.zip",
            tiles=tiles,
        )
        return HTMLResponse(body, headers=_NO_STORE)

    async def _open(self, request: Request) -> Response:
        """The phone's tap: claim the link for this phone, then show its photos."""
        found = self._find(request, claim=True)
        if isinstance(found, Response):
            return found
        base = f"/p/{found.token}"
        response = RedirectResponse(base, status_code=303, headers=_NO_STORE)
        claim = getattr(request.state, "new_claim", None)
        if claim:
            response.set_cookie(COOKIE, claim, path=base, httponly=True, samesite="lax")
        return response

    async def _photo(self, request: Request) -> Response:
        found = self._claimed(request)
        if isinstance(found, Response):
            return found
        number = int(request.path_params["number"])
        if not 0 <= number < len(found.files):
            return _refusal(404, "No such photo.")
        path = found.files[number]
        return FileResponse(path, media_type="image/jpeg", filename=path.name, headers=_NO_STORE)

    async def _zip(self, request: Request) -> Response:
        found = self._claimed(request)
        if isinstance(found, Response):
            return found
        files = [(path.name, path) for path in found.files]
        name = "".join(c if c.isalnum() else "_" for c in found.label) or "photos"
        headers = {"Content-Disposition": f'attachment; filename="{name}.zip"', **_NO_STORE}
        return StreamingResponse(zip_chunks(files), media_type="application/zip", headers=headers)

    # ------------------------------------------------------------- server

    def start(self) -> None:
        """Bind and serve in a daemon thread (blocks briefly: call it off the GUI thread)."""
        with self._start_lock:
            if not self._serving.running:
                self._start()

    def _start(self) -> None:
        # access_log stays off: the URL holds the token
        self._serving.start(quiet_config(self.app), self.host, self.port, backlog=16)
        self._base_url = f"http://{self._serving.origin}"

    def stop(self) -> None:
        self.revoke()
        self._serving.stop(timeout=5)

    def __enter__(self) -> HandoffServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


_NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _refusal(status: int, text: str) -> Response:
    body = _HEAD + _PAGE_REFUSED.format(text=html.escape(text))
    return HTMLResponse(body, status_code=status, headers=_NO_STORE)


_HEAD = (
    '<!doctype html><html><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Race photos</title><style>"
    "body{font-family:sans-serif;margin:0;padding:16px;background:#111;color:#eee}"
    "h1{font-size:1.4em}"
    ".zip{display:block;width:100%;border:0;padding:16px;margin:16px 0;background:#2a7;"
    "color:#fff;text-align:center;border-radius:8px;text-decoration:none;font-size:1.2em}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px}"
    ".grid img{width:100%;border-radius:6px}</style></head><body>"
)
_PAGE = (
    "<h1>{label}: {count}</h1>"
    '<a class="zip" href="{zip}">Download all (ZIP)</a>'
    "<p>Or tap a photo to save it on its own.</p>"
    '<div class="grid">{tiles}</div></body></html>'
)
_LANDING = (
    "<h1>{label}</h1><p>Your photos from the finish area, for this phone only.</p>"
    '<form method="post" action="{open}"><button class="zip" type="submit">'
    "Show my photos</button></form></body></html>"
)
_PAGE_REFUSED = "<h1>{text}</h1></body></html>"
