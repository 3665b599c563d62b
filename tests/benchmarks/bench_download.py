"""Headless download vs `aria2c -j 8`: 200 originals of 4 MB from a fast local origin.

Set-up: the originals (JPEG-framed, incompressible, `--size-mb` each) are written once
into a cache folder at the paths presigned URLs use; a static origin
(`static_origin.py`: threads, keep-alive, sendfile) serves them in its own process; the
stand-in API runs here with `storage_url` pointing at that origin. The 200 presigned
URLs are fetched once and written to a file for aria2c. Then, alternating, a few runs
each: `photo-retriever download --ids … --parallel 8` as a subprocess (links fetched
by the command itself, journal, fsync and SHA-256 included), and
`aria2c -j 8 -i urls.txt -d DIR`. Wall time and peak RSS of each child come from
wait4(2) in a small wrapper process.

Targets: median wall time ratio ours / aria2c ≤ 1.1; our peak RSS < 100 MB.
aria2c is installed with apt-get when missing and running as root; otherwise only our
figures are printed. Times are reported, never asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from app.core.client import NinePicClient
from app.core.models import DownloadOriginalPhotosRequest
from app.demo.server import DemoConfig, DemoServer
from app.demo.signing import object_key
from tests.jpeg_bytes import framed_jpeg

ROOT = Path(__file__).resolve().parents[2]
RATIO_TARGET = 1.1
RSS_TARGET_MB = 100.0
CACHE = Path(tempfile.gettempdir()) / "photo-retriever-bench-origin"


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench_download")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--size-mb", type=float, default=4.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--warmup", type=int, default=1, help="uncounted pairs first (caches, pools)"
    )
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--work", type=Path, default=None, help="where downloads are written")
    return parser.parse_args(list(argv))


def make_originals(demo: DemoServer, ids: list[str], size: int) -> Path:
    """JPEG-framed random files at the presigned paths; kept between benchmark runs."""
    root = CACHE / f"framed-{size}"  # a JPEG marker structure the engine can walk
    for image_id in ids:
        target = root / object_key(demo.event_id, image_id)
        if target.is_file() and target.stat().st_size == size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        body = framed_jpeg(size)
        target.write_bytes(body)
    return root


def start_origin(root: Path) -> tuple[subprocess.Popen[str], str]:
    origin = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.static_origin", str(root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert origin.stdout is not None
    port = origin.stdout.readline().strip()
    return origin, f"http://127.0.0.1:{port}"


async def presigned_urls(demo: DemoServer, ids: list[str]) -> list[str]:
    async with NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key) as client:
        urls: list[str] = []
        for start in range(0, len(ids), 60):
            request = DownloadOriginalPhotosRequest.for_images(ids[start : start + 60])
            async for page in client.iter_original_photos(demo.event_id, request):
                urls.extend(item.url for item in page.presigned_urls)
        return urls


# Run by a bare interpreter that forks, execs and waits: Linux reports the peak RSS of
# a child as at least its parent's RSS at fork time, so measuring straight from this
# (big) process would report our own size; the wrapper's floor is about 7 MB.
_MEASURE = """
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one child process."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", _MEASURE, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, rss_kb, code = done.stdout.split()
    return float(seconds), int(rss_kb) / 1024, int(code)


def ensure_aria2c() -> str | None:
    found = shutil.which("aria2c")
    if found or not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print("installing aria2 for the comparison…", flush=True)
    for command in ("install", "update", "install"):
        run = ["apt-get", command, "-y", "-q", *(["aria2"] if command == "install" else [])]
        subprocess.run(run, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if shutil.which("aria2c"):
            break
    return shutil.which("aria2c")


def check_folder(folder: Path, count: int, size: int) -> None:
    files = [p for p in folder.iterdir() if p.suffix == ".jpg"]
    if len(files) != count or any(p.stat().st_size != size for p in files):
        raise SystemExit(f"{folder}: expected {count} files of {size} bytes")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv or [])
    size = int(args.size_mb * 1024 * 1024)
    work = Path(tempfile.mkdtemp(prefix="bench-download-", dir=args.work))
    aria2c = ensure_aria2c()
    with DemoServer() as probe:
        ids = [p.image_id for p in probe.catalog.photos(probe.event_id)][: args.count]
        root = make_originals(probe, ids, size)
    origin, origin_url = start_origin(root)
    try:
        with DemoServer(DemoConfig(storage_url=origin_url)) as demo:
            urls = asyncio.run(presigned_urls(demo, ids))
            url_file = work / "urls.txt"
            url_file.write_text("\n".join(urls) + "\n")
            ours_cmd = [
                sys.executable,
                "-m",
                "app.cli",
                "download",
                "--api-url",
                demo.base_url,
                "--org",
                str(demo.org_id),
                "--event",
                str(demo.event_id),
                "--parallel",
                str(args.parallel),
                "--ids",
                *ids,
                "--out",
            ]
            env = {**os.environ, "NINEPIC_API_KEY": demo.api_key}
            ours: list[tuple[float, float]] = []
            theirs: list[tuple[float, float]] = []
            for run in range(-args.warmup, args.runs):
                out = work / f"ours-{run}"
                seconds, rss, code = timed([*ours_cmd, str(out)], env)
                if code != 0:
                    raise SystemExit(f"photo-retriever download exited {code}")
                check_folder(out, len(ids), size)
                shutil.rmtree(out)
                label = f"run {run + 1}" if run >= 0 else "warm-up"
                if run >= 0:
                    ours.append((seconds, rss))
                print(f"{label}: ours {seconds:6.2f} s  {rss:6.1f} MB", end="", flush=True)
                if aria2c:
                    out = work / f"aria2c-{run}"
                    aria = [aria2c, "-j", "8", "-i", str(url_file), "-d", str(out), "-q"]
                    seconds, rss, code = timed(aria)
                    if code != 0:
                        raise SystemExit(f"aria2c exited {code}")
                    check_folder(out, len(ids), size)
                    shutil.rmtree(out)
                    if run >= 0:
                        theirs.append((seconds, rss))
                    print(f"   aria2c {seconds:6.2f} s  {rss:6.1f} MB", end="")
                print(flush=True)
    finally:
        origin.terminate()
        origin.wait()
        shutil.rmtree(work, ignore_errors=True)
    return report(ours, theirs, len(ids), size)


def report(
    ours: list[tuple[float, float]], theirs: list[tuple[float, float]], count: int, size: int
) -> int:
    total_mb = count * size / 1e6
    ours_s = statistics.median(s for s, _ in ours)
    peak = max(r for _, r in ours)
    print(f"{count} originals, {total_mb:.0f} MB in all")
    print(f"ours:   median {ours_s:.2f} s ({total_mb / ours_s:.0f} MB/s), peak RSS {peak:.1f} MB")
    missed = peak >= RSS_TARGET_MB
    if theirs:
        theirs_s = statistics.median(s for s, _ in theirs)
        # Runs alternate ours / aria2c, so the ratio of each pair cancels the drift of a
        # shared, noisy machine; its median is the figure to quote.
        pairs = [o / t for (o, _), (t, _) in zip(ours, theirs, strict=True)]
        ratio = statistics.median(pairs)
        print(f"aria2c: median {theirs_s:.2f} s ({total_mb / theirs_s:.0f} MB/s)")
        print(f"ratio ours/aria2c, pair by pair: {' '.join(f'{r:.2f}' for r in pairs)}")
        print(f"ratio ours/aria2c (median of pairs): {ratio:.2f} (target ≤ {RATIO_TARGET})")
        missed = missed or ratio > RATIO_TARGET
    else:
        print("aria2c not available: no comparison")
    verdict = "met" if peak < RSS_TARGET_MB else "MISSED"
    print(f"peak RSS target < {RSS_TARGET_MB:.0f} MB: {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
