"""Everything that is not Qt: models, client, errors, retries, downloads, settings.

Two settings for libraries the core loads, made here because they must come before
those libraries are imported.
"""

import os
import sys

if "httpx" not in sys.modules:
    # httpx imports its optional command-line client at once; that needs rich, which the
    # app does not install, so the import fails, but only after importing click and
    # pygments: ~15 ms (6 % of the client's import) on every start of the client. A None
    # in sys.modules makes the import fail at once; `httpx.main` is then httpx's own
    # stand-in, which says what is missing.
    sys.modules["httpx._main"] = None  # type: ignore[assignment]

# The app uses no pydantic plugins; without this, the first model built scans the entry
# points of every installed package for them (pydantic's documented switch; a value the
# environment already gives is kept).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
