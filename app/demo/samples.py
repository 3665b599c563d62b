"""Sample selfie files that the stand-in's face search recognises (and one it does not).

A few ready files for the default world ship in ``resources/demo/selfies/`` so a user can
pick one from disk; any other runner's selfie (or another seed's) is drawn on first use
into a cache folder. ``python -m app.demo.samples DIR`` rewrites the shipped set.
"""

from __future__ import annotations

import sys
import tempfile
from functools import cache
from pathlib import Path

from app.core.atomic import write_atomically
from app.demo.catalog import DemoCatalog
from app.demo.images import UNKNOWN_GREY, render_selfie
from app.demo.world import MAIN_EVENT_ID
from app.resources import resource_path

DEFAULT_SEED = 2026
UNKNOWN_NAME = "unknown.jpg"


def shipped_selfies_dir() -> Path:
    """``resources/demo/selfies`` in a checkout, or inside a frozen (PyInstaller) bundle."""
    return resource_path("demo", "selfies")


@cache
def _cache_root() -> Path:
    """A writable folder for drawn selfies (another user may own the shared one)."""
    shared = Path(tempfile.gettempdir()) / "photo-retriever-demo"
    try:
        shared.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=shared):
            pass
        return shared
    except OSError:
        return Path(tempfile.mkdtemp(prefix="photo-retriever-demo-"))


def _cache_dir(seed: int | None) -> Path:
    return _cache_root() / ("selfies" if seed is None else f"selfies-{seed}")


@cache
def _catalog(seed: int) -> DemoCatalog:
    return DemoCatalog(seed)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def selfie_bytes(bib: str, seed: int = DEFAULT_SEED) -> bytes:
    """The selfie JPEG of a main-event runner; ValueError for a BIB nobody wears."""
    runner = _catalog(seed).runner(MAIN_EVENT_ID, bib)
    if runner is None:
        raise ValueError(f"no runner with BIB {bib!r} in the demo event (seed {seed})")
    return render_selfie(runner.colour, f"BIB {runner.bib} selfie")


def unknown_selfie_bytes() -> bytes:
    """A face nobody in the demo world has: face search answers with no photos."""
    return render_selfie(UNKNOWN_GREY, "unknown runner")


def sample_selfie_path(bib: str, seed: int = DEFAULT_SEED) -> Path:
    """A file whose picture face search maps to runner ``bib`` of the main event."""
    runner = _catalog(seed).runner(MAIN_EVENT_ID, bib)
    if runner is None:
        raise ValueError(f"no runner with BIB {bib!r} in the demo event (seed {seed})")
    if seed == DEFAULT_SEED:
        shipped = shipped_selfies_dir() / f"{runner.bib}.jpg"
        if shipped.is_file():
            return shipped
    path = _cache_dir(seed) / f"{runner.bib}.jpg"
    if not path.is_file():
        _write_atomic(path, selfie_bytes(runner.bib, seed))
    return path


def unknown_selfie_path() -> Path:
    """A file with a face that matches nobody."""
    shipped = shipped_selfies_dir() / UNKNOWN_NAME
    if shipped.is_file():
        return shipped
    path = _cache_dir(None) / UNKNOWN_NAME
    if not path.is_file():
        _write_atomic(path, unknown_selfie_bytes())
    return path


def write_sample_selfies(folder: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the shipped set: the sample BIBs' selfies plus the unknown face."""
    written = []
    for bib in _catalog(seed).sample_bibs:
        path = folder / f"{bib}.jpg"
        _write_atomic(path, selfie_bytes(bib, seed))
        written.append(path)
    unknown = folder / UNKNOWN_NAME
    _write_atomic(unknown, unknown_selfie_bytes())
    written.append(unknown)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else shipped_selfies_dir()
    for written_path in write_sample_selfies(target):
        print(written_path)
