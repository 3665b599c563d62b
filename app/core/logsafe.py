"""Logging that cannot leak: keys replaced by ***, presigned query strings dropped."""

from __future__ import annotations

import logging

from app.core.urls import redact_text


class RedactingFilter(logging.Filter):
    """Rewrites each record's final text; attach it to every handler the app installs."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_text(record.getMessage(), self.secrets)
        record.args = None
        return True


def configure_logging(level: int = logging.WARNING, secrets: tuple[str, ...] = ()) -> None:
    """Root handler on stderr with redaction; library chatter (httpx, Pillow) kept down."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(max(level, logging.WARNING))
    logging.getLogger("httpcore").setLevel(max(level, logging.WARNING))
    logging.getLogger("PIL").setLevel(max(level, logging.INFO))  # the demo's JPEG encoder
