"""`python -m app` runs the same entry point as `photo-retriever`."""

import sys

from app.cli import main

sys.exit(main())
