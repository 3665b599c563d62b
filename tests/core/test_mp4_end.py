"""The MP4 box walk and the clip kind: whole files end on their last box; any cut is not."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.downloads.filenames import NamePattern, sanitise_filename
from app.core.downloads.kinds import MediaKind
from app.core.downloads.mp4 import Mp4EndFinder
from app.core.downloads.writer import PartFile, file_digest
from app.demo.clips import box, clip_bytes
from tests.jpeg_bytes import framed_jpeg

FTYP = box(b"ftyp", b"isom\0\0\2\0isommp41")
MOOV = box(b"moov", box(b"mvhd", bytes(100)))
WIDE_MDAT = struct.pack(">I4sQ", 1, b"mdat", 16 + 3000) + bytes(3000)
SAMPLES = {
    "stand-in clip": clip_bytes(7.5, "seed"),
    "moov at the end": FTYP + box(b"mdat", bytes(5000)) + MOOV,
    "64-bit mdat": FTYP + MOOV + WIDE_MDAT,
    "mdat to the end": FTYP + MOOV + struct.pack(">I4s", 0, b"mdat") + bytes(777),
}


def walk(data: bytes, step: int) -> Mp4EndFinder:
    finder = Mp4EndFinder()
    for start in range(0, len(data), step):
        finder.feed(memoryview(data)[start : start + step])
    return finder


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("step", [1, 3, 8, 15, 64, 4096, 1 << 20])
def test_a_whole_mp4_is_complete(name: str, step: int) -> None:
    assert walk(SAMPLES[name], step).complete


@settings(max_examples=200, deadline=None)
@given(
    name=st.sampled_from(["stand-in clip", "moov at the end", "64-bit mdat"]),
    cut=st.floats(0, 1, exclude_min=True, exclude_max=True),
    step=st.integers(1, 5000),
)
def test_a_cut_mp4_is_never_complete(name: str, cut: float, step: int) -> None:
    data = SAMPLES[name]
    at = max(1, min(len(data) - 1, int(len(data) * cut)))
    finder = walk(data[:at], step)
    moov_end = data.find(b"moov") - 4 + struct.unpack(">I", data[data.find(b"moov") - 4 :][:4])[0]
    # Cut on a box boundary after the movie box is the one cut the walk cannot see; the
    # length check (Content-Length) catches it.
    boundary = at >= moov_end and _on_boundary(data, at)
    assert finder.complete is boundary


def _on_boundary(data: bytes, at: int) -> bool:
    pos = 0
    while pos < at:
        size = struct.unpack(">I", data[pos : pos + 4])[0]
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
        pos += size
    return pos == at


def test_what_is_not_an_mp4_is_refused() -> None:
    assert walk(framed_jpeg(2000), 512).broken
    assert walk(b"<html><body>Sign in</body></html>", 7).broken
    assert not walk(FTYP + box(b"mdat", bytes(10)), 4).complete  # no movie box
    assert walk(FTYP + struct.pack(">I4s", 4, b"free"), 4).broken  # smaller than its header
    assert not walk(b"", 1).complete


def test_the_clip_kind_checks_signature_name_and_end(tmp_path: Path) -> None:
    clip = SAMPLES["stand-in clip"]
    assert MediaKind.CLIP.has_signature(clip) and not MediaKind.CLIP.has_signature(b"\xff\xd8\xff")
    assert sanitise_filename("../cams/finish line.mp4", kind=MediaKind.CLIP) == "finish line.mp4"
    assert sanitise_filename("CON.mov", kind=MediaKind.CLIP) == "_CON.mov.mp4"
    assert sanitise_filename("", None, kind=MediaKind.CLIP) == "clip.mp4"
    pattern = NamePattern.parse("{bib}_{n:04}")
    named = pattern.render(
        event="", bib="clip", n=2, image_id="", server_name="x.mp4", kind=MediaKind.CLIP
    )
    assert named == "clip_0002.mp4"

    part = PartFile.open(tmp_path, "c.mp4", resume=False, kind=MediaKind.CLIP)
    part.write(clip[:100])
    part.close()
    resumed = PartFile.open(tmp_path, "c.mp4", resume=True, kind=MediaKind.CLIP)
    resumed.write(clip[100:])
    resumed.finish()
    resumed.place("c.mp4")
    assert file_digest(tmp_path / "c.mp4", MediaKind.CLIP)[2] is True
    assert file_digest(tmp_path / "c.mp4", MediaKind.PHOTO)[2] is False

    short = PartFile.open(tmp_path, "d.mp4", resume=False, kind=MediaKind.CLIP)
    short.write(clip[:-10])
    with pytest.raises(ValueError, match="stops inside a box"):
        short.finish()
    short.restart()
    short.write(framed_jpeg(500))
    with pytest.raises(ValueError, match="not an MP4"):
        short.finish()
    short.close(delete=True)
