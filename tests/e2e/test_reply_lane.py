"""Replies first: a person who acts while a backlog of the outbox goes out is answered ahead of
it, and the bot as a whole stays within Telegram's limits, as the emulator counts them."""

from __future__ import annotations

import pytest

from bot.app import build_application
from bot.channels.telegram.pacing import PER_WINDOW
from bot.clock import Clock, to_iso
from bot.sandbox.application import polling

from .chat import plain
from .driver import Sandbox
from .followups_kit import DIRECTORS, rows, settings_for, until
from .test_followups_delivery import deliveries, seed_notices


@pytest.mark.slow
async def test_a_reply_overtakes_the_queued_outbox_and_the_bot_stays_within_the_limits(emulator, tmp_path):
    clock = Clock()
    database, chats = tmp_path / "lanes.sqlite3", list(range(6000, 6060))
    for chat_id in (*chats, *DIRECTORS):
        emulator.person(chat_id, f"Person {chat_id}", language_code="en")
    settings = settings_for(emulator, database, quiet_hours_start="00:00", quiet_hours_end="00:00")
    async with polling(build_application(settings, clock=clock)):
        pass  # the schema exists; the bot is stopped again
    await seed_notices(database, 600, chats, to_iso(clock.now()), "Bulk")
    app = build_application(settings, clock=clock)
    person = Sandbox(emulator, app).user(777, "Lin", lang="en")
    async with polling(app):
        await until(lambda: len(deliveries(emulator, chats, "Bulk")) >= 60, "the outbox to be sending")
        bulk_between = []
        for text, reply_key in (("/start", "start.ask_role"), ("/help", "help.newcomer")):
            before = len(deliveries(emulator, chats, "Bulk"))
            await person.send(text)
            while plain("en", reply_key)[:20] not in (await person.next_message()).text:
                pass
            bulk_between.append(len(deliveries(emulator, chats, "Bulk")) - before)
        queued = rows(database, "SELECT count(*) AS n FROM followups WHERE status = 'pending'")[0]["n"]
        await until(lambda: len(deliveries(emulator, chats, "Bulk")) == 600, "600 deliveries", timeout=120)
    assert queued >= 300  # the replies came while most of the backlog still waited...
    assert max(bulk_between) <= PER_WINDOW  # ...and no more than the sends already under way went first
    assert set(deliveries(emulator, chats, "Bulk").values()) == {1}
    rates = emulator.state.rates
    assert rates.peak(1.0) <= 30  # replies and outbox together
    assert max(rates.peak(1.0, chat_id) for chat_id in chats) <= 1
