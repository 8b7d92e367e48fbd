"""Invite links: a code links a Telegram account to an imported worker once, until it expires."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest

from bot.clock import Clock
from bot.config import default_settings
from bot.datatools.invites import INVITE_VALID_DAYS, invite_link, issue_invite, redeem
from bot.datatools.roster import RosterRow
from bot.forms_catalog import all_forms
from bot.people import Sender, remember
from bot.services import Services
from bot.store import open_database, roster
from bot.texts import t

DIRECTOR = 9001


@pytest.fixture
async def services(tmp_path):
    db = await open_database(tmp_path / "invites.sqlite3")
    yield Services(default_settings(association={"directors": [DIRECTOR]}), Clock(), db, forms=all_forms())
    await db.close()


def imported(key: str, name: str) -> RosterRow:
    values = {"name": name, "phone": "+8613912345678", "district": "lixia", "skills_text": "心理咨询",
              "skills": ["psychological_counselling"], "fields": [], "languages": [], "certification": "none",
              "years_experience": 2, "hours_per_week": 8, "max_placements": 1, "remote_ok": 0, "introduction": ""}
    return RosterRow(2, key, values)


async def new_invite(services: Services, key: str = "SW-1", name: str = "王芳") -> tuple[int, str]:
    async with services.database.transaction() as tx:
        row = imported(key, name)
        worker_id, _ = await roster.upsert_roster_worker(tx, row.roster_key, row.values, "2026-11-01T00:00:00Z")
        issued = await issue_invite(tx, worker_id, DIRECTOR, services.clock.now())
    return worker_id, issued.code


async def start_with(services: Services, telegram_id: int, payload: str) -> str:
    """``/start <payload>`` from this person; the bot's reply text."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, Sender(telegram_id, f"Person {telegram_id}", None, "zh"))
        outcome = await redeem(services, tx, user, payload)
    return outcome.replies[0].text


async def linked_account(services: Services, worker_id: int) -> int | None:
    return await services.database.fetchval(
        "SELECT a.external_id FROM workers w JOIN accounts a ON a.person_id = w.person_id WHERE w.id = ?", (worker_id,))


async def role_of(services: Services, telegram_id: int) -> str | None:
    return await services.database.fetchval(
        "SELECT p.role FROM people p JOIN accounts a ON a.person_id = p.id WHERE a.external_id = ?", (telegram_id,))


async def test_an_invite_links_the_telegram_account_to_the_imported_profile(services):
    worker_id, code = await new_invite(services)
    assert await start_with(services, 501, code) == t("zh", "invite.linked", name="王芳")
    assert await linked_account(services, worker_id) == 501
    assert await role_of(services, 501) == "worker"


async def test_a_link_used_twice_is_refused_the_second_time(services):
    worker_id, code = await new_invite(services)
    await start_with(services, 501, code)
    assert await start_with(services, 502, code) == t("zh", "invite.used")
    assert await linked_account(services, worker_id) == 501
    assert await role_of(services, 502) is None


async def test_an_expired_link_is_refused(services):
    worker_id, code = await new_invite(services)
    services.clock.advance(timedelta(days=INVITE_VALID_DAYS, seconds=1))
    assert await start_with(services, 501, code) == t("zh", "invite.expired")
    assert await linked_account(services, worker_id) is None


@pytest.mark.parametrize("forged", [secrets.token_urlsafe(18), "short", "../../etc/passwd", "x" * 65, "码" * 20])
async def test_a_forged_or_malformed_code_is_refused(services, forged):
    worker_id, _ = await new_invite(services)
    assert await start_with(services, 501, forged) == t("zh", "invite.invalid")
    assert await linked_account(services, worker_id) is None


async def test_a_newer_link_replaces_the_older_one(services):
    _, old_code = await new_invite(services)
    worker_id, new_code = await new_invite(services)  # the same roster key: the same worker
    assert await start_with(services, 501, old_code) == t("zh", "invite.replaced")
    assert await start_with(services, 501, new_code) == t("zh", "invite.linked", name="王芳")
    assert await linked_account(services, worker_id) == 501


async def test_someone_registered_already_cannot_use_a_link_and_it_stays_usable(services):
    _, code = await new_invite(services)
    async with services.database.transaction() as tx:
        person = await remember(services, tx, Sender(601, "NGO director"))
        await tx.execute("UPDATE people SET role = 'ngo' WHERE id = ?", (person.person_id,))
    assert await start_with(services, 601, code) == t("zh", "invite.already_member")
    assert await start_with(services, DIRECTOR, code) == t("zh", "invite.already_member")
    assert await start_with(services, 501, code) == t("zh", "invite.linked", name="王芳")


async def test_only_a_hash_of_the_code_is_stored(services, tmp_path):
    _, code = await new_invite(services)
    rows = await services.database.fetchall("SELECT * FROM invites")
    assert code not in {str(value) for row in rows for value in row}
    assert len(code) >= 24


def test_the_link_is_a_telegram_deep_link_with_the_code_as_start_payload():
    assert invite_link("@matchbot_jinan_bot", "abc_DEF-123") == "https://t.me/matchbot_jinan_bot?start=abc_DEF-123"
