"""`DeferredClient`: a `NinePicClient` that is made when it is first used.

Importing the client means importing httpx and the pydantic wire models, about a tenth
of a second. The window holds its client from construction on but only calls it from
coroutines, which run once the window is on screen; so the window gets this stand-in,
and the real client (with its imports) is made on the first call.
"""

from __future__ import annotations

from typing import Any, cast

TYPE_CHECKING = False
if TYPE_CHECKING:
    from app.core.backend import BackendConfig
    from app.core.client import NinePicClient
    from app.core.retry import RetryPolicy


class DeferredClient:
    """Forwards every attribute to the client it makes on first access; closing it
    before then closes nothing."""

    def __init__(self, backend: BackendConfig, retry_policy: RetryPolicy | None = None) -> None:
        self._backend = backend
        self._retry_policy = retry_policy
        self._client: NinePicClient | None = None

    def __repr__(self) -> str:  # the backend's repr leaves the key out
        return f"DeferredClient({self._backend!r}, made={self.made})"

    @property
    def made(self) -> bool:
        """Whether the real client exists yet."""
        return self._client is not None

    @property
    def client(self) -> NinePicClient:
        """The real client, made now if need be."""
        if self._client is None:
            self._client = self._backend.make_client(self._retry_policy)
        return self._client

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends: not forwarded
            raise AttributeError(name)
        return getattr(self.client, name)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    def as_client(self) -> NinePicClient:
        """This object where a `NinePicClient` is expected (it answers as one)."""
        return cast("NinePicClient", self)
