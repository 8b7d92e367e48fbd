"""Long polling: offset confirms, timeout waits, limit caps, and a polling bot sees each update
once and in order."""

from __future__ import annotations

import asyncio

import pytest
import telegram
from telegram import Update
from telegram.error import Conflict
from telegram.ext import MessageHandler, filters

from bot.sandbox.application import builder_for, polling
from bot.sandbox.emulator import Emulator

ALICE = 101


@pytest.fixture
def alice(emulator: Emulator):
    return emulator.person(ALICE, "Alice")


async def test_updates_stay_until_an_offset_confirms_them(bot_client, alice):
    for text in ("one", "two", "three"):
        alice.send_text(text)
    first = await bot_client.get_updates()
    again = await bot_client.get_updates()
    assert [u.message.text for u in first] == ["one", "two", "three"]
    assert [u.update_id for u in again] == [u.update_id for u in first]
    rest = await bot_client.get_updates(offset=first[1].update_id + 1)
    assert [u.message.text for u in rest] == ["three"]


async def test_limit_caps_the_batch(bot_client, alice):
    for number in range(5):
        alice.send_text(str(number))
    batch = await bot_client.get_updates(limit=2)
    assert [u.message.text for u in batch] == ["0", "1"]


async def test_negative_offset_keeps_only_the_newest(bot_client, alice):
    for number in range(4):
        alice.send_text(str(number))
    assert [u.message.text for u in await bot_client.get_updates(offset=-1)] == ["3"]
    assert [u.message.text for u in await bot_client.get_updates()] == ["3"]


async def test_a_waiting_poll_returns_as_soon_as_an_update_arrives(bot_client, emulator, alice):
    poll = asyncio.create_task(bot_client.get_updates(timeout=30))
    assert await emulator.state.signal.wait_for(lambda: emulator.state.updates.polls_started, 5)
    alice.send_text("wake up")
    updates = await asyncio.wait_for(poll, timeout=10)
    assert [u.message.text for u in updates] == ["wake up"]


async def test_a_poll_with_nothing_to_deliver_returns_empty_after_its_timeout(bot_client, alice):
    assert await bot_client.get_updates(timeout=1) == ()


async def test_a_second_poll_ends_the_first_with_conflict(bot_client, emulator, alice):
    first = asyncio.create_task(bot_client.get_updates(timeout=30))
    assert await emulator.state.signal.wait_for(lambda: emulator.state.updates.polls_started, 5)
    # A second instance of the bot (its own connection) polls the same token.
    async with telegram.Bot(emulator.token, base_url=emulator.bot_base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, timeout=10)


async def test_delete_webhook_can_drop_pending_updates(bot_client, alice):
    alice.send_text("stale")
    info = await bot_client.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("", 1)
    assert await bot_client.delete_webhook(drop_pending_updates=True)
    assert await bot_client.get_updates() == ()


async def test_a_polling_bot_handles_each_update_once_in_order(emulator, alice):
    texts = [f"message {number}" for number in range(60)]
    first_run = _RecordingBot(emulator, expected=len(texts))
    async with polling(first_run.app):
        for text in texts:
            alice.send_text(text)
        await asyncio.wait_for(first_run.all_seen.wait(), timeout=10)
    assert first_run.seen == texts

    # Stopping confirmed every update: a restarted bot sees only what is new.
    second_run = _RecordingBot(emulator, expected=1)
    async with polling(second_run.app):
        alice.send_text("after restart")
        await asyncio.wait_for(second_run.all_seen.wait(), timeout=10)
    assert second_run.seen == ["after restart"]


class _RecordingBot:
    """A bot that notes every text it receives and says when it has seen ``expected``."""

    def __init__(self, emulator: Emulator, expected: int) -> None:
        self.seen: list[str] = []
        self.all_seen = asyncio.Event()
        self._expected = expected
        self.app = builder_for(emulator).build()
        self.app.add_handler(MessageHandler(filters.TEXT, self._record))

    async def _record(self, update: Update, context: object) -> None:
        self.seen.append(update.message.text)
        if len(self.seen) >= self._expected:
            self.all_seen.set()
