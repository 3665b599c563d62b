"""The backend description never shows its key, and builds a client for its API only."""

from __future__ import annotations

import pytest

from app.core.backend import BackendConfig

pytestmark = pytest.mark.anyio

KEY = "sk_live_SECRET_backend_key"


async def test_repr_hides_the_key_and_the_client_uses_it() -> None:
    backend = BackendConfig("https://api.9pic.ai", 903, 456, KEY)
    assert KEY not in repr(backend) and KEY not in str(backend)
    async with backend.make_client() as client:
        assert KEY not in repr(client)
        assert client.secrets == (KEY,)
        assert "x-api-key" not in {k.lower() for k in client.media.headers}
