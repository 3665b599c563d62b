"""Taking photos away from the kiosk: a fixed export folder, a (fake) removable drive,
one too small, and the phone hand-off, all through the real engine and stand-in."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import httpx
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from app.core.kiosk.options import KioskOptions
from app.demo.server import DemoServer
from app.ui.kiosk.drives import Target
from tests.ui.kiosk.conftest import Kiosk, KioskFactory

RESOURCES = Path(__file__).resolve().parents[3] / "resources" / "demo" / "selfies"


def _choose_three(k: Kiosk) -> list[str]:
    k.search_bib("1488")
    ids = k.controller.model.image_ids()[:3]
    k.controller.set_selected(ids, True)
    return ids


def _targets(k: Kiosk) -> list[QPushButton]:
    return [b for b in k.window.export_page.buttons if b.isVisible()]


def _downloads_asked(demo: DemoServer) -> int:
    """Download links asked for, and originals fetched."""
    return demo.stats.api_calls.get("original_photos", 0) + len(demo.stats.storage_hits)


def test_save_to_the_export_folder(
    fresh_demo: DemoServer, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    export = tmp_path / "export"
    options = KioskOptions(
        idle_seconds=600, export_dir=export, usb_export=False, phone_host="127.0.0.1"
    )
    k = make_kiosk(fresh_demo, options=options)
    assert not k.downloads.folder_question.needed, "the kiosk never asks where to save"
    ids = _choose_three(k)
    assert k.button("kioskExportButton").text().startswith("Save my photos (3")
    k.tap("kioskExportButton")
    k.drain()
    [target] = _targets(k)
    assert target.text().startswith("Export folder")
    target.click()
    k.drain()
    saved = sorted(p.name for p in (export / "BIB 1488").glob("*.jpg"))
    assert len(saved) == len(ids) and all(name.startswith("1488_") for name in saved)
    status = k.window.export_page.status.text()
    assert "saved in the folder “BIB 1488”" in status
    assert "USB" not in status


def test_save_to_a_removable_drive(
    fresh_demo: DemoServer, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    k = make_kiosk(fresh_demo, drives=[Target("RACE", stick, 10**10, removable=True)])
    _choose_three(k)
    k.tap("kioskExportButton")
    k.drain()
    [target] = _targets(k)
    assert "RACE" in target.text()
    target.click()
    k.drain()
    assert len(list((stick / "BIB 1488").glob("*.jpg"))) == 3
    assert k.window.export_page.status.text().endswith("You can remove the USB drive now.")
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]


def test_a_drive_too_small_is_refused_before_any_download(
    fresh_demo: DemoServer, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    stick = tmp_path / "tiny"
    stick.mkdir()
    k = make_kiosk(fresh_demo, drives=[Target("TINY", stick, 2_000_000, removable=True)])
    _choose_three(k)
    asked = _downloads_asked(fresh_demo)
    k.tap("kioskExportButton")
    k.drain()
    _targets(k)[0].click()
    k.drain()
    assert k.window.export_page.status.text().startswith("Not enough space on TINY")
    assert list(stick.iterdir()) == []
    assert _downloads_asked(fresh_demo) == asked
    assert not k.downloads.running


def test_the_phone_link_serves_the_runner_once_and_ends_at_the_reset(
    fresh_demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(fresh_demo)
    _choose_three(k)
    k.tap("kioskPhoneButton")
    k.drain()
    page = k.window.phone_page
    url = page.url
    assert url.startswith("http://127.0.0.1:"), page.status.text()
    assert page.code.pixmap() is not None and not page.code.pixmap().isNull()
    assert "same Wi-Fi" in page.instructions.text()
    token = url.rsplit("/", 1)[1]
    with httpx.Client() as phone:
        wrong = phone.get(url.replace(token, token[::-1]))
        assert wrong.status_code == 404
        first = phone.post(url + "/open", follow_redirects=True)
        assert first.status_code == 200 and first.text.count("<img") == 3
        archive = phone.get(url + "/photos.zip")
        with zipfile.ZipFile(io.BytesIO(archive.content)) as opened:
            assert len(opened.namelist()) == 3
            assert all(name.startswith("1488_") for name in opened.namelist())
    with httpx.Client() as someone_else:
        assert someone_else.post(url + "/open").status_code == 410  # the link was good once
    k.tap("kioskPhoneBack")
    k.tap("kioskStartOverButton")
    k.drain()
    with httpx.Client() as phone:
        assert phone.get(url).status_code == 404
    assert list(k.temp_root.rglob("*.jpg")) == []
    assert page.url == ""


def test_the_phone_button_can_be_switched_off(demo: DemoServer, make_kiosk: KioskFactory) -> None:
    k = make_kiosk(demo, options=KioskOptions(idle_seconds=600, phone_handoff=False))
    k.search_bib("1488")
    assert not k.button("kioskPhoneButton").isVisible()
    assert k.button("kioskExportButton").isVisible()


def test_start_over_during_a_phone_download_offers_nothing(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(demo)
    _choose_three(k)
    k.tap("kioskPhoneButton")
    assert k.downloads.running
    k.window.session.reset()  # before the batch could finish
    k.drain()
    assert not k.window.handoff.has_offer and k.window.phone_page.url == ""
    assert list(k.temp_root.rglob("*.jpg")) == []
    assert k.downloads.items.rowCount() == 0


def test_the_booth_selfie_is_searched_and_deleted_at_the_reset(
    demo: DemoServer, make_kiosk: KioskFactory, tmp_path: Path
) -> None:
    booth = tmp_path / "booth"
    booth.mkdir()
    earlier = booth / "earlier-runner.jpg"  # left by someone before this runner
    earlier.write_bytes((RESOURCES / "1488.jpg").read_bytes())
    os.utime(earlier, (time.time() - 600, time.time() - 600))
    options = KioskOptions(idle_seconds=600, phone_host="127.0.0.1", selfie_folder=booth)
    k = make_kiosk(demo, options=options)
    k.tap("kioskSelfieButton")
    k.drain()
    assert k.controller.model.rowCount() == 0, "another runner's selfie is never searched"
    assert "No selfie yet" in k.window.start_page.notice.text()
    selfie = booth / "shot.jpg"
    selfie.write_bytes((RESOURCES / "1488.jpg").read_bytes())
    k.tap("kioskSelfieButton")
    k.drain()
    assert k.controller.model.rowCount() > 0
    k.tap("kioskStartOverButton")
    k.drain()
    assert not selfie.exists()
    assert k.button("kioskSelfieButton").isVisible()


def test_no_selfie_button_without_a_staff_source(
    demo: DemoServer, make_kiosk: KioskFactory
) -> None:
    k = make_kiosk(demo)
    assert not k.button("kioskSelfieButton").isVisible()


def test_the_real_drive_listing_never_offers_the_system_disk() -> None:
    from app.ui.kiosk.drives import removable_drives

    drives = removable_drives()
    assert all(isinstance(d, Target) and d.removable for d in drives)
    assert Path("/") not in {d.root for d in drives}
