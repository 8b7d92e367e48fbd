"""The sandbox run again on the same database: a new user is someone new, not the new user of the
last run (whose half-filled form is still in the database)."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

from bot.config import default_settings
from bot.sandbox.runner import SandboxPlan, run_sandbox


@asynccontextmanager
async def running_sandbox(database: Path):
    ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    stop = asyncio.Event()
    task = asyncio.create_task(run_sandbox(default_settings(), SandboxPlan(database=database, port=0), stop,
                                           on_ready=ready.set_result))
    try:
        url = await asyncio.wait_for(ready, timeout=30)
        async with aiohttp.ClientSession(url.rstrip("/")) as http:
            yield http
    finally:
        stop.set()
        await task


async def new_user_starts(http: aiohttp.ClientSession) -> int:
    async with http.post("/sandbox/api/personas/new", json={"language_code": "en"}) as reply:
        persona = await reply.json()
    async with http.post(f"/sandbox/api/chats/{persona['telegram_id']}/text", json={"text": "/start"}) as reply:
        assert reply.status == 200
    for _ in range(100):  # until the bot has answered (so the user is in the database)
        async with http.get(f"/sandbox/api/chats/{persona['telegram_id']}?after=-1") as reply:
            if any(m["from_bot"] for m in (await reply.json())["messages"]):
                return persona["telegram_id"]
        await asyncio.sleep(0.05)
    raise AssertionError("the bot did not answer the new user")


async def test_a_new_user_after_a_restart_gets_an_id_nobody_has_used(tmp_path):
    database = tmp_path / "sandbox.sqlite3"
    async with running_sandbox(database) as http:
        first = await new_user_starts(http)
    async with running_sandbox(database) as http:
        second = await new_user_starts(http)
    assert second > first
