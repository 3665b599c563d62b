"""Which 9Pic backend the app talks to: the embedded demo or a real one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

TYPE_CHECKING = False
if TYPE_CHECKING:  # the client (httpx, pydantic) loads when one is made, not with the config
    from app.core.client import NinePicClient
    from app.core.retry import RetryPolicy


@dataclass(frozen=True)
class BackendConfig:
    """Where the API lives and who we are there; the key is kept out of the repr."""

    api_url: str
    org_id: int
    event_id: int | None
    api_key: str | None = field(default=None, repr=False)
    is_demo: bool = False
    sample_bibs: tuple[str, ...] = ()
    """BIBs that find photos (the demo knows them; a real event does not say)."""
    title: str | None = None
    """The organiser's name for this app (from a profile), shown in the window title."""
    failure_bib: str | None = None
    """The demo BIB whose photos include one without an original: what a failure looks like."""

    def make_client(self, retry_policy: RetryPolicy | None = None) -> NinePicClient:
        from app.core.client import NinePicClient

        return NinePicClient(
            self.api_url, org_id=self.org_id, api_key=self.api_key, retry_policy=retry_policy
        )


class BackendProvider(Protocol):
    """What the window may ask the composition root for while it runs: the built-in
    demo (started on first use, kept running) or a real 9Pic service."""

    def demo(self, event_id: int | None = None) -> BackendConfig: ...

    def service(
        self, api_url: str, org_id: int, event_id: int | None, api_key: str | None
    ) -> BackendConfig: ...
