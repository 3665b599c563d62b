"""The key: environment first, then the keychain under URL + org, or this session's memory."""

from __future__ import annotations

import keyring

from app.core.credentials import (
    KEYRING_SERVICE,
    FoundKey,
    KeySource,
    KeyStore,
    keychain_available,
    keychain_user,
    load_api_key,
    store_api_key,
)
from tests.keyrings import BrokenKeyring, MemoryKeyring

URL = "https://api.9pic.ai"
USER = "https://api.9pic.ai#org=903"


def test_user_is_url_and_org() -> None:
    assert keychain_user(URL + "/", 903) == USER
    assert keychain_user(URL, 904) != USER


def test_environment_wins(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, USER, "from-keychain")
    assert load_api_key(URL, {"NINEPIC_API_KEY": " from-env "}, org_id=903) == "from-env"
    assert load_api_key(URL, {}, org_id=903) == "from-keychain"
    assert load_api_key(URL, {}, org_id=904) is None
    assert load_api_key("https://other.example", {}, org_id=903) is None
    keys = KeyStore({"NINEPIC_API_KEY": "from-env"})
    assert keys.env_override
    assert keys.find(URL, 1) == FoundKey("from-env", KeySource.ENVIRONMENT)


def test_store_then_load(memory_keyring: MemoryKeyring) -> None:
    assert keychain_available()
    assert store_api_key(URL, 903, "k-123")
    assert memory_keyring.store == {(KEYRING_SERVICE, USER): "k-123"}
    assert load_api_key(URL, {}, org_id=903) == "k-123"


def test_an_entry_for_the_url_alone_is_still_found(memory_keyring: MemoryKeyring) -> None:
    """Saved by an older version (user = API URL), or the relay's own entry."""
    memory_keyring.set_password(KEYRING_SERVICE, URL, "older")
    assert load_api_key(URL, {}) == "older"
    assert load_api_key(URL + "/", {}, org_id=903) == "older"
    memory_keyring.set_password(KEYRING_SERVICE, USER, "newer")
    assert load_api_key(URL, {}, org_id=903) == "newer"  # URL + org first


def test_key_store_uses_the_keychain_when_there_is_one(memory_keyring: MemoryKeyring) -> None:
    keys = KeyStore({})
    assert keys.keep(URL, 903, "k-1") is KeySource.KEYCHAIN
    assert memory_keyring.store == {(KEYRING_SERVICE, USER): "k-1"}
    # A second run of the app (a new store) finds it again.
    assert KeyStore({}).find(URL, 903) == FoundKey("k-1", KeySource.KEYCHAIN)


def test_without_a_keychain_the_key_lives_in_memory_only() -> None:
    assert not keychain_available()  # tests start on keyring's fail.Keyring
    keys = KeyStore({})
    assert keys.keep(URL, 903, "k-2") is KeySource.SESSION
    assert keys.find(URL, 903) == FoundKey("k-2", KeySource.SESSION)
    assert "k-2" not in repr(keys) and "k-2" not in repr(keys.find(URL, 903))
    assert KeyStore({}).find(URL, 903) is None  # gone with the session


def test_broken_keychain_means_no_key() -> None:
    keyring.set_keyring(BrokenKeyring())
    assert load_api_key(URL, {}, org_id=903) is None
    assert store_api_key(URL, 903, "k") is False
    keys = KeyStore({})
    assert keys.keep(URL, 903, "k-3") is KeySource.SESSION
    assert keys.find(URL, 903) == FoundKey("k-3", KeySource.SESSION)
