"""Fewer malloc arenas for the window process, where the C library allows it.

glibc gives threads that allocate at the same time arenas of their own (up to 8 per
core). The thumbnail threads decode images and compose tile cards that the GUI thread
later frees; memory freed into another thread's arena is reused only by that arena, so
paging through a large event kept some 15 MB more with the default than with two arenas
(3,124 photos paged twice: 213 MB against 198 MB peak). Elsewhere this does nothing.
"""

from __future__ import annotations

import sys

_M_ARENA_MAX = -8  # from glibc's malloc.h
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Ask glibc for at most `arenas` arenas from now on; True when it agreed. Call it
    before the worker threads start (arenas already made stay)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except (OSError, AttributeError):  # not glibc (musl has no mallopt of this kind)
        return False
