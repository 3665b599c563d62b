"""The log file: in the log folder, rotating, and with keys and signatures redacted."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.logsafe import LOG_FILE, add_secret, configure_logging, log_dir

KEY = "k-marker-7f3a9c"
LATER_KEY = "k-typed-later-51b2"
SIGNED = "https://photos.example/1488/a.jpg?X-Amz-Signature=deadbeef&X-Amz-Expires=3600"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    configure_logging()  # closes the file handler this test opened
    root.handlers[:] = handlers
    root.setLevel(level)


def test_log_dir_follows_the_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PHOTO_RETRIEVER_LOG_DIR", str(tmp_path))
    assert log_dir() == tmp_path
    monkeypatch.delenv("PHOTO_RETRIEVER_LOG_DIR")
    assert "photo-retriever" in str(log_dir())


def test_file_keeps_info_and_redacts(tmp_path: Path, restore_logging: None) -> None:
    path = tmp_path / "logs" / LOG_FILE
    configure_logging(logging.WARNING, secrets=(KEY,), log_file=path)
    log = logging.getLogger("app.test")
    log.debug("debug is left out without --verbose")
    log.info("calling with key %s for %s", KEY, SIGNED)
    add_secret(LATER_KEY)
    log.warning("the typed key %s was refused", LATER_KEY)
    text = path.read_text()
    assert "debug is left out" not in text
    assert "calling with key ***" in text and "the typed key *** was refused" in text
    assert KEY not in text and LATER_KEY not in text
    assert "deadbeef" not in text and "photos.example/1488/a.jpg" in text


def test_verbose_writes_debug_too(tmp_path: Path, restore_logging: None) -> None:
    path = tmp_path / LOG_FILE
    configure_logging(logging.DEBUG, log_file=path)
    logging.getLogger("app.test").debug("a verbose detail")
    assert "a verbose detail" in path.read_text()


def test_the_file_rotates(tmp_path: Path, restore_logging: None) -> None:
    path = tmp_path / LOG_FILE
    configure_logging(logging.WARNING, log_file=path)
    handler = logging.getLogger().handlers[-1]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    handler.maxBytes = 2000  # a small limit instead of writing a megabyte
    for n in range(100):
        logging.getLogger("app.test").warning("line %d %s", n, "x" * 40)
    assert (tmp_path / f"{LOG_FILE}.1").is_file()
    assert path.stat().st_size <= 2000


def test_a_logged_traceback_is_redacted_too(tmp_path: Path, restore_logging: None) -> None:
    path = tmp_path / "logs" / LOG_FILE
    configure_logging(logging.WARNING, secrets=(KEY,), log_file=path)
    try:
        raise ValueError(f"the server echoed {KEY} and {SIGNED}")
    except ValueError:
        logging.getLogger("app.test").exception("a call failed")
    text = path.read_text()
    assert "Traceback" in text and "ValueError: the server echoed ***" in text
    assert KEY not in text and "deadbeef" not in text


def test_redacting_twice_gives_what_redacting_once_did() -> None:
    """Two handlers with filters on one record each redact it: the second must not eat
    the "?" of the first one's "<redacted>"."""
    from app.core.urls import redact_text

    once = redact_text(f"saving {SIGNED} with {KEY}", (KEY,))
    assert once == "saving https://photos.example/1488/a.jpg?<redacted> with ***"
    assert redact_text(once, (KEY,)) == once
    loopback = redact_text("from http://[::1]:8000/x.jpg?sig=1")
    assert loopback == "from http://[::1]:8000/x.jpg?<redacted>"
    assert redact_text(loopback) == loopback
