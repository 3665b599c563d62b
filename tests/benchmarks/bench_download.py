"""Headless download against curl and aria2c, on a shaped link and on loopback.

Set-up: the originals (JPEG-framed, incompressible, 4 MiB each) are written once into a
cache folder at the paths presigned URLs use; a static origin (`static_origin.py`:
threads, keep-alive, sendfile) serves them in its own process; the stand-in API runs
here with `storage_url` pointing at that origin, or at a `shaper` in front of it.

Scenarios:
- **shaped**: 48 originals through a real TCP proxy (`shaper.py`) that adds 40 ms per
  round trip, charges a round trip per new connection and caps each connection at
  3 MB/s (a photo host's usual per-transfer limit). The API sits behind its own shaper
  (same latency, no cap), so our link requests pay the round trips too. 48 files fill
  every connection to the end at 8, 12 and 16 at once (60 left the comparators' last
  round half idle, which flattered us), and keep the run short.
- **loopback**: 100 originals, no shaping: what per-file overhead costs.

Tools, alternating round by round (the order rotates), ≥ 5 rounds:
- ours, `photo-retriever download --ids … --out DIR` with **default** settings and
  another `--parallel` (16, the most allowed, on the shaped link; 8 on loopback). This
  is our **whole job**: asking the API for
  the presigned links, the journal, SHA-256, fsync and the rename are all inside the
  time; the comparators are handed the links ready-made.
- `aria2c -j 8 -i urls.txt`, `curl --parallel --parallel-max 8 -K config`.
- loopback only, `curl+sync`: the same curl, then `sync` of its files and folder. curl
  leaves the bytes in the page cache; we fsync every photo before its rename, so our
  time holds the disk's writing of all of them and curl's does not. This row shows how
  much of the gap that is (the verdict stays against plain curl, as issue 16 asks).
- `--baseline DIR` (or BENCH_DOWNLOAD_BASELINE): another copy of the code (say `git
  archive main` unpacked) run the same way as `baseline-default`, round by round with
  ours: a before/after in one run. `--only loopback` (BENCH_DOWNLOAD_ONLY) runs one
  scenario; `--loopback-tuned 0` drops the tuned loopback row.

Figures: wall time, time to the first file saved, CPU seconds and peak RSS of each child
(wait4 in a small wrapper process); medians, ranges and same-round ratios. Targets (from
issue 16): shaped default ≤ 1.0× the faster comparator and first file no later than
aria2c's; loopback ≤ 1.3× curl. Printed and written to `bench-results.json`, never
asserted in tests.
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.client import NinePicClient
from app.core.models import DownloadOriginalPhotosRequest
from app.demo.server import DemoConfig, DemoServer
from app.demo.signing import object_key
from tests.benchmarks.measure import (
    ROOT,
    Sample,
    compile_bytecode,
    fmt,
    pair_ratios,
    record,
    run_child,
    start_shaper,
    summary,
)
from tests.jpeg_bytes import framed_jpeg

CACHE = Path(tempfile.gettempdir()) / "photo-retriever-bench-origin"
SHAPED_TARGET = 1.0
LOOPBACK_TARGET = 1.3
SCENARIOS = ("shaped", "loopback")


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench_download")
    parser.add_argument("--size-mb", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shaped-count", type=int, default=48)
    parser.add_argument("--loopback-count", type=int, default=100)
    parser.add_argument("--rtt-ms", type=float, default=40.0)
    parser.add_argument("--rate", type=float, default=3e6, help="bytes/s per connection")
    parser.add_argument("--tuned", type=int, default=16, help="--parallel of the tuned run")
    parser.add_argument(
        "--loopback-tuned",
        type=int,
        default=8,
        help="--parallel of the tuned loopback run, 0: none",
    )
    parser.add_argument("--work", type=Path, default=None, help="where downloads are written")
    parser.add_argument(
        "--only",
        choices=SCENARIOS,
        default=os.environ.get("BENCH_DOWNLOAD_ONLY") or None,
        help="run one scenario (also BENCH_DOWNLOAD_ONLY=shaped|loopback)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=os.environ.get("BENCH_DOWNLOAD_BASELINE") or None,
        help="another copy of the code (its root folder) run as `baseline-default`, "
        "round by round with ours: before/after in the same run",
    )
    return parser.parse_args(list(argv))


def make_originals(demo: DemoServer, ids: list[str], size: int) -> Path:
    """JPEG-framed random files at the presigned paths; kept between benchmark runs."""
    root = CACHE / f"framed-{size}"  # a JPEG marker structure the engine can walk
    for image_id in ids:
        target = root / object_key(demo.event_id, image_id)
        if target.is_file() and target.stat().st_size == size:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(framed_jpeg(size))
    return root


def start_origin(root: Path) -> tuple[subprocess.Popen[str], int]:
    origin = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.static_origin", str(root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert origin.stdout is not None
    return origin, int(origin.stdout.readline())


async def presigned_urls(demo: DemoServer, ids: list[str]) -> list[str]:
    async with NinePicClient(demo.base_url, org_id=demo.org_id, api_key=demo.api_key) as client:
        urls: list[str] = []
        for start in range(0, len(ids), 60):
            request = DownloadOriginalPhotosRequest.for_images(ids[start : start + 60])
            async for page in client.iter_original_photos(demo.event_id, request):
                urls.extend(item.url for item in page.presigned_urls)
        return urls


def ensure_tools() -> dict[str, str]:
    """curl and aria2c where found (`make bench` installs them with apt where it can)."""
    found = {name: shutil.which(name) for name in ("aria2c", "curl")}
    for name, path in found.items():
        if path is None:
            print(f"{name} missing: its comparison is skipped", flush=True)
    return {name: path for name, path in found.items() if path}


def check_folder(folder: Path, count: int, size: int) -> None:
    files = [p for p in folder.iterdir() if p.suffix == ".jpg"]
    if len(files) != count or any(p.stat().st_size != size for p in files):
        raise SystemExit(f"{folder}: expected {count} files of {size} bytes")


Command = Callable[[Path], list[str]]


@dataclass
class Scenario:
    name: str
    count: int
    tools: dict[str, Command]
    env: dict[str, str]


def _ours(api_url: str, demo: DemoServer, ids: list[str], parallel: int | None) -> Command:
    def command(out: Path) -> list[str]:
        extra = ["--parallel", str(parallel)] if parallel else []
        return [
            sys.executable, "-m", "app.cli", "download", "--api-url", api_url,
            "--org", str(demo.org_id), "--event", str(demo.event_id), *extra,
            "--ids", *ids, "--out", str(out),
        ]  # fmt: skip

    return command


def _baseline(root: Path, ours: Command) -> Command:
    """The same command, importing `app` from another copy of the code."""
    start = (
        "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); "
        "runpy.run_module('app.cli', run_name='__main__', alter_sys=True)"
    )

    def command(out: Path) -> list[str]:
        python, _, _, *rest = ours(out)  # python -m app.cli …
        return [python, "-c", start, str(root.resolve()), *rest]

    return command


def _aria2c(path: str, url_file: Path) -> Command:
    def command(out: Path) -> list[str]:
        return [path, "-j", "8", "-i", str(url_file), "-d", str(out), "-q",
                "--allow-overwrite=true", "--auto-file-renaming=false"]  # fmt: skip

    return command


def _curl(path: str, urls: list[str], work: Path, tag: str) -> Command:
    def command(out: Path) -> list[str]:
        config = work / f"curl-{tag}.cfg"
        lines = []
        for url in urls:
            name = url.split("?", 1)[0].rsplit("/", 1)[-1]
            lines.append(f'url = "{url}"\noutput = "{out / name}"\n')
        config.write_text("".join(lines))
        return [path, "--parallel", "--parallel-max", "8", "--create-dirs", "-s", "-S",
                "--fail", "-K", str(config)]  # fmt: skip

    return command


def _synced(curl: Command) -> Command:
    """curl, then `sync` of every file it wrote and of the folder: the same durability
    our download gives each photo (fsync before the rename, the folder after), so the
    disk's share of our time can be told from the rest."""

    def command(out: Path) -> list[str]:
        script = 'out="$1"; shift; "$@" && sync -- "$out" "$out"/*'
        return ["sh", "-c", script, "sh", str(out), *curl(out)]

    return command


def run_scenario(scenario: Scenario, rounds: int, size: int, work: Path) -> dict[str, list[Sample]]:
    names = list(scenario.tools)
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    print(f"\n-- {scenario.name}: {scenario.count} × {size / 2**20:.0f} MiB", flush=True)
    for round_no in range(rounds):
        order = names[round_no % len(names) :] + names[: round_no % len(names)]
        line = [f"round {round_no + 1}:"]
        for name in order:
            out = work / f"{scenario.name}-{name}-{round_no}"
            sample = run_child(scenario.tools[name](out), out=out, size=size, env=scenario.env)
            check_folder(out, scenario.count, size)
            shutil.rmtree(out)
            samples[name].append(sample)
            line.append(f"{name} {sample.seconds:.2f} s")
        print("  ".join(line), flush=True)
    return samples


def report(
    scenario: str, samples: dict[str, list[Sample]], size: int, count: int
) -> dict[str, object]:
    total_mb = count * size / 1e6
    print(
        f"\n{scenario}: {count} files, {total_mb:.0f} MB; "
        f"median (range) of {len(next(iter(samples.values())))} rounds"
    )
    print(f"{'tool':<16} {'wall':>22} {'first file':>22} {'CPU':>20} {'peak RSS':>10}")
    for name, runs in samples.items():
        print(
            f"{name:<16} {fmt([r.seconds for r in runs]):>22} "
            f"{fmt([r.first_s for r in runs]):>22} {fmt([r.cpu_s for r in runs]):>20} "
            f"{max(r.rss_mb for r in runs):>7.0f} MB"
        )
    figures: dict[str, object] = {
        name: {
            "wall_s": summary([r.seconds for r in runs]),
            "first_file_s": summary([r.first_s for r in runs]),
            "cpu_s": summary([r.cpu_s for r in runs]),
            "peak_rss_mb": max(r.rss_mb for r in runs),
            "runs": runs,
        }
        for name, runs in samples.items()
    }
    ratios: dict[str, object] = {}
    mine = [n for n in samples if n.startswith(("ours", "baseline"))]
    pairs_wanted = [(a, b) for a in mine for b in samples if b not in mine]
    if "baseline-default" in samples:
        pairs_wanted.append(("ours-default", "baseline-default"))
    for ours, other in pairs_wanted:
        for what, pick in (("wall", _wall), ("CPU", _cpu)):
            pairs = pair_ratios([pick(r) for r in samples[ours]], [pick(r) for r in samples[other]])
            key = f"{ours}/{other}" + ("" if what == "wall" else " cpu")
            ratios[key] = summary(pairs)
            print(f"ratio {ours}/{other} {what} (same round): {fmt(pairs, '×')}")
    figures["ratios"] = ratios
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv or [])
    for code in (ROOT, args.baseline):
        if code is not None:
            compile_bytecode(code)
    size = int(args.size_mb * 1024 * 1024)
    work = Path(tempfile.mkdtemp(prefix="bench-download-", dir=args.work))
    tools = ensure_tools()
    count = max(args.shaped_count, args.loopback_count)
    with DemoServer() as probe:
        all_ids = [
            p.image_id for p in probe.catalog.photos(probe.event_id) if not p.original_missing
        ]
        ids = all_ids[:count]
        root = make_originals(probe, ids, size)
    processes: list[subprocess.Popen[str]] = []
    results: dict[str, object] = {}
    missed = False
    try:
        origin, origin_port = start_origin(root)
        processes.append(origin)
        # --- shaped link: the storage and the API each behind a shaper
        if args.only in (None, "shaped"):
            storage, storage_port = start_shaper(f"127.0.0.1:{origin_port}", args.rtt_ms, args.rate)
            processes.append(storage)
            shaped_ids = ids[: args.shaped_count]
            with DemoServer(DemoConfig(storage_url=f"http://127.0.0.1:{storage_port}")) as demo:
                api_at = demo.base_url.removeprefix("http://")
                api, api_port = start_shaper(api_at, args.rtt_ms, None)
                processes.append(api)
                api_url = f"http://127.0.0.1:{api_port}"
                urls = asyncio.run(presigned_urls(demo, shaped_ids))
                scenario = _scenario(
                    "shaped", demo, api_url, shaped_ids, urls, tools, work, args.tuned,
                    args.baseline,
                )  # fmt: skip
                samples = run_scenario(scenario, args.rounds, size, work)
            shaped = report("shaped", samples, size, len(shaped_ids))
            shaped["link"] = {"rtt_ms": args.rtt_ms, "rate_per_connection": args.rate}
            results["shaped"] = shaped
            missed |= _verdict_shaped(samples)
        # --- loopback
        if args.only in (None, "loopback"):
            loop_ids = ids[: args.loopback_count]
            with DemoServer(DemoConfig(storage_url=f"http://127.0.0.1:{origin_port}")) as demo:
                urls = asyncio.run(presigned_urls(demo, loop_ids))
                scenario = _scenario(
                    "loopback", demo, demo.base_url, loop_ids, urls, tools, work,
                    args.loopback_tuned,
                    args.baseline,
                    synced=True,
                )  # fmt: skip
                run_child(scenario.tools["ours-default"](work / "warm"), env=scenario.env)  # caches
                shutil.rmtree(work / "warm", ignore_errors=True)
                samples = run_scenario(scenario, args.rounds, size, work)
            results["loopback"] = report("loopback", samples, size, len(loop_ids))
            missed |= _verdict_loopback(samples)
    finally:
        for process in processes:
            process.terminate()
            process.wait()
        shutil.rmtree(work, ignore_errors=True)
    results["note"] = (
        "ours = the whole job (links asked from the API included); comparators get the links"
    )
    # One scenario alone keeps its own section: a whole run's figures stay as they were.
    record("download" if args.only is None else f"download-{args.only}", results)
    return 1 if missed else 0


def _scenario(
    name: str, demo: DemoServer, api_url: str, ids: list[str], urls: list[str],
    tools: dict[str, str], work: Path, tuned: int | None, baseline: Path | None = None,
    *, synced: bool = False,
) -> Scenario:  # fmt: skip
    url_file = work / f"urls-{name}.txt"
    url_file.write_text("\n".join(urls) + "\n")
    commands: dict[str, Command] = {"ours-default": _ours(api_url, demo, ids, None)}
    if baseline is not None:
        commands["baseline-default"] = _baseline(baseline, commands["ours-default"])
    if tuned:
        commands[f"ours-parallel-{tuned}"] = _ours(api_url, demo, ids, tuned)
    if "aria2c" in tools:
        commands["aria2c"] = _aria2c(tools["aria2c"], url_file)
    if "curl" in tools:
        commands["curl"] = _curl(tools["curl"], urls, work, name)
        if synced:
            commands["curl+sync"] = _synced(commands["curl"])
    env = {**os.environ, "NINEPIC_API_KEY": demo.api_key}
    return Scenario(name, len(ids), commands, env)


def _wall(sample: Sample) -> float:
    return sample.seconds


def _cpu(sample: Sample) -> float:
    return sample.cpu_s


def _median(samples: list[Sample], pick: Callable[[Sample], float]) -> float:
    return statistics.median(pick(s) for s in samples)


def _verdict_shaped(samples: dict[str, list[Sample]]) -> bool:
    others = [n for n in ("aria2c", "curl") if n in samples]
    if not others:
        return False
    best = min(others, key=lambda n: _median(samples[n], lambda s: s.seconds))
    ratio = statistics.median(
        pair_ratios(
            [s.seconds for s in samples["ours-default"]], [s.seconds for s in samples[best]]
        )
    )
    print(
        f"shaped: default ≤ {SHAPED_TARGET}× {best}: "
        f"{'met' if ratio <= SHAPED_TARGET else 'MISSED'} ({ratio:.2f}×)"
    )
    missed = ratio > SHAPED_TARGET
    if "aria2c" in samples:
        ours_first = _median(samples["ours-default"], lambda s: s.first_s)
        aria_first = _median(samples["aria2c"], lambda s: s.first_s)
        met = ours_first <= aria_first
        print(f"shaped: first file no later than aria2c: {'met' if met else 'MISSED'} "
              f"({ours_first:.2f} s vs {aria_first:.2f} s)")  # fmt: skip
        missed |= not met
    return missed


def _verdict_loopback(samples: dict[str, list[Sample]]) -> bool:
    if "curl" not in samples:
        return False
    ratio = statistics.median(
        pair_ratios(
            [s.seconds for s in samples["ours-default"]], [s.seconds for s in samples["curl"]]
        )
    )
    print(
        f"loopback: default ≤ {LOOPBACK_TARGET}× curl: "
        f"{'met' if ratio <= LOOPBACK_TARGET else 'MISSED'} ({ratio:.2f}×)"
    )
    return ratio > LOOPBACK_TARGET


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
