"""/deleteme after every flow a social worker goes through leaves no copy of who they were.

The worker joins through the form, is verified, matched, approved, accepts, exchanges contacts
with the NGO and answers a check-in with a low rating and a comment naming themselves; the NGO's
comment names them too. Every one of those steps stores messages to other people (cards, notices,
alerts). After /deleteme, every text column of every table is scanned for the person's name,
username, phone (in any spacing), introduction and Telegram id; then the NGO director deletes
theirs, and the scan looks for their NGO's name, their name, phone and id.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.texts import t

from . import followups_kit as kit
from .chat import db_write, every_text_value, expect, open_queue, opening, plain, submit_worker_profile
from .followups_kit import DIRECTORS, passes, rows, seen
from .seeding import add_ngo, add_request

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use

WORKER_ID = 5550001234
NAME = "Tom Lindqvist"
USERNAME = "tomlindq"
INTRODUCTION = "Five years in community work."
PHONE_DIGITS = "13912345679"  # typed as "139 1234 5679" by the form helper
NGO_ID = 5550009876
NGO_NAME = "阳光心理服务中心"
NGO_DIRECTOR = "孙主任"
NGO_PHONE_DIGITS = "53188886666"  # the seeded director's phone, +86 531 8888 6666


def any_spacing(digits: str) -> str:
    return r"(?<!\d)" + r"[\s\-.()/]*".join(digits) + r"(?!\d)"


def traces_of_the_person() -> re.Pattern[str]:
    """The name, username, introduction, phone in any spacing and the Telegram id, in any text."""
    return re.compile("|".join((re.escape(NAME), "Lindqvist", re.escape(USERNAME), re.escape(INTRODUCTION),
                                any_spacing(PHONE_DIGITS), rf"(?<!\d){WORKER_ID}(?!\d)")), re.IGNORECASE)


def traces_of_the_ngo_director() -> re.Pattern[str]:
    return re.compile("|".join((NGO_NAME, NGO_DIRECTOR, any_spacing(NGO_PHONE_DIGITS), rf"(?<!\d){NGO_ID}(?!\d)")))


def leftovers(sandbox, pattern: re.Pattern[str]) -> list[tuple[str, str, str]]:
    return sorted({(table, column, match.group(0)) for table, column, value in every_text_value(sandbox)
                   if (match := pattern.search(value))})


async def delete_me(sandbox, person, lang: str) -> None:
    await person.send("/deleteme")
    await seen(person, plain(lang, "deleteme.ask", minutes=10).split("\n")[0])
    await person.press(t(lang, "deleteme.buttons.yes"))
    await seen(person, plain(lang, "deleteme.done"))
    await passes(sandbox, 2)


async def a_placed_worker_who_answered_a_check_in(sandbox, clock):
    s = kit.services(sandbox)
    director = sandbox.user(DIRECTORS[0], "Director Chen", lang="en")
    worker = sandbox.user(WORKER_ID, NAME, lang="en", username=USERNAME)
    await submit_worker_profile(worker, NAME)
    await seen(director, NAME)  # the directors are told a member waits
    await director.send("/members")
    [card] = await seen(director, "Introduction: ")
    await director.press(next(d for d in card.callback_data if d and d.startswith("v:ok:")))
    await expect(worker, plain("en", "verify.member_verified_worker"))

    ngo_id = await add_ngo(s, NGO_ID, NGO_NAME, district="lixia")
    await add_request(s, ngo_id, "Youth counselling", district="lixia", field="youth")
    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    ngo = sandbox.user(NGO_ID, NGO_DIRECTOR, lang="zh")
    await director.send("/match")
    await seen(director, plain("en", "queue.match_done", new=1, withdrawn=0))
    [proposal] = rows(sandbox, "SELECT id FROM placements WHERE status = 'proposed'")
    await open_queue(director, plain("en", "queue.reasons_header"))  # the proposal card names the worker
    await director.press(f"q:ok:{proposal['id']}")
    for side in (worker, ngo):
        await seen(side, "Youth counselling")
        await side.press(f"o:acc:{proposal['id']}")
    await seen(ngo, "+86 139 1234 5679")  # the worker's contacts went to the NGO

    clock.advance(timedelta(days=3 + 7, minutes=1))  # the first check-in: a week after the start date
    await seen(worker, opening("en", "followups.checkin_worker"))
    await worker.press("2")
    await seen(worker, opening("en", "followups.ask_hours"))
    await worker.send("6")
    await seen(worker, plain("en", "followups.ask_comment"))
    await worker.send(f"I am {NAME}, call 139-1234-5679")
    await seen(worker, plain("en", "followups.thanks"))
    await seen(ngo, opening("zh", "followups.checkin_ngo"))
    await ngo.press("1")
    await seen(ngo, plain("zh", "followups.ask_comment"))
    await ngo.send(f"{NAME}（@{USERNAME}，13912345679）没有来")
    await seen(ngo, plain("zh", "followups.thanks"))
    await seen(director, f"@{USERNAME}")
    return worker, ngo


async def test_after_deleteme_no_table_holds_any_trace_of_the_person(fu_bot, day_clock):
    worker, ngo = await a_placed_worker_who_answered_a_check_in(fu_bot, day_clock)
    pattern = traces_of_the_person()
    before = {(table, column) for table, column, _ in leftovers(fu_bot, pattern)}
    assert {("followups", "payload"), ("workers", "name"), ("people", "display_name")} <= before

    await delete_me(fu_bot, worker, "en")
    assert leftovers(fu_bot, pattern) == []

    ngo_traces = {table for table, _, _ in leftovers(fu_bot, traces_of_the_ngo_director())}
    assert {"followups", "ngos", "people"} <= ngo_traces
    await delete_me(fu_bot, ngo, "zh")  # then the NGO director: their NGO, name, phone and id go too
    assert leftovers(fu_bot, traces_of_the_ngo_director()) == []
    assert leftovers(fu_bot, pattern) == []
