"""Matching in the background: one rematch at a time, solved outside the database lock.

A change the matcher depends on (a request posted, a member verified, a proposal rejected...)
asks for a rematch with :meth:`Rematcher.wanted` from inside its own transaction and replies
at once. The rematch starts when that transaction has committed (it waits for the database
lock like any other), and runs in three steps:

1. read a snapshot of workers, requests and proposals in one short transaction;
2. solve in a worker thread, while the bot keeps answering everyone, database included;
3. apply the result in a second short transaction, but only if nothing the matcher reads has
   changed since step 1 (``matching_inputs.version``, kept by triggers); otherwise solve again.

After ``MAX_ATTEMPTS`` stale solves in a row (a very busy moment), the last one runs inside one
transaction, so a rematch always ends. Asks that arrive while one runs are folded into one more
run after it. When new proposals appear, each director is told how many wait in /queue.
"""

from __future__ import annotations

import asyncio
import logging

from bot.clock import to_iso
from bot.followups.schedule import enqueue
from bot.forms.model import Reply
from bot.placements.common import to_directors
from bot.placements.proposals import Rematch, apply, read_snapshot, rematch, solve
from bot.services import Services
from bot.store import Tx, placements
from bot.texts import t

log = logging.getLogger(__name__)

REMATCHER_KEY = "rematcher"
MAX_ATTEMPTS = 3


class Rematcher:
    def __init__(self, services: Services) -> None:
        self._services = services
        self._asked = 0
        self._task: asyncio.Task[None] | None = None

    def wanted(self) -> None:
        """Something the matcher reads changed: rematch once the current transaction commits."""
        self._asked += 1
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._catch_up(), name="rematch")

    async def settled(self) -> None:
        """Wait until no rematch is running or asked for (tests, and shutdown)."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def run(self) -> Rematch:
        """One rematch now, solved outside the lock; the figures of the one that was applied."""
        database, settings = self._services.database, self._services.settings.matching
        for _ in range(MAX_ATTEMPTS - 1):
            async with database.transaction() as tx:
                version = await placements.matching_version(tx)
                snapshot = await read_snapshot(tx)
            plan = await asyncio.to_thread(solve, snapshot, settings)
            async with database.transaction() as tx:
                if await placements.matching_version(tx) == version:
                    result = await apply(tx, plan, self._now())
                    await self._tell_directors(tx, result)
                    break
        else:
            async with database.transaction() as tx:
                result = await rematch(self._services, tx, self._now())
                await self._tell_directors(tx, result)
        if result.proposed:
            self._services.ring_outbox()
        return result

    async def _catch_up(self) -> None:
        while True:
            asked = self._asked
            try:
                await self.run()
            except Exception:  # the next change asks again; a failed run must not end the bot
                log.exception("rematch failed")
            if self._asked == asked:
                return

    def _now(self) -> str:
        return to_iso(self._services.clock.now())

    async def _tell_directors(self, tx: Tx, result: Rematch) -> None:
        if not result.proposed:
            return
        notices = await to_directors(self._services, tx, lambda lang: Reply(
            t(lang, "queue.proposals_waiting", new=result.proposed, count=result.waiting)))
        await enqueue(tx, notices, self._now(), urgent=True, kind="notice")


def rematcher_of(services: Services) -> Rematcher:
    """The process's rematcher (made on first use)."""
    found = services.extras.get(REMATCHER_KEY)
    if found is None:
        found = services.extras[REMATCHER_KEY] = Rematcher(services)
    return found


def rematch_wanted(services: Services) -> None:
    """Ask for a rematch after the current transaction (see the module docstring)."""
    rematcher_of(services).wanted()
