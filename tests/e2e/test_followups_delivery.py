"""Delivery: a person who blocked the bot, flood control, a restart with work due, and 1,000
messages at once, all counted in the emulator (never timed)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import build_application
from bot.clock import Clock, to_iso
from bot.followups.render import as_payload
from bot.followups.schedule import enqueue
from bot.forms.model import Notice, Reply
from bot.sandbox.application import polling
from bot.sandbox.emulator import Emulator
from bot.sandbox.faults import FaultKind
from bot.store import followups, open_database, users
from bot.texts import t

from . import followups_kit as kit
from .chat import ACCOUNT, opening, plain
from .driver import Sandbox
from .followups_kit import (
    DIRECTORS,
    active_placement,
    count_in,
    passes,
    rows,
    seen,
    settings_for,
    until,
)

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use


async def test_a_person_who_blocked_the_bot_is_marked_unreachable_and_the_directors_are_told(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    await until(lambda: not rows(fu_bot, f"SELECT 1 FROM followups WHERE recipient = {ACCOUNT} AND kind = 'notice' "
                                         "AND status IN ('pending', 'sending')", cycle.worker.id),
                "the news of the placement to reach the worker")
    cycle.worker.block_bot()
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    told = await seen(cycle.director, opening("en", "followups.unreachable_alert"))
    assert "2" in told[0].text  # the day-30 and day-90 check-ins
    await seen(cycle.other_director, opening("en", "followups.unreachable_alert"))
    assert rows(fu_bot, f"SELECT reachable FROM people WHERE id = {ACCOUNT}", cycle.worker.id)[0]["reachable"] == 0
    theirs = rows(fu_bot, "SELECT status, json_extract(payload, '$.day') AS day FROM followups "
                          f"WHERE kind = 'checkin' AND recipient = {ACCOUNT} ORDER BY day", cycle.worker.id)
    assert [(r["day"], r["status"]) for r in theirs] == [(7, "failed"), (30, "cancelled"), (90, "cancelled")]

    day_clock.advance(timedelta(days=30))
    await seen(cycle.ngo, "第 30 天")
    await passes(fu_bot)
    assert count_in(cycle.director, opening("en", "followups.unreachable_alert")) == 1


async def test_flood_control_waits_retry_after_and_the_message_arrives_once(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    fu_bot.emulator.state.faults.retry_after("sendMessage", chat_id=cycle.ngo.id, times=2, seconds=1)
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    await seen(cycle.worker, opening("zh", "followups.checkin_worker"))
    await passes(fu_bot, 2)
    hits = [h for h in fu_bot.emulator.state.faults.hits if h.kind is FaultKind.RETRY_AFTER]
    assert len(hits) == 2 and all(h.chat_id == cycle.ngo.id for h in hits)
    assert count_in(cycle.ngo, opening("zh", "followups.checkin_ngo")) == 1


async def test_server_errors_are_retried_with_backoff_then_the_message_fails_and_is_listed(fu_bot, day_clock):
    wang = fu_bot.user(201, "王芳", lang="zh")
    fu_bot.emulator.state.faults.server_error("sendMessage", chat_id=201, times=None)
    services = fu_bot.application.bot_data["services"]
    async with services.database.transaction() as tx:
        person = await users.ensure_account(tx, users.TELEGRAM, 201, "zh", to_iso(day_clock.now()))
        await enqueue(tx, [Notice(person, Reply("一条总是失败的消息"))], to_iso(day_clock.now()))
    for _ in range(services.settings.followups.max_attempts):
        await until(lambda: rows(fu_bot, "SELECT status FROM followups WHERE kind = 'notice'")[0]["status"]
                    in ("pending", "failed"), "the failed try to be recorded")
        day_clock.advance(timedelta(hours=1))
        await passes(fu_bot, 2)
    [row] = rows(fu_bot, "SELECT status, attempts, last_error FROM followups WHERE kind = 'notice'")
    assert (row["status"], row["attempts"]) == ("failed", services.settings.followups.max_attempts)
    assert "502" in row["last_error"] or "Bad Gateway" in row["last_error"]
    assert count_in(wang, "一条总是失败的消息") == 0


async def seed_notices(database: Path, count: int, recipients: list[int], due: str, prefix: str) -> None:
    """``count`` notices due at ``due``, spread over ``recipients``, written while no bot runs."""
    db = await open_database(database)
    try:
        async with db.transaction() as tx:
            people = [await users.ensure_account(tx, users.TELEGRAM, chat, "zh", due) for chat in recipients]
            for n in range(count):
                message = as_payload(Reply(f"{prefix} #{n:04d}"))
                await followups.insert(tx, "notice", people[n % len(people)], due, due,
                                       payload={"message": message})
    finally:
        await db.close()


def deliveries(emulator: Emulator, chats: list[int], prefix: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for chat_id in chats:
        for message in emulator.state.chat(chat_id).bot_messages():
            if message.text and message.text.startswith(prefix):
                found[message.text] = found.get(message.text, 0) + 1
    return found


async def test_work_due_while_the_bot_was_stopped_goes_out_once_after_restart(emulator, tmp_path):
    clock = Clock()
    database, chats = tmp_path / "restart.sqlite3", [401, 402, 403]
    for chat_id in (*chats, *DIRECTORS):
        emulator.person(chat_id, f"Person {chat_id}", language_code="en")
    settings = settings_for(emulator, database, quiet_hours_start="00:00", quiet_hours_end="00:00")
    async with polling(build_application(settings, clock=clock)):
        pass  # the schema exists; the bot is stopped again
    await seed_notices(database, 12, chats, to_iso(clock.now() + timedelta(hours=1)), "Due while stopped")
    sent_before_crash = {"message": as_payload(Reply("Half sent #1"))}
    parked_soon = {"message": as_payload(Reply("Half sent #2"))}
    db = await open_database(database)
    async with db.transaction() as tx:
        first = await users.person_of_account(tx, users.TELEGRAM, chats[0])
        for payload, unknown in ((sent_before_crash, 0), (parked_soon, 1)):
            row_id = await followups.insert(tx, "notice", first, to_iso(clock.now()), to_iso(clock.now()),
                                            payload=payload)
            await tx.execute("UPDATE followups SET status = 'sending', attempts = 1, unknown_outcomes = ?, "
                             "claimed_at = ? WHERE id = ?", (unknown, to_iso(clock.now()), row_id))
    await db.close()
    clock.advance(timedelta(hours=2))

    for _ in range(2):  # start, let everything go out, stop; then once more: nothing is sent again
        app = build_application(settings, clock=clock)
        sandbox = Sandbox(emulator, app)
        async with polling(app):
            await until(lambda: not rows(database, "SELECT id FROM followups WHERE status IN ('pending', "
                                                   "'sending') AND kind IN ('notice', 'alert')"), "the outbox to empty")
            await passes(sandbox, 2)
    assert deliveries(emulator, chats, "Due while stopped") == {f"Due while stopped #{n:04d}": 1 for n in range(12)}
    assert deliveries(emulator, chats, "Half sent") == {"Half sent #1": 1}
    [parked] = rows(database, "SELECT id, status, unknown_outcomes FROM followups WHERE payload LIKE '%Half sent #2%'")
    assert (parked["status"], parked["unknown_outcomes"]) == ("parked", 2)
    for director in DIRECTORS:
        alert = plain("en", "followups.parked_alert", who=str(chats[0]), kind=t("en", "followups.kinds.notice"))
        assert [m.text for m in emulator.state.chat(director).bot_messages()].count(alert) == 1
    about = rows(database, "SELECT count(*) AS n FROM followups WHERE json_extract(payload, '$.about') = ?",
                 parked["id"])
    assert about[0]["n"] == len(DIRECTORS)


@pytest.mark.slow
async def test_a_thousand_due_messages_all_arrive_once_and_never_faster_than_telegram_allows(emulator, tmp_path):
    clock = Clock()
    database, chats = tmp_path / "thousand.sqlite3", list(range(5000, 5100))
    for chat_id in (*chats, *DIRECTORS):
        emulator.person(chat_id, f"Person {chat_id}", language_code="en")
    settings = settings_for(emulator, database, quiet_hours_start="00:00", quiet_hours_end="00:00")
    app = build_application(settings, clock=clock)
    async with polling(app):
        pass
    await seed_notices(database, 1000, chats, to_iso(clock.now()), "Bulk")
    async with polling(build_application(settings, clock=clock)):
        await until(lambda: len(deliveries(emulator, chats, "Bulk")) == 1000, "1,000 deliveries", timeout=120)
    assert set(deliveries(emulator, chats, "Bulk").values()) == {1}
    rates = emulator.state.rates
    assert rates.count() >= 1000
    assert rates.peak(1.0) <= 30
    assert max(rates.peak(1.0, chat_id) for chat_id in chats) <= 1
    statuses = rows(database, "SELECT status, count(*) AS n FROM followups WHERE kind = 'notice' GROUP BY status")
    assert {r["status"]: r["n"] for r in statuses} == {"sent": 1000}
