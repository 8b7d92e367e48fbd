"""The bot is down while the clock runs on: an active placement's whole check-in schedule (and
a hundred daily digests) fall due meanwhile. After restart everything due is handled once, nothing is left
behind, nothing is sent twice, and a second restart sends nothing more."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta

import pytest

from bot.app import build_application
from bot.sandbox.application import polling

from . import followups_kit as kit
from .driver import Sandbox
from .followups_kit import DIRECTORS, active_placement, passes, rows, until

day_clock = kit.day_clock  # the fixture these tests use


def duplicates(sandbox: Sandbox, chats: list[int]) -> list[tuple[int, str]]:
    """Bot messages that arrived twice in the same chat."""
    found = []
    for chat_id in chats:
        texts = Counter(m.text for m in sandbox.emulator.state.chat(chat_id).bot_messages() if m.text)
        found += [(chat_id, text[:60]) for text, n in texts.items() if n > 1]
    return found


def overdue(sandbox: Sandbox, now: str) -> list[tuple]:
    return [tuple(r) for r in rows(sandbox, "SELECT id, kind, status FROM followups WHERE due_at <= ? "
                                            "AND status IN ('pending', 'sending')", now)]


@pytest.mark.slow
async def test_work_due_during_100_days_of_downtime_is_done_once_after_restart(emulator, tmp_path, day_clock, caplog):
    caplog.set_level(logging.WARNING)  # a traceback logged at any level from WARNING up counts
    settings = kit.settings_for(emulator, tmp_path / "down.sqlite3")
    sandbox = Sandbox(emulator, build_application(settings, clock=day_clock), wait_seconds=kit.WAIT_SECONDS)
    for director in DIRECTORS:
        sandbox.user(director, f"Director {director}", lang="en")
    async with polling(sandbox.application):
        active = await active_placement(sandbox)
    chats = [201, 202, 301, *DIRECTORS]
    day_clock.advance(timedelta(days=100))

    for _ in range(2):
        sandbox.application = build_application(settings, clock=day_clock)
        async with polling(sandbox.application):
            now = kit.services(sandbox).clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
            await until(lambda: not overdue(sandbox, now), "everything due to be handled")  # noqa: B023
            await passes(sandbox, 3)
    checkins = rows(sandbox, "SELECT status, count(*) AS n FROM followups WHERE kind = 'checkin' GROUP BY status")
    assert {r["status"]: r["n"] for r in checkins} == {"sent": 6}  # days 7, 30, 90 to both sides
    assert rows(sandbox, "SELECT status FROM placements WHERE id = ?", active.placement_id)[0]["status"] == "active"
    assert duplicates(sandbox, chats) == []
    for director in DIRECTORS:  # one digest on the morning after, not a hundred
        digests = [m for m in sandbox.emulator.state.chat(director).bot_messages()
                   if m.text and m.text.startswith("Daily digest")]
        assert len(digests) <= 2, [m.text[:40] for m in digests]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info] == []
