"""The key comes from the environment or the keychain, and a broken keychain is no crash."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from app.core.credentials import KEYRING_SERVICE, load_api_key, store_api_key

URL = "https://api.9pic.ai"


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


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_environment_wins(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, URL, "from-keychain")
    assert load_api_key(URL, {"NINEPIC_API_KEY": " from-env "}) == "from-env"
    assert load_api_key(URL, {}) == "from-keychain"
    assert load_api_key("https://other.example", {}) is None


def test_store_then_load(memory_keyring: MemoryKeyring) -> None:
    assert store_api_key(URL, "k-123")
    assert memory_keyring.store == {(KEYRING_SERVICE, URL): "k-123"}
    assert load_api_key(URL, {}) == "k-123"


def test_broken_keychain_means_no_key() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        assert load_api_key(URL, {}) is None
        assert store_api_key(URL, "k") is False
    finally:
        keyring.set_keyring(previous)
