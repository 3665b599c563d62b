"""Presigned original URLs: valid, expired, tampered, Range, HEAD; and the signer itself."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from PIL import Image

from app.demo.server import DemoConfig, DemoServer
from app.demo.signing import LinkState, UrlSigner


def presign(client: httpx.Client, ev: str, image_id: str) -> str:
    body = {"method": "image_id", "identifier": image_id}
    data = client.post(f"{ev}/original-photos", json=body).json()["data"]
    url: str = data["presigned_urls"][0]["url"]
    return url


@pytest.fixture(scope="module")
def photo_id(server: DemoServer) -> str:
    photos = [p for p in server.catalog.photos(server.event_id) if not p.original_missing]
    return photos[7].image_id


@pytest.fixture(scope="module")
def link(client: httpx.Client, ev: str, photo_id: str) -> str:
    return presign(client, ev, photo_id)


def with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | changes
    return parts._replace(query=urlencode(query)).geturl()


def assert_denied(response: httpx.Response, code: str) -> None:
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/xml")
    assert f"<Code>{code}</Code>" in response.text
    assert not response.content.startswith(b"\xff\xd8")
    assert len(response.content) < 1024


def test_valid_link_serves_the_exact_original(server: DemoServer, link: str, photo_id: str) -> None:
    response = httpx.get(link)  # no X-API-Key
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.headers["accept-ranges"] == "bytes"
    body = response.content
    photo = server.catalog.photo(photo_id)
    assert photo is not None
    assert int(response.headers["content-length"]) == len(body) == photo.original_size
    assert 2_000_000 <= len(body) <= 6_000_000
    assert hashlib.sha256(body).digest() == hashlib.sha256(server.original_bytes(photo_id)).digest()
    assert body[:3] == b"\xff\xd8\xff" and body[-2:] == b"\xff\xd9"
    img = Image.open(io.BytesIO(body))
    img.load()
    assert img.format == "JPEG" and img.size == (photo.width, photo.height)


def test_head(server: DemoServer, link: str, photo_id: str) -> None:
    response = httpx.head(link)
    assert response.status_code == 200 and response.content == b""
    assert int(response.headers["content-length"]) == len(server.original_bytes(photo_id))


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=1000-", 1000, None), ("bytes=-500", -500, None)],
)
def test_range_requests(
    server: DemoServer, link: str, photo_id: str, header: str, first: int, last: int | None
) -> None:
    whole = server.original_bytes(photo_id)
    size = len(whole)
    response = httpx.get(link, headers={"Range": header})
    assert response.status_code == 206
    start = first if first >= 0 else size + first
    end = size - 1 if last is None else last
    assert response.content == whole[start : end + 1]
    assert response.headers["content-range"] == f"bytes {start}-{end}/{size}"
    assert int(response.headers["content-length"]) == end - start + 1


def test_range_past_the_end(server: DemoServer, link: str, photo_id: str) -> None:
    size = len(server.original_bytes(photo_id))
    response = httpx.get(link, headers={"Range": f"bytes={size}-"})
    assert response.status_code == 416
    assert response.headers["content-range"] == f"bytes */{size}"
    clipped = httpx.get(link, headers={"Range": f"bytes={size - 10}-{size + 500}"})
    assert clipped.status_code == 206 and len(clipped.content) == 10
    ignored = httpx.get(link, headers={"Range": "bytes=0-1,5-6"})
    assert ignored.status_code == 200 and len(ignored.content) == size


def test_storage_stats_see_ranges(server: DemoServer, link: str, photo_id: str) -> None:
    gets = server.stats.storage_gets.get(photo_id, 0)
    ranged = server.stats.storage_range_gets.get(photo_id, 0)
    httpx.get(link)
    httpx.get(link, headers={"Range": "bytes=10-20"})
    assert server.stats.storage_gets[photo_id] == gets + 2
    assert server.stats.storage_range_gets[photo_id] == ranged + 1
    last = server.stats.storage_hits[-1]
    assert (last.image_id, last.range, last.status) == (photo_id, "bytes=10-20", 206)


def test_tampered_links_are_refused(
    client: httpx.Client, ev: str, server: DemoServer, link: str
) -> None:
    sig = parse_qs(urlsplit(link).query)["sig"][0]
    expires = parse_qs(urlsplit(link).query)["expires"][0]
    flipped = ("0" if sig[0] != "0" else "1") + sig[1:]
    assert_denied(httpx.get(with_query(link, sig=flipped)), "SignatureDoesNotMatch")
    assert_denied(
        httpx.get(with_query(link, expires=str(int(expires) + 3600))), "SignatureDoesNotMatch"
    )
    other = next(p for p in server.catalog.photos(server.event_id) if not p.original_missing)
    swapped = link.replace(urlsplit(link).path.rsplit("/", 1)[1], f"{other.image_id}.jpg")
    assert_denied(httpx.get(swapped), "SignatureDoesNotMatch")
    assert_denied(httpx.get(link.split("?")[0]), "AccessDenied")
    assert_denied(httpx.get(with_query(link, sig="zz\u00e9")), "SignatureDoesNotMatch")


@pytest.fixture
def short_lived() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig(url_ttl_s=-1)) as s:
        yield s


def test_expired_link_is_refused(short_lived: DemoServer) -> None:
    headers = {"X-API-Key": short_lived.api_key}
    with httpx.Client(base_url=short_lived.base_url, headers=headers) as c:
        photo = next(p for p in short_lived.catalog.photos(456) if not p.original_missing)
        url = presign(c, f"/api/v1/ext/903/event/{short_lived.event_id}", photo.image_id)
    response = httpx.get(url)
    assert_denied(response, "AccessDenied")
    assert "expired" in response.text


def test_ttl_is_applied(server: DemoServer, link: str) -> None:
    import time

    expires = int(parse_qs(urlsplit(link).query)["expires"][0])
    assert 3500 < expires - time.time() <= 3600


def test_signer_with_a_fake_clock() -> None:
    now = [1_000_000.0]
    signer = UrlSigner(b"k" * 32, clock=lambda: now[0])
    url = signer.presign("http://x/storage/", "456/a.jpg", 60)
    assert url.startswith("http://x/storage/456/a.jpg?expires=1000060&sig=")
    sig = parse_qs(urlsplit(url).query)["sig"][0]
    assert signer.check("456/a.jpg", "1000060", sig) is LinkState.VALID
    assert signer.check("456/a.jpg", "1000060", sig.upper()) is LinkState.VALID
    assert signer.check("456/b.jpg", "1000060", sig) is LinkState.BAD_SIGNATURE
    assert signer.check("456/a.jpg", "1000061", sig) is LinkState.BAD_SIGNATURE
    assert signer.check("456/a.jpg", None, sig) is LinkState.MALFORMED
    assert signer.check("456/a.jpg", "-5", sig) is LinkState.MALFORMED
    now[0] = 1_000_060.0
    assert signer.check("456/a.jpg", "1000060", sig) is LinkState.EXPIRED
    other = UrlSigner(b"j" * 32, clock=lambda: 0.0)
    assert other.check("456/a.jpg", "1000060", sig) is LinkState.BAD_SIGNATURE


def test_missing_original_is_not_in_storage(server: DemoServer) -> None:
    image_id = server.catalog.missing_originals(server.event_id)[0]
    with pytest.raises(KeyError):
        server.original_bytes(image_id)
