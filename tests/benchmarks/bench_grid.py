"""The grid: frame time while scrolling, and memory while paging through a large event.

Painting: 100 photos in our `PhotoGrid` (cards with cover-cropped thumbnails, a few
selected) and, in the same rounds, a plain `QListView` in icon mode showing the same
pictures at the size ours shows them; both offscreen at 1280×800, scrolled top to bottom
in 40 px steps, each frame a synchronous `repaint()` of the viewport. Targets (issue 16):
median frame ≤ 1.5× the plain view; worst frame ≤ 16 ms.

Memory: the real window against a stand-in with `--event-photos 3000`, searching every
runner's BIB and paging through all of their photos, twice; our RSS after every page.
It runs in a process of its own, as the app does: measured in the process that has just
painted the other benchmarks' pixmaps, the figure carried some 60 MB that was theirs.
Target: it levels off (the second pass grows it by < 10 %) at ≤ 250 MB.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QListView

from app.core.backend import BackendConfig
from app.core.client import NinePicClient
from app.core.malloc_tuning import limit_malloc_arenas
from app.core.models import ImageItem
from app.core.settings import Settings
from app.demo.catalog import DemoCatalog
from app.ui.main_window import MainWindow
from app.ui.models.photo_model import PhotoModel
from app.ui.runtime import TaskRunner, new_event_loop
from app.ui.search import SearchMode
from app.ui.widgets.photo_grid import PhotoGrid
from tests.benchmarks.bench_thumbnails import _quiet_offscreen_warning
from tests.benchmarks.measure import fmt, pair_ratios, record, summary

PHOTOS = 100
ROUNDS = 5
STEP_PX = 40
FRAME_RATIO_TARGET = 1.5
WORST_FRAME_MS = 16.0
EVENT_PHOTOS = 3000
RSS_TARGET_MB = 250.0
PASSES = 2


def _pixmaps(box: QSize) -> list[QPixmap]:
    """Thumbnails as the loader hands them over: decoded to fit the tile (3:2 and 2:3)."""
    out = []
    for i in range(PHOTOS):
        size = QSize(3, 2) if i % 4 else QSize(2, 3)
        pixmap = QPixmap(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
        pixmap.fill(QColor.fromHsv((i * 37) % 360, 120, 200))
        out.append(pixmap)
    return out


def ours() -> PhotoGrid:
    model = PhotoModel()
    items = [
        ImageItem(image_id=f"p{i}", img_url=f"http://127.0.0.1/l/{i}.jpg",
                  thumbnail_url=f"http://127.0.0.1/s/{i}.jpg")
        for i in range(PHOTOS)
    ]  # fmt: skip
    model.set_page(items, 1, PHOTOS)
    grid = PhotoGrid(model)
    grid.resize(1280, 800)
    grid.show()
    for item, pixmap in zip(items, _pixmaps(grid.image_box), strict=True):
        model.set_thumbnail(item.image_id, pixmap)
    chosen = {items[row].image_id for row in range(0, PHOTOS, 7)}  # a few selected
    model.set_selection_lookup(chosen.__contains__)
    grid.setProperty("bench_model", model)
    return grid


def plain(box: QSize) -> QListView:
    model = QStandardItemModel()
    for pixmap in _pixmaps(box):
        model.appendRow(QStandardItem(pixmap, ""))
    view = QListView()
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(True)
    view.setIconSize(box)
    view.setSpacing(4)
    view.setModel(model)
    view.setProperty("bench_model", model)
    view.resize(1280, 800)
    view.show()
    return view


def frames(view: QListView, app: QApplication) -> list[float]:
    """Milliseconds per repaint, scrolling from the top to the bottom."""
    app.processEvents()
    bar = view.verticalScrollBar()
    bar.setValue(0)
    view.viewport().repaint()  # first frame: caches warm
    out = []
    for value in range(0, bar.maximum() + STEP_PX, STEP_PX):
        bar.setValue(min(value, bar.maximum()))
        started = time.perf_counter()
        view.viewport().repaint()
        out.append((time.perf_counter() - started) * 1000)
    return out


def paint_bench(app: QApplication) -> dict[str, object]:
    ours_median: list[float] = []
    plain_median: list[float] = []
    worst: list[float] = []
    for _ in range(ROUNDS):
        grid = ours()
        box = grid.photo_size  # the plain view shows each photo as big as ours does
        times = frames(grid, app)
        ours_median.append(statistics.median(times))
        worst.append(max(times))
        grid.close()
        view = plain(box)
        plain_median.append(statistics.median(frames(view, app)))
        view.close()
    ratios = pair_ratios(ours_median, plain_median)
    print(f"grid frame (median per round): ours {fmt(ours_median, 'ms')}, "
          f"plain QListView {fmt(plain_median, 'ms')}; worst frame of ours "
          f"{max(worst):.1f} ms")  # fmt: skip
    ratio = statistics.median(ratios)
    print(f"ours / plain (same round): {fmt(ratios, '×')}; target ≤ {FRAME_RATIO_TARGET}×: "
          f"{'met' if ratio <= FRAME_RATIO_TARGET else 'MISSED'}; worst ≤ {WORST_FRAME_MS} ms: "
          f"{'met' if max(worst) <= WORST_FRAME_MS else 'MISSED'}")  # fmt: skip
    return {
        "ours_frame_ms": summary(ours_median),
        "plain_frame_ms": summary(plain_median),
        "ratio": summary(ratios),
        "worst_frame_ms": max(worst),
        "met": ratio <= FRAME_RATIO_TARGET and max(worst) <= WORST_FRAME_MS,
    }


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory now (or, with "VmHWM", at its highest), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def page_everything(info: dict[str, object], bibs: list[str]) -> list[list[float]]:
    loop = asyncio.get_running_loop()
    client = NinePicClient(
        str(info["base_url"]), org_id=int(str(info["org_id"])), api_key=str(info["api_key"])
    )
    backend = BackendConfig(client.base_url, client.org_id, int(str(info["event_id"])), None)
    runner = TaskRunner(loop)
    window = MainWindow(backend, client, runner, settings=Settings())
    window.resize(1280, 800)
    window.show()
    window.start()
    await runner.wait_idle()
    controller = window.controller
    shown = asyncio.Event()
    controller.results.page_shown.connect(lambda _view: shown.set())
    passes: list[list[float]] = []
    try:
        for _ in range(PASSES):
            samples: list[float] = []
            for bib in bibs:
                shown.clear()
                controller.submit(SearchMode.BIB, bib)
                while True:
                    await shown.wait()
                    await controller.thumbnails.wait_screen_done()
                    samples.append(rss_mb())
                    view = controller.view
                    if view is None or not view.has_next:
                        break
                    shown.clear()
                    controller.next_page()
            passes.append(samples)
            print(f"  pass {len(passes)}: {len(samples)} pages, RSS {samples[0]:.0f} → "
                  f"{samples[-1]:.0f} MB (max {max(samples):.0f})", flush=True)  # fmt: skip
    finally:
        await window.shutdown()
        await client.aclose()
        window.close()
    return passes


def memory_bench() -> dict[str, object]:
    """Runs `memory_alone` in a fresh process and reports what it found."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_grid", "--memory-alone"],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    print("\n".join(lines[:-1]), flush=True)
    result: dict[str, object] = json.loads(lines[-1])
    return result


def memory_alone(loop: asyncio.AbstractEventLoop) -> dict[str, object]:
    limit_malloc_arenas()  # as `run_gui` does for the app's window process
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve-demo", "--event-photos", str(EVENT_PHOTOS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    info = json.loads(process.stdout.readline())
    catalog = DemoCatalog(event_photos=EVENT_PHOTOS)  # the same world: every runner's BIB
    bibs = [r.bib for r in catalog.runners(catalog.main_event_id)]
    started = time.perf_counter()
    try:
        passes = loop.run_until_complete(page_everything(info, bibs))
    finally:
        process.terminate()
        process.wait(timeout=10)
    first, last = max(passes[0]), max(passes[-1])
    levels_off = last <= first * 1.1
    peak = max(max(p) for p in passes)
    high_water = rss_mb("VmHWM")
    verdict = "met" if peak <= RSS_TARGET_MB else "MISSED"
    print(f"memory: {len(catalog.photos(catalog.main_event_id))} photos, {len(bibs)} runners, "
          f"{PASSES} passes in {time.perf_counter() - started:.0f} s; peak RSS after a page "
          f"{peak:.0f} MB (target ≤ {RSS_TARGET_MB:.0f}: {verdict}); highest ever (VmHWM) "
          f"{high_water:.0f} MB; levels off: {'yes' if levels_off else 'NO'}")  # fmt: skip
    return {
        "photos": len(catalog.photos(catalog.main_event_id)),
        "pages_per_pass": len(passes[0]),
        "rss_mb_per_pass": [summary(p) for p in passes],
        "peak_rss_mb": peak,
        "high_water_mb": high_water,
        "met": peak <= RSS_TARGET_MB and levels_off,
    }


def main() -> int:
    from PySide6.QtCore import qInstallMessageHandler

    previous = qInstallMessageHandler(_quiet_offscreen_warning)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    loop = new_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        if "--memory-alone" in sys.argv:
            print(json.dumps(memory_alone(loop)), flush=True)
            return 0
        painting = paint_bench(app)
        memory = memory_bench()
    finally:
        loop.close()
        qInstallMessageHandler(previous)
    record("grid", {"painting": painting, "memory": memory})
    return 0 if painting["met"] and memory["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
