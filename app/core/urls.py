"""URL safety: https for every non-loopback host, and redaction for logs."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

from app.core.errors import InsecureUrl

_LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")


def require_secure_url(url: str) -> str:
    """Return `url` if it is https, or http on a loopback host; refuse anything else
    (including addresses that do not parse, or carry spaces or control characters)."""
    if _CONTROL_OR_SPACE.search(url):
        raise InsecureUrl("the address contains spaces or control characters")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        raise InsecureUrl(f"not a valid address: {redact_url(url)}") from None
    scheme = parts.scheme.lower()
    if not host:
        raise InsecureUrl(f"not an absolute address: {redact_url(url)}")
    if scheme == "https" or (scheme == "http" and is_loopback_host(host)):
        return url
    raise InsecureUrl(f"only https is allowed for {host} (got {scheme or 'no scheme'})")


def redact_url(url: str) -> str:
    """Drop the query string (presigned signatures) and any user:password part."""
    try:
        parts = urlsplit(url)
        netloc = parts.hostname or ""
        if ":" in netloc:  # an IPv6 address keeps its brackets
            netloc = f"[{netloc}]"
        if parts.port:
            netloc = f"{netloc}:{parts.port}"
    except ValueError:
        return "<unparseable url>"
    query = "<redacted>" if parts.query else ""
    redacted = urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    # "…?<redacted>" found in text again ends at "<": keep its "?", so that redacting
    # twice (two handlers on one record) gives what redacting once did.
    return redacted + "?" if url.endswith("?") and not query else redacted


_URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+")


def redact_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Redact every URL's query string and every given secret inside free text."""
    text = _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
