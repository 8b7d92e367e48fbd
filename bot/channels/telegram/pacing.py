"""Pacing of the outbox within Telegram's limits: about 30 messages a second, one a second per chat.

A limiter that spaces the *starts* of sends is not enough: a message arrives at Telegram some time
between the start of its request and the answer, so two sends started a second apart can arrive
closer together. The pacer therefore counts each send from its start until one window after its
answer came back:

* a chat gets its next message only a full interval after the answer to the previous one, so two
  arrivals in one chat are always at least that far apart;
* a new send may start only while fewer than ``per_window`` sends are in flight or finished within
  the last window. Any window of arrivals then holds at most ``per_window`` messages, whatever the
  network's delays (each of them was counted when the last of them started).

The same pacer is the whole bot's budget (see :mod:`bot.channels.telegram.client`), shared by two lanes:
replies to the person who just acted, and the outbox. A reply may take any free slot and is
served before any outbox send; the outbox may fill the window only up to ``reserve`` slots short
of it, and never while a reply waits, so it gets everything replies leave unused. A 429's
``retry_after`` pauses both lanes.

Time here is the monotonic clock of the machine, never the bot's (movable) :class:`Clock`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

# Telegram's 30 a second (each send counted until a window after its answer, so arrivals can
# never be denser) and a little over its one second per chat.
PER_WINDOW = 30
WINDOW_SECONDS = 1.0
CHAT_INTERVAL_SECONDS = 1.05
# Slots of each window only a reply may take: a person who acts finds one free at once.
REPLY_RESERVE = 3


@dataclass(frozen=True)
class SendTicket:
    """One send in flight, handed back to :meth:`SendPacer.finish`."""

    number: int
    chat_id: int


class SendPacer:
    """Decides when the next send may start and to which chats it may go."""

    def __init__(self, *, per_window: int = PER_WINDOW, window: float = WINDOW_SECONDS,
                 chat_interval: float = CHAT_INTERVAL_SECONDS, reserve: int = 0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self._per_window, self._window, self._chat_interval = per_window, window, chat_interval
        self._monotonic = monotonic
        self._reserve = reserve
        self._replies_waiting: deque[asyncio.Future[None]] = deque()  # in the order they asked
        self._paused_until = 0.0
        self._in_flight: dict[int, int] = {}          # ticket number -> chat id
        self._finished: deque[float] = deque()         # answer times within the last window
        self._chat_free_at: dict[int, float] = {}      # chat id -> when it may get the next message
        self._counter = 0
        self._changed = asyncio.Event()

    def busy_chats(self) -> set[int]:
        """Chats that may not get a message now: one is in flight, or the last answer is too recent."""
        now = self._monotonic()
        self._chat_free_at = {c: t for c, t in self._chat_free_at.items() if t > now}
        return set(self._in_flight.values()) | set(self._chat_free_at)

    def seconds_until_slot(self, *, reply: bool = False) -> float | None:
        """0 when a send may start now; else how long until one may (None: when a send finishes).

        An outbox send (``reply`` false) leaves the reserve free and yields to a waiting reply."""
        now = self._monotonic()
        if self._paused_until > now:
            return self._paused_until - now
        while self._finished and self._finished[0] <= now - self._window:
            self._finished.popleft()
        limit = self._per_window if reply else self._per_window - self._reserve
        if (reply or not self._replies_waiting) and len(self._in_flight) + len(self._finished) < limit:
            return 0.0
        if not self._finished:
            return None
        # Never 0.0 here, which would read as "start now": rounding can make the wait vanish.
        return max(self._finished[0] + self._window - now, 0.001)

    def pause(self, seconds: float) -> None:
        """Telegram said "retry after": no send of either lane starts for ``seconds``."""
        self._paused_until = max(self._paused_until, self._monotonic() + seconds)
        self._changed.set()

    def seconds_until_a_chat_frees(self) -> float | None:
        """How long until the earliest resting chat may get a message again (None: none rests)."""
        now = self._monotonic()
        waits = [t - now for t in self._chat_free_at.values() if t > now]
        return max(min(waits), 0.0) if waits else None

    def start(self, chat_id: int) -> SendTicket:
        """Count a send to ``chat_id`` from now on."""
        self._counter += 1
        self._in_flight[self._counter] = chat_id
        return SendTicket(self._counter, chat_id)

    def finish(self, ticket: SendTicket) -> None:
        """The answer to a send came back (or it failed): start its chat's rest and the window."""
        now = self._monotonic()
        self._in_flight.pop(ticket.number, None)
        self._finished.append(now)
        self._chat_free_at[ticket.chat_id] = now + self._chat_interval
        self._changed.set()

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    async def wait_for_change(self, timeout: float | None) -> None:
        """Sleep until a send finishes or ``timeout`` passes (the caller then looks again)."""
        self._changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout)

    async def wait_for_slot(self) -> None:
        """Return once an outbox send may start under the overall limit."""
        while (wait := self.seconds_until_slot()) != 0.0:
            await self.wait_for_change(wait)

    async def wait_out_pause(self) -> None:
        """Return once no "retry after" holds the sends back."""
        while (wait := self._paused_until - self._monotonic()) > 0:
            await asyncio.sleep(wait)

    async def start_reply(self, chat_id: int) -> SendTicket:
        """Wait for a slot ahead of every outbox send, replies in the order they asked, then
        count a reply to ``chat_id``."""
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._replies_waiting.append(turn)
        try:
            if self._replies_waiting[0] is not turn:
                await turn  # the reply before this one has its slot
            while (wait := self.seconds_until_slot(reply=True)) != 0.0:
                await self.wait_for_change(wait)
        finally:
            self._replies_waiting.remove(turn)
            if self._replies_waiting and not self._replies_waiting[0].done():
                self._replies_waiting[0].set_result(None)
            self._changed.set()  # outbox sends held back for this reply may look again
        return self.start(chat_id)
