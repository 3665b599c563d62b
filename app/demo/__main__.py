"""``python -m app.demo``: the same as ``photo-retriever serve-demo``."""

from __future__ import annotations

import argparse
import sys

from app.demo.command import add_serve_demo_arguments, run_serve_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.demo", description="Run the stand-in 9Pic server."
    )
    add_serve_demo_arguments(parser)
    return run_serve_demo(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
