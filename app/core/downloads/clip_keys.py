"""How a video clip is named in the journal and the failed list (`clip:{request_id}:{n}`):
a light module, so that the window's lists can tell clips from photos without loading
the client."""

from __future__ import annotations

_CLIP_KEY = "clip:"


def clip_key(request_id: str, number: int) -> str:
    """The journal key of the `number`-th clip (from 1) of a selfie search's clip job."""
    return f"{_CLIP_KEY}{request_id}:{number}"


def is_clip_key(key: str) -> bool:
    return key.startswith(_CLIP_KEY)


def clip_number(key: str) -> str:
    """`2` from `clip:{request_id}:2`."""
    return key.rsplit(":", 1)[-1]
