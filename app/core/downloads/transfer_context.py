"""What one photo's transfer is bounded by (`TransferPolicy`) and what all transfers of a
batch share (`TransferContext`): folder, storage client, pool, journal, names, gates."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import random
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from app.core.downloads.events import DownloadEvent
from app.core.downloads.fetch import StorageClient
from app.core.downloads.filenames import NameBook
from app.core.downloads.group_sync import GroupSync
from app.core.downloads.journal import Journal
from app.core.downloads.links import Link, LinkFeed
from app.core.downloads.progress import Control
from app.core.downloads.writer import fsync_folder
from app.core.retry import HostGates, RetryPolicy, Sleep

T = TypeVar("T")


@dataclass(frozen=True)
class TransferPolicy:
    """Bounds for one photo's retries."""

    max_attempts: int = 8
    """Failed attempts in a row that moved no bytes before giving up."""
    max_refreshes: int = 5
    """Fresh links asked for one photo."""
    backoff: RetryPolicy = field(default_factory=lambda: RetryPolicy(base_delay=0.5))
    max_retry_after_s: float = 60.0
    block_bytes: int = 1024 * 1024
    """Most bytes taken from the socket per read."""
    min_speed_bps: float = 8 * 1024
    """Slower than this over `speed_window_s` is a stall (curl's --speed-limit)."""
    speed_window_s: float = 30.0
    max_stalls: int = 3
    """Stalled attempts of one photo before it fails (each resumes where it stopped)."""
    cpu_slots: int | None = None
    """Transfers that may hash and write a block at the same time; None: all of them.
    The window sets one fewer than the cores (`leave_a_core`): a dozen threads hashing
    at once on a fast link leave its GUI thread waiting tens of milliseconds for a core."""


def leave_a_core(policy: TransferPolicy) -> TransferPolicy:
    """`policy` with the block work bounded to all cores but one (at least one)."""
    return replace(policy, cpu_slots=max(1, (os.cpu_count() or 2) - 1))


@dataclass
class TransferContext:
    """What all transfers of a batch share."""

    folder: Path
    storage: StorageClient
    executor: Executor
    journal: Journal
    names: NameBook
    links: LinkFeed
    policy: TransferPolicy
    control: Control
    emit: Callable[[DownloadEvent], None]
    progress: Callable[[str, int, int | None, int], None]
    """(key, bytes in the part, full size, bytes received since the last call); loop side."""
    loop: asyncio.AbstractEventLoop
    sleep: Sleep = asyncio.sleep
    rand: Callable[[], float] = random.random
    gates: HostGates = field(default_factory=HostGates)
    """One 429 gate per storage host, shared by every transfer of the batch."""
    secrets: tuple[str, ...] = ()
    """Redacted from every name and text that reaches the disk or the screen."""
    name_for: Callable[[Link], str] | None = None
    """The file name a photo would like (before de-duplication); None: the server's."""
    split_first: bool = False
    """Fetch the batch's first big photo in two halves at once (`split.py`)."""
    folder_sync: GroupSync = field(init=False)
    """The folder's fsync after a rename, shared by photos that finish together."""
    cpu_gate: contextlib.AbstractContextManager[object] = field(init=False, repr=False)
    """Held while a block is hashed and written (`TransferPolicy.cpu_slots`)."""
    _split_lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.folder_sync = GroupSync(functools.partial(fsync_folder, self.folder))
        slots = self.policy.cpu_slots
        self.cpu_gate = threading.BoundedSemaphore(slots) if slots else contextlib.nullcontext()

    def claim_split(self) -> bool:
        """True for the one transfer that may split (the first to ask); False after."""
        with self._split_lock:
            claimed, self.split_first = self.split_first, False
            return claimed

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        return await self.loop.run_in_executor(self.executor, functools.partial(fn, *args))

    def post(self, fn: Callable[..., None], *args: object) -> None:
        """From a worker thread: run `fn(*args)` on the loop thread."""
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody listens any more
            self.loop.call_soon_threadsafe(fn, *args)
