"""What became of a send the channel could not confirm: try again, unknown, or unreachable.

The channel decides which of these an error means (Telegram's errors in
``bot.channels.telegram.delivery``); the outbox records it the same way for every channel.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Verdict(enum.Enum):
    RETRY = "retry"              # not delivered: send again later
    UNKNOWN = "unknown"          # may have been delivered
    UNREACHABLE = "unreachable"  # blocked the bot, or no such chat


@dataclass(frozen=True)
class Failure:
    """A classified send error: what to do, a short description, and the channel's retry_after."""

    verdict: Verdict
    description: str
    retry_after: float | None = None
