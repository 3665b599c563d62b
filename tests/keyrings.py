"""Keychains for tests: one in memory, one that is broken; the real one is never touched."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class BrokenKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("no secret service on this desktop")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("locked")
