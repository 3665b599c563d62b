"""Benchmarks: scripts run by `make bench` (`python -m tests.benchmarks`), never by pytest.

Each `bench_*.py` module has a `main() -> int | None`; a non-zero result means a target
was missed. `python -m tests.benchmarks thumb` runs only the modules whose name contains
"thumb".
"""
