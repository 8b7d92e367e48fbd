"""The bot's update queue and ``getUpdates`` long polling, with Telegram's semantics.

Updates wait in order until a later ``getUpdates`` confirms them with ``offset`` (an update is
confirmed once the client asks for an offset above its id), so each is delivered to a
well-behaved client exactly once. With nothing pending, a call waits up to ``timeout`` seconds
for the next update. A second poll while one is waiting ends the first with 409 Conflict, as
Telegram does when two bot instances poll the same token.
"""

from __future__ import annotations

from typing import Any

from bot.sandbox import errors
from bot.sandbox.change_signal import ChangeSignal
from bot.sandbox.errors import BotApiError

_MAX_LIMIT = 100


class UpdateQueue:
    """Pending updates plus the bookkeeping long polling needs."""

    def __init__(self, signal: ChangeSignal, first_update_id: int = 1) -> None:
        self._signal = signal
        self._pending: list[dict[str, Any]] = []
        self._next_id = first_update_id
        self._poll_generation = 0
        self._closed = False

    @property
    def polls_started(self) -> int:
        """How many ``getUpdates`` calls have arrived (tests wait on it to know one is waiting)."""
        return self._poll_generation

    @property
    def pending_count(self) -> int:
        """Updates not yet confirmed by the bot."""
        return len(self._pending)

    def push(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update of ``kind`` ("message", "callback_query"...); returns its id."""
        update_id = self._next_id
        self._next_id += 1
        self._pending.append({"update_id": update_id, kind: payload})
        self._signal.touch()
        return update_id

    def drop_pending(self) -> None:
        """Forget every pending update (``deleteWebhook(drop_pending_updates=True)``)."""
        self._pending.clear()
        self._signal.touch()

    def close(self) -> None:
        """Release every waiting poll with an empty answer (the emulator is shutting down)."""
        self._closed = True
        self._signal.touch()

    async def get(self, offset: int | None, limit: int | None, timeout: float) -> list[Any]:
        """The ``getUpdates`` call: confirm up to ``offset``, then return or wait."""
        self._confirm(offset)
        count = _MAX_LIMIT if not limit or limit > _MAX_LIMIT else max(limit, 1)
        self._poll_generation += 1
        generation = self._poll_generation
        self._signal.touch()
        await self._signal.wait_for(
            lambda: bool(self._pending) or self._closed or self._poll_generation != generation,
            max(timeout, 0.0),
        )
        if self._poll_generation != generation:
            raise BotApiError(errors.GET_UPDATES_CONFLICT, 409)
        return list(self._pending[:count])

    def _confirm(self, offset: int | None) -> None:
        if not offset:
            return
        if offset < 0:
            # A negative offset keeps only the last -offset updates.
            del self._pending[: max(len(self._pending) + offset, 0)]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
