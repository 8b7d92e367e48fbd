"""A message Telegram delivers twice (its confirmation lost in a crash) is answered once."""

from __future__ import annotations

import pytest

from bot.clock import Clock
from bot.config import default_settings
from bot.forms import engine
from bot.forms_catalog import WORKER_FORM, all_forms
from bot.services import Services
from bot.store import drafts as draft_rows
from bot.store import open_database, users

PERSON = 777


@pytest.fixture
async def services(tmp_path):
    db = await open_database(tmp_path / "forms.sqlite3")
    yield Services(settings=default_settings(), clock=Clock(), db=db, forms=all_forms())
    await db.close()


async def person(services: Services):
    async with services.database.transaction() as tx:
        return await users.touch_account(tx, users.TELEGRAM, PERSON, "Tom", None, "en", "2026-11-28T00:00:00Z")


async def answers(services: Services) -> dict:
    async with services.database.snapshot() as tx:
        draft = await draft_rows.current_draft(tx, await users.person_of_account(tx, users.TELEGRAM, PERSON))
    assert draft is not None
    return draft.answers


async def test_the_same_message_twice_is_taken_once_and_the_current_question_asked_again(services):
    user = await person(services)
    async with services.database.transaction() as tx:
        await engine.begin(services, tx, user, WORKER_FORM)
    async with services.database.transaction() as tx:
        await engine.on_text(services, tx, user, "Tom Li", message_id=10)
    async with services.database.transaction() as tx:
        repeated = await engine.on_text(services, tx, user, "Tom Li", message_id=10)
    assert await answers(services) == {"name": "Tom Li"}  # not also taken as the phone number
    assert repeated is not None and "mobile number" in repeated.replies[-1].text


async def test_a_newer_message_is_still_an_answer(services):
    user = await person(services)
    async with services.database.transaction() as tx:
        await engine.begin(services, tx, user, WORKER_FORM)
        await engine.on_text(services, tx, user, "Tom Li", message_id=10)
        await engine.on_text(services, tx, user, "139 1234 5678", message_id=11)
    assert (await answers(services))["phone"] == "+8613912345678"
