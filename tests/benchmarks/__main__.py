"""Run every `bench_*` module of this package (or those matching the given words)."""

from __future__ import annotations

import faulthandler
import importlib
import pkgutil
import sys
import time
from collections.abc import Sequence

from tests.benchmarks.measure import compile_bytecode, record


def bench_modules() -> list[str]:
    package = importlib.import_module("tests.benchmarks")
    return sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_")
    )


def main(argv: Sequence[str] = ()) -> int:
    names = [n for n in bench_modules() if not argv or any(word in n for word in argv)]
    if not names:
        print("no benchmark matches", " ".join(argv), file=sys.stderr)
        return 2
    faulthandler.enable()  # a crash in Qt or a thread still names where it happened
    failed: list[str] = []
    began = time.perf_counter()
    compile_bytecode()  # the children start as an installed app does
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"tests.benchmarks.{name}")
        result = module.main()
        print(f"--- {name} done in {time.perf_counter() - started:.1f} s", flush=True)
        if result:
            failed.append(name)
    total = time.perf_counter() - began
    print(f"\n{len(names)} benchmark(s) in {total / 60:.1f} min (goal for all: ≤ 10 min)")
    record("run", {"benchmarks": names, "total_s": round(total, 1)})
    if failed:
        print(f"\ntargets missed in: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
