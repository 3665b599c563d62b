"""An httpx transport that builds its verified TLS context only when https is used.

Loading the CA bundle costs tens of milliseconds at start-up; the embedded demo and
any loopback backend speak plain http and never need it. Plain-http requests go
through a transport whose context trusts no certificate at all, so it could never
complete a TLS handshake even by mistake; the first https request builds the real,
verifying context (shared by every client of the process).
"""

from __future__ import annotations

import functools
import ssl

import httpx


@functools.cache
def verified_tls_context() -> ssl.SSLContext:
    """The CA-verifying context httpx would build, made once per process."""
    return httpx.create_ssl_context()


def _trusts_nothing() -> ssl.SSLContext:
    """Hostname check and certificate required, but no CA loaded: every handshake fails."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class LazyTlsTransport(httpx.AsyncBaseTransport):
    """Routes http to a cheap transport and https to one built on first use."""

    def __init__(self, limits: httpx.Limits) -> None:
        self._limits = limits
        self._plain = httpx.AsyncHTTPTransport(limits=limits, verify=_trusts_nothing())
        self._tls: httpx.AsyncHTTPTransport | None = None

    @property
    def tls_ready(self) -> bool:
        """Whether the verified TLS transport (and its context) has been built."""
        return self._tls is not None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme == "http":
            return await self._plain.handle_async_request(request)
        if self._tls is None:
            self._tls = httpx.AsyncHTTPTransport(limits=self._limits, verify=verified_tls_context())
        return await self._tls.handle_async_request(request)

    async def aclose(self) -> None:
        await self._plain.aclose()
        if self._tls is not None:
            await self._tls.aclose()
