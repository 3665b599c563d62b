"""The phone hand-off server over loopback: one-time links, refusals, a streamed ZIP."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core.kiosk.handoff import HandoffServer
from app.core.kiosk.space import check_space
from app.core.kiosk.zipstream import zip_chunks


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def photos(tmp_path: Path) -> list[Path]:
    made = []
    for n in range(3):
        path = tmp_path / f"1488_{n + 1:04d}.jpg"
        path.write_bytes(b"\xff\xd8" + bytes([n]) * (50_000 + n) + b"\xff\xd9")
        made.append(path)
    return made


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def server(clock: Clock) -> Iterator[HandoffServer]:
    with HandoffServer(host="127.0.0.1", ttl_s=60, clock=clock) as running:
        yield running


def test_the_link_serves_one_phone_its_photos_and_a_zip(
    server: HandoffServer, photos: list[Path]
) -> None:
    url = server.offer("BIB 1488", photos)
    assert url.startswith(server.base_url + "/p/") and len(url.rsplit("/", 1)[1]) >= 32
    with httpx.Client() as preview:  # a QR app's link preview or a prefetch
        landing = preview.get(url)
        assert landing.status_code == 200 and "Show my photos" in landing.text
        assert "<img" not in landing.text
        assert preview.get(url + "/photos.zip").status_code == 403
        assert preview.get(url + "/photo/0").status_code == 403
    with httpx.Client() as phone:
        page = phone.post(url + "/open", follow_redirects=True)
        assert page.status_code == 200
        assert "BIB 1488: 3 photos" in page.text
        assert page.headers["cache-control"] == "no-store"
        photo = phone.get(url + "/photo/1")
        assert photo.content == photos[1].read_bytes()
        assert phone.get(url + "/photo/7").status_code == 404
        archive = phone.get(url + "/photos.zip")
        assert archive.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as opened:
        assert opened.namelist() == [p.name for p in photos]
        assert opened.read(photos[2].name) == photos[2].read_bytes()
    # the same link on another phone: refused
    with httpx.Client() as other:
        again = other.post(url + "/open")
        assert again.status_code == 410
        assert "already used" in again.text
        assert other.get(url + "/photos.zip").status_code == 410


def test_a_wrong_token_is_refused(server: HandoffServer, photos: list[Path]) -> None:
    url = server.offer("BIB 1488", photos)
    wrong = url[:-3] + ("aaa" if not url.endswith("aaa") else "bbb")
    with httpx.Client() as phone:
        assert phone.get(wrong).status_code == 404
        assert phone.get(wrong + "/photos.zip").status_code == 404
        assert phone.get(url).status_code == 200  # the wrong try did not spend the real one


def test_the_link_ends_on_revoke_and_on_expiry(
    server: HandoffServer, photos: list[Path], clock: Clock
) -> None:
    url = server.offer("BIB 1488", photos)
    with httpx.Client() as phone:
        assert phone.get(url).status_code == 200
        server.revoke()
        assert phone.get(url).status_code == 404
        assert phone.get(url + "/photo/0").status_code == 404
        later = server.offer("BIB 7", photos[:1])
        clock.now += 61
        assert phone.get(later).status_code == 410
        assert not server.has_offer


def test_a_new_offer_ends_the_old_one(server: HandoffServer, photos: list[Path]) -> None:
    first = server.offer("BIB 1488", photos)
    second = server.offer("BIB 7", photos[:1])
    with httpx.Client() as phone:
        assert phone.get(first).status_code == 404
        assert "BIB 7: 1 photo<" in phone.post(second + "/open", follow_redirects=True).text


def test_the_zip_comes_in_small_chunks(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    big.write_bytes(b"x" * 3_000_000)
    chunks = list(zip_chunks([("big.jpg", big), ("again.jpg", big)], chunk=64 * 1024))
    assert max(len(c) for c in chunks) < 70 * 1024  # never the whole archive at once
    with zipfile.ZipFile(io.BytesIO(b"".join(chunks))) as opened:
        assert opened.testzip() is None
        assert [i.file_size for i in opened.infolist()] == [3_000_000, 3_000_000]


def test_space_is_checked_with_a_margin(tmp_path: Path) -> None:
    assert check_space(tmp_path, 10_000_000, free=lambda _p: 10**9).fits
    tight = check_space(tmp_path, 10_000_000, free=lambda _p: 10_500_000)
    assert not tight.fits and tight.needed > 10_000_000
