"""The C library's heap in the window process: fewer arenas, and free memory given back.

Arenas: glibc gives threads that allocate at the same time arenas of their own (up to 8
per core). The thumbnail threads decode images and compose tile cards that the GUI
thread later frees; memory freed into another thread's arena is reused only by that
arena, so paging through a large event kept some 15 MB more with the default than with
two arenas (3,124 photos paged twice: 213 MB against 198 MB peak).

Giving back: glibc returns freed memory to the system only from the top of the heap.
Each page of thumbnails frees the last page's images and cards in between live blocks,
so the heap's free part grew for as long as the window was paged through (3,124 photos
paged eight times: the Python and Qt objects levelled off after the third pass, the
resident size did not: 187 → 239 MB, still rising). `malloc_trim` gives those free pages
back as well; called once a page has settled (`app.ui.heap_trim`) it costs about a
millisecond, and over six passes the resident size levelled off near 220 MB.

Elsewhere (macOS, Windows, musl) both do nothing.
"""

from __future__ import annotations

import functools
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ctypes

_M_ARENA_MAX = -8  # from glibc's malloc.h
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Ask glibc for at most `arenas` arenas from now on; True when it agreed. Call it
    before the worker threads start (arenas already made stay)."""
    libc = _glibc()
    if libc is None:
        return False
    try:
        return bool(libc.mallopt(_M_ARENA_MAX, arenas))
    except AttributeError:  # a C library without this kind of mallopt
        return False


def trim_heap() -> bool:
    """Give the heap's free pages back to the system; True when glibc did it (it may
    find nothing to give). Safe from any thread: glibc locks each arena it trims."""
    libc = _glibc()
    if libc is None:
        return False
    try:
        libc.malloc_trim(0)
    except AttributeError:  # musl has no malloc_trim
        return False
    return True


def _glibc() -> ctypes.CDLL | None:
    return _load_glibc() if sys.platform.startswith("linux") else None


@functools.cache
def _load_glibc() -> ctypes.CDLL | None:
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return None
