"""Logging that cannot leak: keys replaced by ***, presigned query strings dropped.

Records go to stderr and, for the window, to a small rotating file in the platform log
folder, so a user can send it when something goes wrong. A key typed in the window after
start-up is added with `add_secret` and redacted from then on.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import weakref
from pathlib import Path

import platformdirs

from app.core.urls import redact_text

APP_NAME = "photo-retriever"
LOG_FILE = "photo-retriever.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
_FILTERS: weakref.WeakSet[RedactingFilter] = weakref.WeakSet()
_INSTALLED: list[logging.Handler] = []


def log_dir() -> Path:
    """`PHOTO_RETRIEVER_LOG_DIR` overrides the platform log folder (tests, portable installs)."""
    override = os.environ.get("PHOTO_RETRIEVER_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME))


def add_secret(secret: str) -> None:
    """Redact `secret` from every record the app's handlers write from now on."""
    if not secret:
        return
    for redacting in list(_FILTERS):
        if secret not in redacting.secrets:
            redacting.secrets = (*redacting.secrets, secret)


class RedactingFilter(logging.Filter):
    """Rewrites each record's final text; attach it to every handler the app installs."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = secrets
        _FILTERS.add(self)

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        # A traceback is formatted after the filters run: fold it into the text now, so an
        # exception message that quotes a key or a signed link is redacted like the rest.
        if record.exc_info:
            text += "\n" + _FORMATTER.formatException(record.exc_info)
        if record.stack_info:
            text += "\n" + _FORMATTER.formatStack(record.stack_info)
        record.msg = redact_text(text, self.secrets)
        record.args = None
        record.exc_info = record.stack_info = None
        record.exc_text = None
        return True


_FORMATTER = logging.Formatter()


def configure_logging(
    level: int = logging.WARNING, secrets: tuple[str, ...] = (), *, log_file: Path | None = None
) -> None:
    """Root handler on stderr with redaction, and with `log_file` a rotating file that
    keeps INFO and up (everything at `level` DEBUG); library chatter kept down."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    handler.setLevel(level)
    handlers: list[logging.Handler] = [handler]
    file_level = min(level, logging.INFO)
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            to_file = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        except OSError as exc:
            logging.getLogger(__name__).warning("no log file: %s", type(exc).__name__)
        else:
            to_file.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            to_file.addFilter(RedactingFilter(secrets))
            to_file.setLevel(file_level)
            handlers.append(to_file)
    root = logging.getLogger()
    for old in _INSTALLED:
        old.close()  # the previous log file, when configured again
    _INSTALLED[:] = handlers
    root.handlers[:] = handlers
    root.setLevel(file_level if log_file is not None else level)
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
    logging.getLogger("httpcore").setLevel(max(level, logging.WARNING))
    logging.getLogger("PIL").setLevel(max(level, logging.INFO))  # the demo's JPEG encoder
