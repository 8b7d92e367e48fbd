"""The web chat's JSON API, against the emulator and the small test bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from bot.clock import Clock
from bot.sandbox.application import polling
from bot.sandbox.emulator import Emulator
from bot.sandbox.personas import Persona
from bot.sandbox.webchat import WebChat

from .tiny_bot import build_tiny_bot

ALICE = Persona(101, "Alice", "en", "worker", "社工", "Social worker", phone="+8613800001111")


@pytest.fixture
async def webchat() -> AsyncIterator[tuple[Emulator, Clock, aiohttp.ClientSession]]:
    clock = Clock()
    chat = WebChat([ALICE], clock)
    emulator = Emulator(clock=clock, extra_routes=chat.mount)
    async with (
        emulator,
        polling(build_tiny_bot(emulator)),
        aiohttp.ClientSession(emulator.url) as http,
    ):
        yield emulator, clock, http


async def _post(http: aiohttp.ClientSession, path: str, body: dict[str, Any]) -> Any:
    async with http.post(path, json=body) as reply:
        assert reply.status == 200, await reply.text()
        return await reply.json()


async def _chat_after(http: aiohttp.ClientSession, version: int) -> dict[str, Any]:
    async with http.get(f"/sandbox/api/chats/{ALICE.telegram_id}?after={version}") as reply:
        return await reply.json()


async def _until(http: aiohttp.ClientSession, condition: Any) -> dict[str, Any]:
    """Long-poll the chat until ``condition(view)`` holds (each poll waits for a change)."""
    view = await _chat_after(http, -1)
    for _ in range(50):
        if condition(view):
            return view
        view = await _chat_after(http, view["version"])
    pytest.fail(f"the chat never reached the expected state: {view}")


async def test_the_page_and_its_script_are_served(webchat):
    _, _, http = webchat
    async with http.get("/") as page, http.get("/static/app.js") as script:
        assert page.status == script.status == 200
        assert "persona-list" in await page.text()


async def test_personas_are_listed_and_a_new_user_can_be_made(webchat):
    _, _, http = webchat
    async with http.get("/sandbox/api/personas") as reply:
        listed = await reply.json()
    assert [p["first_name"] for p in listed["personas"]] == ["Alice"]
    newcomer = await _post(http, "/sandbox/api/personas/new", {"language_code": "zh"})
    assert newcomer["role"] == "new" and newcomer["first_name"] == "新用户1"


async def test_a_text_gets_its_reply_with_buttons_that_can_be_pressed(webchat):
    _, _, http = webchat
    await _post(http, f"/sandbox/api/chats/{ALICE.telegram_id}/text", {"text": "/start"})
    view = await _until(http, lambda v: len(v["messages"]) == 2)
    greeting = view["messages"][1]
    assert greeting["text"] == "Hello, Alice! Pick one:"
    ping = greeting["inline_keyboard"][0][0]
    await _post(http, f"/sandbox/api/chats/{ALICE.telegram_id}/press",
                {"message_id": greeting["message_id"], "data": ping["callback_data"]})
    view = await _until(http, lambda v: v["toasts"])
    assert view["toasts"][0]["text"] == "pong: ping"


async def test_the_share_contact_button_sends_the_personas_phone(webchat):
    _, _, http = webchat
    await _post(http, f"/sandbox/api/chats/{ALICE.telegram_id}/text", {"text": "/keyboard"})
    view = await _until(http, lambda v: v["reply_keyboard"])
    assert view["reply_keyboard"][0][0] == {"text": "Share phone", "request_contact": True}
    await _post(http, f"/sandbox/api/chats/{ALICE.telegram_id}/contact", {})
    view = await _until(http, lambda v: v["messages"][-1]["text"].startswith("Got"))
    assert view["messages"][-1]["text"] == "Got +8613800001111"
    assert view["reply_keyboard"] is None


async def test_skipping_ahead_moves_the_bots_clock(webchat):
    _, clock, http = webchat
    moved = await _post(http, "/sandbox/api/clock", {"days": 7})
    assert moved == {"clock_offset_days": 7.0}
    assert clock.offset == timedelta(days=7)
    async with http.post("/sandbox/api/clock", json={"days": 0}) as refused:
        assert refused.status == 400


async def test_pressing_a_button_that_is_not_there_is_an_error(webchat):
    _, _, http = webchat
    async with http.post(f"/sandbox/api/chats/{ALICE.telegram_id}/reply",
                         json={"text": "Nothing"}) as reply:
        assert reply.status == 400
        assert "no button" in (await reply.json())["error"]
