"""Replace a file with new contents in one step: readers see the old file or the new one.

The data goes to a temp file in the same folder (so the rename cannot cross devices), is
flushed and fsynced, and is then renamed over the target with `os.replace`. If anything
fails, the temp file is removed and the error raised again. Blocking: call it off the
GUI thread.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes | str, *, mode: int = 0o644) -> None:
    """Write `data` (text as UTF-8, no newline translation) to `path` with permissions
    `mode`; the folder must exist."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    # The temp name is hidden and bounded (a long target name must not make it too long).
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
