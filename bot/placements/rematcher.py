"""Matching in the background: one rematch at a time, solved outside the database lock.

A change the matcher depends on (a request posted, a member verified, a proposal rejected...)
asks for a rematch with :meth:`Rematcher.wanted` from inside its own transaction and replies
at once. The rematch starts when that transaction has committed (it waits for the database
lock like any other), and runs in three steps:

1. read a snapshot of workers, requests and proposals, and the matching version, in one
   transaction;
2. solve in a process of its own (``[rematch] solver = "process"``, the default), while the
   bot keeps answering everyone, database included: that process reads the snapshot itself,
   on a connection of its own (a read transaction, which never blocks the bot's writes under
   WAL), so neither the reading nor the solve's Python work (reading the text, the reasons)
   holds the bot's interpreter lock or its database lock; with ``"thread"`` the snapshot is
   read in the bot's process and solved in a worker thread (no start-up cost: the tests use it);
3. apply the result in a second short transaction, but only if nothing the matcher reads has
   changed since step 1 (``matching_inputs.version``, kept by triggers); otherwise solve again.

After ``MAX_ATTEMPTS`` stale solves in a row (a very busy moment), the last one runs inside one
transaction, so a rematch always ends. Asks that arrive while one runs are folded into one more
run after it. When new proposals appear, each director is told how many wait in /queue.

The solver's process (one worker) is started at the first rematch and stopped with the
Application (:meth:`Rematcher.close`); the settings go to it and the plan comes back pickled,
as plain frozen dataclasses (and the snapshot too, for the last attempt, read under the lock).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from bot.clock import to_iso
from bot.followups.schedule import enqueue
from bot.forms.model import Reply
from bot.placements.common import to_directors
from bot.placements.proposals import Plan, Rematch, Snapshot, apply, read_and_solve, read_snapshot, solve
from bot.services import Services
from bot.store import Tx, placements
from bot.texts import t

log = logging.getLogger(__name__)

REMATCHER_KEY = "rematcher"
MAX_ATTEMPTS = 3
T = TypeVar("T")
SOLVER_NICENESS = 10  # added to the solver process's niceness: below the bot's replies for the CPU


class Rematcher:
    def __init__(self, services: Services) -> None:
        self._services = services
        self._asked = 0
        self._task: asyncio.Task[None] | None = None
        self._pool: ProcessPoolExecutor | None = None

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
        database = self._services.database
        for _ in range(MAX_ATTEMPTS - 1):
            version, plan = await self._solved()
            async with database.transaction() as tx:
                if await placements.matching_version(tx) == version:
                    result = await apply(tx, plan, self._now())
                    await self._tell_directors(tx, result)
                    break
        else:
            async with database.transaction() as tx:  # the last attempt holds the lock while it solves
                snapshot = await read_snapshot(tx)
                result = await apply(tx, await self._solve(snapshot), self._now())
                await self._tell_directors(tx, result)
        if result.proposed:
            self._services.ring_outbox()
        return result

    async def _solved(self) -> tuple[int, Plan]:
        """The matching version and a plan solved over the inputs of that version, outside the
        database lock. The solver's process reads the inputs itself, on a connection of its own;
        in a thread, they are read here in one short transaction."""
        settings = self._services.settings
        if settings.rematch.solver == "thread":
            async with self._services.database.transaction() as tx:
                version = await placements.matching_version(tx)
                snapshot = await read_snapshot(tx)
            return version, await self._solve(snapshot)
        database = settings.database
        return await self._in_solver(read_and_solve, database.path.resolve(), database.busy_timeout_ms,
                                     settings.matching)

    async def _solve(self, snapshot: Snapshot) -> Plan:
        """``solve`` over a snapshot read here, in the solver's process or in a thread."""
        settings = self._services.settings
        if settings.rematch.solver == "thread":
            return await asyncio.to_thread(solve, snapshot, settings.matching)
        return await self._in_solver(solve, snapshot, settings.matching)

    async def _in_solver(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` in the solver's process, off the event loop's interpreter lock."""
        if self._pool is None:
            # forkserver: the worker is forked from a clean single-threaded server, never from
            # this process with its database and HTTP threads; it imports the matcher once. It
            # runs niced, so that on a small machine the replies get the CPU first.
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"),
                                             initializer=os.nice, initargs=(SOLVER_NICENESS,))
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, work, *args)
        except BrokenProcessPool:  # the worker died (killed, out of memory): a new one next time
            self._pool.shutdown(wait=False)
            self._pool = None
            raise

    async def close(self) -> None:
        """Let a rematch in flight finish, then stop the solver's process (Application shutdown)."""
        await self.settled()
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True)

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
