"""Logging: one line per event, and no secret or personal data in any line, at any level.

httpx logs every request URL at INFO, and a Bot API URL holds the bot token, so httpx is held
at WARNING and every record passes through a filter that masks the secrets it is given. A second
filter masks people's names, usernames, phones and what they typed (``log_privacy``), which
python-telegram-bot logs at DEBUG; aiosqlite, which logs every statement with its parameters at
DEBUG, is held at WARNING.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import IO

from bot.log_privacy import mask_personal

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASK = "[REDACTED]"


class _RewritingFilter(logging.Filter):
    """Rewrites a record's final message, traceback and stack text through ``rewrite``."""

    def rewrite(self, text: str) -> str:
        raise NotImplementedError

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self.rewrite(message), None
        if record.exc_text:
            record.exc_text = self.rewrite(record.exc_text)
        if record.stack_info:
            record.stack_info = self.rewrite(record.stack_info)
        return True


class RedactingFilter(_RewritingFilter):
    """Replaces each secret in a record's final message (and its traceback text) with a mask."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        return super().filter(record) if self._secrets else True

    def rewrite(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text


class PersonalDataFilter(_RewritingFilter):
    """Masks names, usernames, phones and typed text in every record, whatever its level."""

    def rewrite(self, text: str) -> str:
        return mask_personal(text)


def configure_logging(level: str, secrets: Iterable[str] = (), stream: IO[str] | None = None
                      ) -> logging.Handler:
    """Send records to ``stream`` (stderr) at ``level`` with the secrets masked; return the handler."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter(secrets))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "aiosqlite"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler
