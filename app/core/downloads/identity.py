"""Which photo a presigned link belongs to, without ever merging two distinct photos.

The API does not say in which order links come back, nor that `filename` is unique
(an older example used made-up short names). A photo's identity is its image id, taken
from, in order of trust: the ids the request named, the `filename` stem, an id in the
URL's query (`?id=…`, `image_id=…`). The URL path's stem is never trusted on its own:
`/download?id=…` has the same stem for every photo.

Two links are the same photo only when they get the same id *and* their URLs agree on
what they point at (the query's id when there is one, else the path): a page repeated
with fresh signatures is fetched once, ten photos named `photo.jpg` are ten photos.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from posixpath import basename
from urllib.parse import parse_qsl, unquote, urlsplit

_ID_PARAMS = frozenset({"id", "imageid", "image", "photoid", "photo", "imgid", "img"})


@dataclass(frozen=True)
class Evidence:
    """What a URL points at, signatures left out: equal evidence, same object."""

    path: str
    query_id: str | None

    @classmethod
    def of(cls, url: str) -> Evidence:
        try:
            parts = urlsplit(url)
        except ValueError:
            return cls(url, None)
        return cls(parts.path, query_id(url))

    def same_object(self, other: Evidence) -> bool:
        if self.query_id is not None or other.query_id is not None:
            return self.query_id == other.query_id and self.path == other.path
        return self.path == other.path


def stem(name: str) -> str:
    """`a/b/IMG_1.jpg` → `IMG_1`; works on URL-encoded names and Windows separators."""
    base = basename(unquote(name).replace("\\", "/")).strip()
    return base.rsplit(".", 1)[0] if "." in base else base


def query_id(url: str) -> str | None:
    """The value of an id-like query parameter (`id`, `image_id`, `photoId`…), if any."""
    try:
        pairs = parse_qsl(urlsplit(url).query, keep_blank_values=False)
    except ValueError:
        return None
    for name, value in pairs:
        if name.lower().replace("_", "").replace("-", "") in _ID_PARAMS and value.strip():
            return value.strip()
    return None


def candidates(filename: str, url: str, expected: Iterable[str] | None) -> list[str]:
    """Possible image ids of one link, most trusted first.

    With `expected` (an id job), only ids the request named count; otherwise the
    filename stem, then the query's id.
    """
    found = [c for c in (stem(filename), query_id(url) or "") if c]
    if expected is None:
        return list(dict.fromkeys(found))
    wanted = set(expected)
    path_stem = stem(_path(url))
    return list(dict.fromkeys(c for c in (*found, path_stem) if c in wanted))


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:
        return ""


class IdentityBook:
    """Hands out one stable key per distinct photo of a job.

    `assign` returns `(key, image_id, new)`: the key of the photo the link shows, the
    image id it is known by (None when only its file name identifies it), and whether
    this job has not seen that photo before.
    """

    def __init__(self) -> None:
        self._evidence: dict[str, Evidence] = {}
        self._trusted: set[str] = set()

    def assign(
        self, filename: str, url: str, expected: Iterable[str] | None
    ) -> tuple[str, str | None, bool]:
        evidence = Evidence.of(url)
        trusted = expected is not None
        for image_id in candidates(filename, url, expected):
            known = self._evidence.get(image_id)
            if known is None:
                self._remember(image_id, evidence, trusted)
                return image_id, image_id, True
            if trusted or image_id in self._trusted or known.same_object(evidence):
                return image_id, image_id, False  # the same photo again
        return self._by_file(filename, evidence)

    def note(self, key: str) -> bool:
        """Count a key that needs no URL (a failed item); True when it is new."""
        if key in self._evidence:
            return False
        self._remember(key, Evidence("", None), True)
        return True

    def __len__(self) -> int:
        return len(self._evidence)

    def __contains__(self, key: object) -> bool:
        return key in self._evidence

    def _by_file(self, filename: str, evidence: Evidence) -> tuple[str, str | None, bool]:
        base = "file:" + (filename or stem(evidence.path) or "photo")
        key, number = base, 1
        while (known := self._evidence.get(key)) is not None:
            if known.same_object(evidence):
                return key, None, False
            number += 1
            key = f"{base}#{number}"
        self._remember(key, evidence, False)
        return key, None, True

    def _remember(self, key: str, evidence: Evidence, trusted: bool) -> None:
        self._evidence[key] = evidence
        if trusted:
            self._trusted.add(key)
