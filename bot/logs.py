"""Logging: one line per event, and no secret in any line.

httpx logs every request URL at INFO, and a Bot API URL holds the bot token, so httpx is held
at WARNING and every record passes through a filter that masks the secrets it is given.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import IO

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASK = "[REDACTED]"


class RedactingFilter(logging.Filter):
    """Replaces each secret in a record's final message (and its traceback text) with a mask."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self._mask(message), None
        if record.exc_text:
            record.exc_text = self._mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self._mask(record.stack_info)
        return True

    def _mask(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text


def configure_logging(level: str, secrets: Iterable[str] = (), stream: IO[str] | None = None
                      ) -> logging.Handler:
    """Send records to ``stream`` (stderr) at ``level`` with the secrets masked; return the handler."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler
