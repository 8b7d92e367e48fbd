"""The directors' daily digest, the nudge for a request nobody fits, and quiet hours."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import to_iso
from bot.followups.schedule import enqueue
from bot.forms.model import Notice, Reply
from bot.store import users
from bot.texts import t

from . import followups_kit as kit
from .chat import CHAT_OF_RECIPIENT, db_write, opening, plain
from .followups_kit import (
    DIRECTORS,
    active_placement,
    count_in,
    local_now,
    move_to_local,
    passes,
    rows,
    seen,
    services,
)
from .seeding import add_ngo, add_request, add_worker

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use


async def test_the_digest_at_nine_lists_members_waiting_and_the_weeks_low_ratings(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    await add_worker(services(fu_bot), 204, "李静")           # waits for verification
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    await cycle.ngo.press("1")
    await seen(cycle.ngo, plain("zh", "followups.ask_comment"))
    await cycle.ngo.send("完全联系不上社工")
    await seen(cycle.ngo, plain("zh", "followups.thanks"))
    await db_write(fu_bot, "INSERT INTO followups (kind, recipient, payload, due_at, status, attempts, claimed_at, "
                  "last_error, created_at) VALUES ('notice', 555, '{}', ?, 'failed', 5, ?, '502', ?)",
          *[to_iso(day_clock.now())] * 3)

    move_to_local(day_clock, 9, 1)
    date = local_now(fu_bot).date().isoformat()
    header = plain("en", "followups.digest_header", date=date)
    for director in (cycle.director, cycle.other_director):
        [digest] = await seen(director, header)
        text = digest.text
        assert plain("en", "followups.digest_counts", members=1, proposals=0, offers=0, active=1) in text
        assert plain("en", "followups.digest_low_header", count=1) in text
        assert "1/5" in text and "完全联系不上社工" in text and "孙主任" in text
        assert plain("en", "followups.digest_undelivered_header", count=1) in text
        assert t("en", "followups.states.failed") in text
    await passes(fu_bot, 3)
    assert count_in(cycle.director, header) == 1
    following = rows(fu_bot, f"SELECT {CHAT_OF_RECIPIENT} AS chat, due_at FROM followups WHERE kind = 'digest' "
                             "AND status = 'pending' ORDER BY chat")
    assert [r["chat"] for r in following] == list(DIRECTORS)
    assert all(r["due_at"] > to_iso(day_clock.now() + timedelta(hours=23)) for r in following)


async def test_a_request_nobody_fits_for_14_days_gets_one_nudge_naming_what_stands_in_the_way(fu_bot, day_clock):
    s = services(fu_bot)
    await add_worker(s, 201, "王芳")
    ngo = await add_ngo(s, 301, "阳光心理服务中心")
    await add_request(s, ngo, "资深督导", min_certification="senior")
    await db_write(fu_bot, "UPDATE workers SET status = 'verified'")
    await db_write(fu_bot, "UPDATE ngos SET status = 'verified'")
    sun = fu_bot.user(301, "孙主任", lang="zh")
    day_clock.advance(timedelta(days=13))
    await passes(fu_bot)
    assert count_in(sun, opening("zh", "followups.nudge")) == 0

    day_clock.advance(timedelta(days=1, minutes=1))
    [nudge] = await seen(sun, opening("zh", "followups.nudge"))
    assert "资深督导" in nudge.text and "资格" in nudge.text and "/requests" in nudge.text
    await passes(fu_bot, 3)
    assert count_in(sun, opening("zh", "followups.nudge")) == 1


async def test_quiet_hours_hold_ordinary_messages_until_morning_but_not_urgent_ones(fu_bot, day_clock):
    wang = fu_bot.user(201, "王芳", lang="zh")
    move_to_local(day_clock, 22)
    s = services(fu_bot)
    now = to_iso(day_clock.now())
    async with s.database.transaction() as tx:
        person = await users.ensure_account(tx, users.TELEGRAM, 201, "zh", now)
        await enqueue(tx, [Notice(person, Reply("晚安，明早再说"))], now)
        await enqueue(tx, [Notice(person, Reply("紧急：请回电"))], now, urgent=True)
    await seen(wang, "紧急：请回电")
    await passes(fu_bot, 3)
    assert count_in(wang, "晚安，明早再说") == 0
    assert rows(fu_bot, "SELECT status FROM followups WHERE kind = 'notice'")[0]["status"] == "pending"

    move_to_local(day_clock, 7, 59)
    await passes(fu_bot, 2)
    assert count_in(wang, "晚安，明早再说") == 0
    move_to_local(day_clock, 8, 0)
    await seen(wang, "晚安，明早再说")
    await passes(fu_bot, 2)
    assert count_in(wang, "晚安，明早再说") == 1 and count_in(wang, "紧急：请回电") == 1
