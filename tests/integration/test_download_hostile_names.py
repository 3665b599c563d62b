"""Server-chosen file names with `../`, absolute paths, NUL, `CON`, 300 characters:
every file lands inside the folder, and no two photos share a name."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core.downloads import DownloadJob
from app.demo.server import DemoServer
from tests.integration.support import Truth, ids_with_originals, make_client, make_engine, sha_of
from tests.standin import reset_knobs

pytestmark = pytest.mark.anyio

HOSTILE = [
    "../../../etc/passwd",
    "/absolute/path/photo.jpg",
    "a\x00b.jpg",
    "CON",
    "con.jpg",
    "x" * 300 + ".jpg",
    "..\\..\\windows\\system32.jpg",
    "same.jpg",
    "SAME.JPG",
    "",
    "é" * 150,
    " . ",
    "nul.tar.gz",
]


class RenamingApi(httpx.AsyncBaseTransport):
    """The real API, with each presigned item's `filename` replaced by a hostile one."""

    def __init__(self, names: dict[str, str]) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.names = names

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if not request.url.path.endswith("/original-photos") or response.status_code != 200:
            return response
        body = json.loads(await response.aread())
        for item in body["data"]["presigned_urls"]:
            image_id = item["url"].split("?")[0].rsplit("/", 1)[-1].removesuffix(".jpg")
            item["filename"] = self.names[image_id]
        return httpx.Response(200, json=body)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture(scope="module")
def shared_demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture
def demo(shared_demo: DemoServer) -> DemoServer:
    """The module's stand-in with every knob as it started and its counters zeroed."""
    return reset_knobs(shared_demo)


def listing(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if not p.name.startswith(".photo-retriever")]


async def test_hostile_names_stay_inside_and_distinct(demo: DemoServer, tmp_path: Path) -> None:
    ids = ids_with_originals(demo, len(HOSTILE), skip=150)
    names = dict(zip(ids, HOSTILE, strict=True))
    folder = tmp_path / "out"
    async with make_client(demo, transport=RenamingApi(names)) as client:
        summary = await make_engine(client, demo, folder).run(DownloadJob.for_ids(ids))

    assert summary.complete, summary.failed
    files = listing(folder)
    assert len(files) == len(ids)
    assert len({p.name.casefold() for p in files}) == len(ids)
    assert [p.name for p in listing(tmp_path)] == ["out"]  # nothing written beside it
    truth = Truth(demo)
    for result in summary.downloaded:
        path = (folder / result.file).resolve()
        assert path.parent == folder.resolve()
        assert len(result.file.encode()) <= 200
        assert sha_of(path) == truth.sha(result.image_id or "")
    by_id = {r.image_id: r.file for r in summary.downloaded}
    assert by_id[names_to_id(names, "../../../etc/passwd")] == "passwd.jpg"
    assert by_id[names_to_id(names, "CON")] == "_CON.jpg"
    assert by_id[names_to_id(names, "")] == f"{names_to_id(names, '')}.jpg"


def names_to_id(names: dict[str, str], hostile: str) -> str:
    return next(i for i, n in names.items() if n == hostile)
