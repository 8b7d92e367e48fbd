"""One wrapper per event: who may act, buttons the bot did not make, "already decided", and
notices that reach the outbox only with the change that caused them. Flows are called the way
the channel calls them, on a real database, with no Telegram in between."""

from __future__ import annotations

import pytest
from datatools_seed import DIRECTOR, seed_association

from bot.clock import Clock, local_minute
from bot.config import default_settings
from bot.desk import routes as desk_routes
from bot.events import Role, on_command, on_press, run
from bot.forms.model import Notice, Outcome, Reply
from bot.forms_catalog import all_forms
from bot.people import Sender
from bot.refusals import AlreadyDecided, NotAllowed, OldButton
from bot.services import Services
from bot.store import open_database
from bot.texts import t

STRANGER = Sender(4242, "Stranger", None, "en")
BOSS = Sender(DIRECTOR, "Director", None, "en")


@pytest.fixture
async def services(tmp_path):
    db = await open_database(tmp_path / "events.sqlite3")
    yield Services(default_settings(association={"directors": [DIRECTOR]}), Clock(), db, forms=all_forms())
    await db.close()


@pytest.fixture
async def seeded(services):
    return services, await seed_association(services.database)


def desk_press(prefix: str):
    return next(route.flow for route in desk_routes.PRESSES if route.pattern.startswith(f"^({prefix}"))


async def rows(services: Services, table: str) -> list[tuple]:
    async with services.database.snapshot() as tx:
        return [tuple(row) for row in await tx.fetchall(f"SELECT * FROM {table} ORDER BY rowid")]


async def state(services: Services) -> dict[str, list[tuple]]:
    tables = ("placements", "audit_log", "followups", "workers", "ngos", "requests", "drafts")
    return {table: await rows(services, table) for table in tables}


async def test_a_stranger_pressing_a_directors_approve_is_not_allowed_and_changes_nothing(seeded):
    services, ids = seeded
    before = await state(services)
    outcome = await desk_press("q:")(services, STRANGER, f"q:ok:{ids['p4']}")
    assert outcome == Outcome(alert=t("en", "alerts.not_allowed"))
    assert await state(services) == before


async def test_a_stranger_is_refused_before_the_button_is_read(seeded):
    services, _ = seeded
    outcome = await desk_press("q:")(services, STRANGER, "q:ok:not-a-number")
    assert outcome.alert == t("en", "alerts.not_allowed")


@pytest.mark.parametrize("data", ["q:ok:abc", "q:ok:", "q:launch:5", "q:pick:5", "q:pick:5:x", "q:ok:-3", "q"])
async def test_a_button_the_bot_did_not_make_is_an_old_button(seeded, data):
    services, _ = seeded
    before = await state(services)
    outcome = await desk_press("q:")(services, BOSS, data)
    assert outcome == Outcome(alert=t("zh", "alerts.old_button"))  # the seeded director reads Chinese
    assert await state(services) == before


async def test_approving_a_decided_proposal_says_who_decided_it_and_when_in_local_time(seeded):
    services, ids = seeded
    approve = desk_press("q:")
    first = await approve(services, BOSS, f"q:ok:{ids['p4']}")
    assert first.alert is None and first.queued
    again = await approve(services, BOSS, f"q:ok:{ids['p4']}")
    async with services.database.snapshot() as tx:
        decided_at = (await tx.fetchone("SELECT decided_at FROM placements WHERE id = ?", (ids["p4"],)))[0]
    when = local_minute(decided_at, "Asia/Shanghai")
    assert again == Outcome(alert=t("zh", "alerts.already_decided", who="Director", when=when))


async def test_already_decided_shows_the_name_escaped_and_the_time_in_the_associations_zone(services):
    async def decided(_event):
        raise AlreadyDecided("<Ann>", "2026-11-28T08:30:00Z")
    outcome = await run(services, BOSS, Role.ANYONE, True, decided)
    assert outcome.alert == t("en", "alerts.already_decided", who="&lt;Ann&gt;", when="2026-11-28 16:30")


async def test_already_decided_with_no_time_says_so_with_a_dash(services):
    async def decided(_event):
        raise AlreadyDecided("Ann", None)
    outcome = await run(services, BOSS, Role.ANYONE, True, decided)
    assert outcome.alert == t("en", "alerts.already_decided", who="Ann", when="—")


def news(person_id: int) -> Notice:
    return Notice(person_id, Reply("news"))


async def test_notices_become_outbox_rows_of_the_events_transaction(services):
    async def tells_two(_event):
        return Outcome(replies=(Reply("done"),), notices=(news(1), news(2)))
    outcome = await run(services, BOSS, Role.ANYONE, True, tells_two)
    assert outcome.notices == () and outcome.queued and outcome.replies == (Reply("done"),)
    assert [(row[1], row[2]) for row in await rows(services, "followups")] == [("notice", 1), ("notice", 2)]


async def test_a_refusal_after_a_notice_leaves_no_outbox_row(services):
    async def tells_then_refuses(event):
        told = [news(1)]  # news for someone, then a reason to refuse: nobody hears of it
        if told:
            raise OldButton
        return Outcome(notices=tuple(told))
    outcome = await run(services, BOSS, Role.ANYONE, True, tells_then_refuses)
    assert outcome == Outcome(alert=t("en", "alerts.old_button"))
    assert await rows(services, "followups") == []


async def test_an_error_after_a_notice_rolls_the_event_back(services):
    async def fails(event):
        await event.tx.execute("UPDATE people SET display_name = 'changed' WHERE id = ?", (event.user.person_id,))
        raise RuntimeError("boom")
    with pytest.raises(RuntimeError):
        await run(services, BOSS, Role.ANYONE, True, fails)
    assert await rows(services, "followups") == [] and await rows(services, "people") == []


async def test_a_command_refusal_is_a_message_and_a_press_refusal_a_pop_up(services):
    async def directors_only(_event):
        return Outcome(replies=(Reply("secret"),))
    command = on_command(directors_only, Role.DIRECTOR)
    pressed = on_press(lambda data: data, lambda event, _data: directors_only(event), Role.DIRECTOR)
    refusal = t("en", "alerts.not_allowed")
    assert await command(services, STRANGER) == Outcome(replies=(Reply(refusal),))
    assert await pressed(services, STRANGER, "x") == Outcome(alert=refusal)
    assert (await command(services, BOSS)).replies == (Reply("secret"),)


async def test_the_sender_is_remembered_even_when_refused(services):
    async def refuses(_event):
        raise NotAllowed
    await run(services, STRANGER, Role.ANYONE, True, refuses)
    accounts = {row[1]: row[2] for row in await rows(services, "accounts")}
    assert STRANGER.external_id in accounts and accounts[STRANGER.external_id] != STRANGER.external_id
    assert [row[0] for row in await rows(services, "people")] == sorted(accounts.values())


async def test_work_after_commit_runs_after_the_transaction_in_order(services):
    seen: list[str] = []

    async def later(event):
        async def first(outcome):
            async with services.database.transaction():  # the event's transaction is over
                seen.append("first")
            return Outcome(replies=(*outcome.replies, Reply("first")))

        async def second(outcome):
            seen.append("second")
            return Outcome(replies=(*outcome.replies, Reply("second")))
        event.after_commit(first)
        event.after_commit(second)
        return Outcome(replies=(Reply("now"),))
    outcome = await run(services, BOSS, Role.ANYONE, False, later)
    assert seen == ["first", "second"]
    assert [r.text for r in outcome.replies] == ["now", "first", "second"]
