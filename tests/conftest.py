"""Shared test settings: Qt offscreen, anyio on asyncio only, no real keychain."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail

from tests.keyrings import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def _no_keychain(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts like a desktop without a keychain and without NINEPIC_API_KEY,
    so no test reads or writes the real keychain of the machine it runs on."""
    monkeypatch.delenv("NINEPIC_API_KEY", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _root_logging_restored() -> Iterator[None]:
    """A test that runs the command line installs the app's log handlers on the root
    logger (on a captured stderr that is closed afterwards): later tests get the
    root logger as it was."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    libraries = {name: logging.getLogger(name).level for name in ("httpx", "httpcore", "PIL")}
    yield
    for added in root.handlers:
        if added not in handlers:
            added.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, was in libraries.items():
        logging.getLogger(name).setLevel(was)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    """An in-memory keychain in place of the OS one for this test."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)  # `_no_keychain` puts the previous one back
    return backend
