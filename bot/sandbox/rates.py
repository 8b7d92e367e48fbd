"""A log of every message the bot sent or edited, so tests can check it kept within Telegram's limits.

Telegram allows about one message per second in a chat and thirty per second overall; the
emulator does not throttle, it counts, and a test asks for the busiest window afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SendRecord:
    """One successful sending call: when (monotonic seconds), to which chat, which method."""

    at: float
    chat_id: int
    method: str


class SendLog:
    """Counts sends per chat and overall; ``peak`` gives the most sends in any window."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._records: list[SendRecord] = []

    def record(self, chat_id: int, method: str) -> None:
        """Note one message delivered to ``chat_id`` by ``method``."""
        self._records.append(SendRecord(self._monotonic(), chat_id, method))

    def records(self, chat_id: int | None = None) -> tuple[SendRecord, ...]:
        """Every send so far, or only those to one chat."""
        return tuple(r for r in self._records if chat_id is None or r.chat_id == chat_id)

    def count(self, chat_id: int | None = None) -> int:
        """How many messages were sent (to one chat, or overall)."""
        return len(self.records(chat_id))

    def peak(self, window_seconds: float = 1.0, chat_id: int | None = None) -> int:
        """The largest number of sends that fell within any ``window_seconds`` interval."""
        times = [r.at for r in self.records(chat_id)]
        best = 0
        start = 0
        for end, moment in enumerate(times):
            while moment - times[start] >= window_seconds:
                start += 1
            best = max(best, end - start + 1)
        return best
