"""`python -m app` runs the same entry point as `photo-retriever`."""

from app.cli import run

run()
