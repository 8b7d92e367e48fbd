"""What a failed send means: try again, the outcome is unknown, or the person cannot be reached.

Telegram has no idempotency key, so the one question that matters is whether the message may
have arrived. It surely did not when the connection was never made or Telegram answered with an
error; it may have when the request went out and the answer was lost (a read timeout, a dropped
connection). Only those count as unknown outcomes.
"""

from __future__ import annotations

import httpx
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.followups.verdicts import Failure, Verdict

# httpx errors raised before the request reached Telegram: nothing can have been delivered.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Telegram's 400s that mean the chat does not exist for the bot, like a block.
_NO_CHAT = ("chat not found", "user is deactivated", "bot was blocked", "peer_id_invalid")


def classify(error: BaseException) -> Failure:
    """The verdict on one error raised by ``bot.send_message``."""
    description = f"{type(error).__name__}: {error}"[:300]
    if isinstance(error, Forbidden):
        return Failure(Verdict.UNREACHABLE, description)
    if isinstance(error, BadRequest) and any(s in str(error).lower() for s in _NO_CHAT):
        return Failure(Verdict.UNREACHABLE, description)
    if isinstance(error, RetryAfter):
        return Failure(Verdict.RETRY, description, _seconds(error.retry_after))
    cause = _httpx_cause(error)
    if cause is not None and not isinstance(cause, _NOT_SENT):
        return Failure(Verdict.UNKNOWN, description)
    # Telegram answered with an error (a 5xx, a 400), the request never left, or a bug of ours.
    return Failure(Verdict.RETRY, description)


def _httpx_cause(error: BaseException) -> BaseException | None:
    seen: BaseException | None = error.__cause__
    while seen is not None:
        if isinstance(seen, httpx.HTTPError):
            return seen
        seen = seen.__cause__
    return None


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
