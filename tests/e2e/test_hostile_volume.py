"""2,000 hostile messages and forged button presses from 300 strangers: every one is answered
without a traceback, and none changes a member, request, placement, invite or scheduled message.

The strangers first open the bot (so they have a message to press buttons on), then send, in a
seeded random order, markup and script injection, SQL and format strings, 4,096-character texts,
direction overrides and zero-width characters, commands meant for directors or with junk
arguments, and callback data of every known prefix with ids that are not theirs, not numbers, or
out of range, plus raw junk up to 64 bytes.
"""

from __future__ import annotations

import asyncio
import logging
import random

import pytest

from bot.channels.telegram.errors import SORRY

from .chat import ACCOUNT, db_rows, db_write
from .seeding import add_ngo, add_request, add_worker

STRANGERS = 300
ACTIONS = 2_000
FIRST_STRANGER = 700_000
GUARDED_TABLES = ("workers", "ngos", "requests", "placements", "invites", "followups", "audit_log")

TEXTS = (
    "<b>unclosed", "</i></b>", "<script>alert(1)</script>", "<a href='javascript:alert(1)'>x</a>",
    "' OR 1=1; DROP TABLE users; --", "{name}{title}{0}", "%s%s%n%x", "\u202eevil.exe", "a\u200bb\u200d",
    "𝕳𝖊𝖑𝖑𝖔 🙂🙂", "x" * 4096, "字" * 4096, "&amp;&lt;&gt;&#0;", "tg://user?id=9001", "\n\n\n", " ", "１２３",
    "13912345678", "yes", "是", "0", "-1", "9" * 400,
)
COMMANDS = (
    "/start " + "A" * 64, "/start ../../etc/passwd", "/start <b>", "/invite", "/invite '; --", "/invite SW-1",
    "/export pdf", "/export", "/stats", "/queue", "/match", "/deleteme", "/profile", "/requests",
    "/placements", "/status", "/language", "/cancel", "/help", "/nosuchcommand", "/start@other_bot",
)
PREFIXES = ("q:ok:", "q:no:", "q:why:", "v:ok:", "v:no:", "o:acc:", "o:dec:", "pl:end:", "pl:c:", "del:yes:",
            "del:no:", "inv:", "fu:r:", "fu:h:", "rq:close:", "rq:edit:", "rq:yes:", "p:edit:", "f:", "pls:",
            "lang:", "role:", "zz:")
IDS = ("1", "2", "3", "0", "-1", "99999", "x", "1:2:3", "²", "9" * 30, "", "1:5", "2:1", "１")


def forged_data(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return bytes(rng.randrange(33, 127) for _ in range(rng.randint(1, 64))).decode()
    return (rng.choice(PREFIXES) + rng.choice(IDS))[:64]


def guarded_state(sandbox) -> dict[str, list[tuple]]:
    return {table: [tuple(row) for row in db_rows(sandbox, f"SELECT * FROM {table} ORDER BY rowid")]
            for table in GUARDED_TABLES}


async def seeded_association(sandbox) -> None:
    """Members, a request, a proposal, an offer with its reminder: rows forged presses could touch."""
    s = sandbox.application.bot_data["services"]
    worker = await add_worker(s, 201, "王芳")
    other = await add_worker(s, 202, "赵磊")
    request = await add_request(s, await add_ngo(s, 301, "阳光心理服务中心"), "社区心理支持")
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")
    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    for worker_id, status in ((worker, "proposed"), (other, "offered")):
        await db_write(sandbox, "INSERT INTO placements (request_id, worker_id, status, score, created_at, updated_at)"
                                " VALUES (?, ?, ?, 0.8, '2026-11-28T01:00:00Z', '2026-11-28T01:00:00Z')",
                       request, worker_id, status)
    await db_write(sandbox, "INSERT INTO followups (kind, recipient, placement_id, payload, due_at, created_at) "
                            f"VALUES ('offer_reminder', {ACCOUNT}, 2, ?, '2099-01-01T00:00:00Z', "
                            "'2026-11-28T01:00:00Z')", 202, '{"side":"worker"}')


async def until_quiet(sandbox, queries: list[tuple], within: float = 240) -> None:
    """Every forged press answered, and no update left with the emulator or the Application."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        unanswered = [q for user, q in queries if not user.answered(q)]
        idle = sandbox.emulator.state.updates.pending_count == 0 and sandbox.application.update_queue.empty()
        if not unanswered and idle and await _replies_settled(sandbox, [user.id for user, _ in queries]):
            return
        if loop.time() > deadline:
            pytest.fail(f"{len(unanswered)} presses unanswered after {within} s")
        await asyncio.sleep(0.2)


async def _replies_settled(sandbox, chats: list[int], quiet_for: float = 1.0) -> bool:
    """True when no bot message arrived in ``chats`` for ``quiet_for`` seconds (none left in flight)."""
    state = sandbox.emulator.state

    def sent() -> int:
        return sum(len(state.chat(chat_id).bot_messages()) for chat_id in chats)

    before = sent()
    return not await state.signal.wait_for(lambda: sent() != before, quiet_for)


@pytest.mark.slow
async def test_two_thousand_hostile_actions_from_300_strangers_change_nothing_and_raise_nothing(sandbox, caplog):
    caplog.set_level(logging.WARNING)  # a traceback logged at any level from WARNING up counts
    await seeded_association(sandbox)
    before = guarded_state(sandbox)
    rng = random.Random(2026)
    strangers = [sandbox.user(FIRST_STRANGER + n, rng.choice(("Eve", "<b>Mallory</b>", "&amp;", "\u202eX")),
                              lang=rng.choice(("en", "zh", None))) for n in range(STRANGERS)]
    for stranger in strangers:
        await stranger.send("/start")
    for stranger in strangers:
        await stranger.next_message(timeout=120)

    queries = []
    for _ in range(ACTIONS - STRANGERS):
        stranger = rng.choice(strangers)
        if rng.random() < 0.7:
            queries.append((stranger, await stranger.forge_callback(forged_data(rng))))
        else:
            await stranger.send(rng.choice(TEXTS + COMMANDS))
    await until_quiet(sandbox, queries)

    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info] == []
    assert [s.id for s in strangers if any(SORRY in m.text for m in s.transcript())] == []
    assert guarded_state(sandbox) == before
    assert len(queries) > 1_000 and db_rows(sandbox, "SELECT count(*) FROM people")[0][0] >= STRANGERS
