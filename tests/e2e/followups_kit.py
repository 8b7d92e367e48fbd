"""What the follow-up tests share: a bot with a fast dispatcher at 10:00 in Jinan, an active
placement reached through chat, and ways to wait for the outbox and read it.

This module holds fixtures and helpers only; the tests import what they use.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.app import build_application
from bot.channels.telegram.outbox import dispatcher_of
from bot.clock import Clock
from bot.config import default_settings
from bot.sandbox.application import polling
from bot.sandbox.emulator import Emulator

from .chat import db_write, expect, plain
from .driver import ChatUser, Sandbox
from .seeding import add_ngo, add_request, add_worker

DIRECTORS = (9001, 9002)
JINAN = ZoneInfo("Asia/Shanghai")
WAIT_SECONDS = 20.0
FAST = {"dispatch_interval_seconds": 0.2}


def move_to_local(clock: Clock, hour: int, minute: int = 0) -> None:
    """Move ``clock`` forward to the next hh:mm in Jinan (tests then run in daytime, whatever the hour)."""
    now = clock.now().astimezone(JINAN)
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    clock.advance(target - now)


@pytest.fixture
def day_clock() -> Clock:
    clock = Clock()
    move_to_local(clock, 10)
    return clock


def settings_for(emulator: Emulator, database: Path, **followups: Any):
    return default_settings(
        telegram={"token": emulator.token, "base_url": emulator.url},
        database={"path": str(database)},
        association={"directors": list(DIRECTORS), "default_language": "en"},
        followups={**FAST, **followups},
        rematch={"solver": "thread"},  # no solver process per test (see conftest.bot_settings)
    )


@pytest.fixture
async def fu_bot(emulator: Emulator, tmp_path: Path, day_clock: Clock) -> AsyncIterator[Sandbox]:
    """The real Application with a dispatcher pass every 0.2 s; both directors have opened the bot."""
    app = build_application(settings_for(emulator, tmp_path / "followups.sqlite3"), clock=day_clock)
    sandbox = Sandbox(emulator, app, wait_seconds=WAIT_SECONDS)
    sandbox.user(DIRECTORS[0], "Director Chen", lang="en")
    sandbox.user(DIRECTORS[1], "Director Ma", lang="en")
    async with polling(app):
        yield sandbox


def services(sandbox: Sandbox):
    assert sandbox.application is not None
    return sandbox.application.bot_data["services"]


def db_path(sandbox: Sandbox) -> Path:
    return services(sandbox).settings.database.path


def rows(source: Sandbox | Path, sql: str, *params: object) -> list[sqlite3.Row]:
    path = source if isinstance(source, Path) else db_path(source)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


async def until(condition: Callable[[], bool], what: str, timeout: float = WAIT_SECONDS) -> None:
    """Wait (polling) until ``condition()`` holds; fail with ``what`` after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"waited {timeout}s for {what}")
        await asyncio.sleep(0.02)


async def passes(sandbox: Sandbox, count: int = 2) -> None:
    """Let the dispatcher finish ``count`` more whole passes (so what it would send, it has sent)."""
    assert sandbox.application is not None
    dispatcher = dispatcher_of(sandbox.application)
    wanted = dispatcher.passes + count
    await until(lambda: dispatcher.passes >= wanted, f"{count} dispatcher passes")


async def seen(user: ChatUser, fragment: str, count: int = 1) -> list:
    """Wait until ``count`` bot messages in the chat contain ``fragment``; return them."""
    def matching(chat) -> list:
        return [m for m in chat if m.from_bot and fragment in m.text]
    chat = await user.wait_until(lambda c: len(matching(c)) >= count, f"{count} × {fragment!r}")
    return matching(chat)


def count_in(user: ChatUser, fragment: str) -> int:
    return sum(1 for m in user.transcript() if m.from_bot and fragment in m.text)


@dataclass(frozen=True)
class Cycle:
    """An active placement: its id and the people around it, as chat users."""

    placement_id: int
    request_id: int
    ids: dict[str, int]
    worker: ChatUser
    ngo: ChatUser
    other_worker: ChatUser
    director: ChatUser
    other_director: ChatUser


async def offered_placement(sandbox: Sandbox, starts_in_days: int = 0) -> Cycle:
    """Two verified counsellors and one NGO; /match proposes one; a director approves it. The
    request starts today (check-ins count from then), or ``starts_in_days`` later."""
    s = services(sandbox)
    ids = {"wang": await add_worker(s, 201, "王芳"), "zhao": await add_worker(s, 202, "赵磊", years_experience=1),
           "sun": await add_ngo(s, 301, "阳光心理服务中心")}
    start = (local_now(sandbox) + timedelta(days=starts_in_days)).date().isoformat()
    request_id = await add_request(s, ids["sun"], "社区心理支持", start_date=start)
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")
    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    people = {201: sandbox.user(201, "王芳", lang="zh"), 202: sandbox.user(202, "赵磊", lang="zh"),
              301: sandbox.user(301, "孙主任", lang="zh")}
    director = sandbox.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/match")
    await expect(director, plain("en", "queue.match_done", new=1, withdrawn=0), within=3)
    [proposal] = rows(sandbox, "SELECT p.id, a.external_id AS telegram_id FROM placements p "
                               "JOIN workers w ON w.id = p.worker_id JOIN accounts a ON a.person_id = w.person_id "
                               "WHERE p.status = 'proposed'")
    await director.callback_answer(await director.forge_callback(f"q:ok:{proposal['id']}"))
    await until(lambda: rows(sandbox, "SELECT status FROM placements WHERE id = ?",
                             proposal["id"])[0]["status"] == "offered", "the offer")
    worker_id = proposal["telegram_id"]
    for side in (people[worker_id], people[301]):
        await seen(side, "社区心理支持")
    return Cycle(proposal["id"], request_id, ids, people[worker_id], people[301],
                 people[202 if worker_id == 201 else 201], director,
                 sandbox.user(DIRECTORS[1], "Director Ma", lang="en"))


async def active_placement(sandbox: Sandbox, starts_in_days: int = 0) -> Cycle:
    """An offered placement both sides accepted (through their Accept buttons)."""
    cycle = await offered_placement(sandbox, starts_in_days)
    for side in (cycle.worker, cycle.ngo):
        await side.press(f"o:acc:{cycle.placement_id}")
    await until(lambda: rows(sandbox, "SELECT status FROM placements WHERE id = ?",
                             cycle.placement_id)[0]["status"] == "active", "the active placement")
    return cycle


def local_now(sandbox: Sandbox) -> datetime:
    return services(sandbox).clock.now().astimezone(JINAN)
