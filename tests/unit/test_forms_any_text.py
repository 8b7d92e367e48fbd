"""Whatever a person types, at whatever question of whichever form, the engine answers: no
exception escapes, and every reply is a message Telegram would accept (non-empty, at most 4,096
characters, valid HTML, button data of at most 64 bytes)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import Clock
from bot.config import default_settings
from bot.forms import engine, skills
from bot.forms.model import Outcome
from bot.forms_catalog import all_forms
from bot.sandbox.formatting import parse_html
from bot.services import Services
from bot.store import drafts as draft_rows
from bot.store import open_database, users

PERSON = 4242
MAX_MESSAGE = 4096
MAX_CALLBACK_BYTES = 64
SKILLS = {"text": "counselling", "ids": ["psychological_counselling"], "free": []}

VALID_ANSWERS: dict[str, dict[str, Any]] = {
    "worker": {
        "name": "Tom", "phone": "+8613912345679", "district": "lixia", "skills": SKILLS,
        "fields": ["youth"], "languages": ["english"], "certification": "assistant",
        "years_experience": 3, "hours_per_week": 10, "max_placements": 1, "remote_ok": "yes",
        "introduction": None,
    },
    "ngo": {
        "name": "阳光社工", "registration": "registered", "registration_number": "51370100MJD1234568",
        "fields": ["elderly_services"], "district": "lixia", "incubated": "no",
        "director_name": "李主任", "director_phone": "+8653188886666",
    },
    "request": {
        "title": "周末助老", "description": "组织活动。", "skills": SKILLS, "field": "youth",
        "district": "lixia", "remote_ok": "no", "hours_per_week": 6, "headcount": 2,
        "min_certification": "assistant", "languages": [], "start_date": "2099-01-01",
        "duration_weeks": 12,
    },
}

# Typed texts that have tripped form code elsewhere: markup, controls, the Back label, huge numbers.
AWKWARD = st.sampled_from([
    "", " ", "\n", "<b>", "</i>", "&", "&amp;", "<a href='x'>", "◀️ Back", "◀️ 上一步", "0", "-1",
    "9" * 5000, "1e309", "NaN", "\u202e", "\x00", "\x1b[31m", "😀" * 300, "是", "no", "明天",
    "2020-02-30", "yes" * 2000, "、，,;", "/start", "市中区", "Senior social worker",
])
ANY_TEXT = st.one_of(st.text(), AWKWARD, st.text(alphabet="0123456789-/.年月日 ", max_size=30))


@dataclass(frozen=True)
class Position:
    """Where in a form the person is when the text arrives."""

    form: str
    answers: dict[str, Any]
    state: dict[str, Any]

    def __repr__(self) -> str:  # hypothesis prints it on failure
        missing = set(VALID_ANSWERS[self.form]) - set(self.answers)
        return f"<{self.form} missing={sorted(missing)} state={sorted(self.state)}>"


def positions() -> Iterator[Position]:
    for name, valid in VALID_ANSWERS.items():
        form = all_forms()[name]
        assert set(valid) == {f.name for f in form.fields}, f"VALID_ANSWERS[{name!r}] is out of date"
        for field in form.fields:
            yield Position(name, {k: v for k, v in valid.items() if k != field.name}, {})
            yield Position(name, valid, {"editing": field.name})
        yield Position(name, valid, {})  # the summary
    understood = skills.understand("counselling, juggling", 80.0)
    yield Position("worker", {k: v for k, v in VALID_ANSWERS["worker"].items() if k != "skills"},
                   {"skills": understood})


POSITIONS = tuple(positions())


@dataclass
class Harness:
    runner: asyncio.Runner
    services: Services


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    """A real database file and the bot's services, on one event loop for every example."""
    path: Path = tmp_path_factory.mktemp("forms") / "forms.sqlite3"
    runner = asyncio.Runner()
    database = runner.run(open_database(path))
    services = Services(settings=default_settings(database={"path": str(path)}), clock=Clock(),
                        db=database, forms=all_forms())
    runner.run(_remember_person(services))
    try:
        yield Harness(runner, services)
    finally:
        runner.run(database.close())
        runner.close()


async def _remember_person(services: Services) -> None:
    async with services.database.transaction() as tx:
        await users.touch_account(tx, users.TELEGRAM, PERSON, "Tom", None, "en", "2026-01-01T00:00:00Z")


async def _type_at(services: Services, position: Position, lang: str, text: str) -> Outcome | None:
    async with services.database.transaction() as tx:
        person_id = await users.person_of_account(tx, users.TELEGRAM, PERSON)
        await users.set_language(tx, person_id, lang, "2026-01-01T00:00:00Z")
        await draft_rows.start_draft(tx, person_id, position.form, None, position.answers, position.state,
                                     "2026-01-01T00:00:00Z")
        user = await users.get_user(tx, person_id)
        assert user is not None
        return await engine.on_text(services, tx, user, text)


def assert_sendable(outcome: Outcome) -> None:
    assert outcome.replies or outcome.alert, "neither a reply nor an alert"
    if outcome.alert is not None:
        assert outcome.alert.strip() and len(outcome.alert) <= 200
    for reply in outcome.replies:
        assert reply.text.strip() and len(reply.text) <= MAX_MESSAGE
        parse_html(reply.text)  # raises, as Telegram refuses, on malformed HTML
        for row in reply.buttons:
            for button in row:
                assert button.label.strip()
                assert len(button.data.encode()) <= MAX_CALLBACK_BYTES


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.sampled_from(POSITIONS), lang=st.sampled_from(["en", "zh"]), text=ANY_TEXT)
def test_any_text_at_any_question_gets_a_reply_telegram_accepts(
        harness: Harness, position: Position, lang: str, text: str) -> None:
    outcome = harness.runner.run(_type_at(harness.services, position, lang, text))
    assert outcome is not None, "a person in a form always gets an answer"
    assert_sendable(outcome)


def test_every_question_of_every_form_is_among_the_positions() -> None:
    for name in VALID_ANSWERS:
        asked = {next(iter(set(VALID_ANSWERS[name]) - set(p.answers)), None)
                 for p in POSITIONS if p.form == name and not p.state}
        assert {f.name for f in all_forms()[name].fields} <= asked
