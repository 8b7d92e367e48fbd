"""Helpers for conversation tests: the catalog's texts as a person reads them, the stored rows,
and the forms filled in the usual way so a test can start where it wants to look."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings, default_settings
from bot.sandbox.emulator import Emulator
from bot.texts import catalog, t

from .driver import ChatUser, Sandbox

USCC = "51370100MJD1234568"
NGO_NAME = "历下区阳光助老服务中心"


def plain(lang: str, key: str, **params: object) -> str:
    """A catalog text without its HTML tags, as the chat shows it."""
    return html.unescape(re.sub(r"<[^>]+>", "", t(lang, key, **params)))  # type: ignore[arg-type]


def edit_button(lang: str, label_key: str) -> str:
    """The summary's Edit button of one answer ("✏️ Hours per week")."""
    return t(lang, "common.buttons.edit_field", label=t(lang, label_key))  # type: ignore[arg-type]


def opening(lang: str, key: str) -> str:
    """The words of a catalog text before its first placeholder (a date, a count...)."""
    template = catalog(lang)[key].split("{", 1)[0]  # type: ignore[arg-type]
    words = html.unescape(re.sub(r"<[^>]+>", "", template))
    assert words.strip(), f"{key} starts with a placeholder: its opening would match any message"
    return words


async def expect(user: ChatUser, fragment: str, within: int = 4):
    """The next bot message containing ``fragment``, skipping at most ``within - 1`` others."""
    seen = []
    for _ in range(within):
        message = await user.next_message()
        if fragment in message.text:
            return message
        seen.append(message.text)
    pytest.fail(f"no message with {fragment!r}; got {seen!r}")


async def answer(user: ChatUser, text: str, next_fragment: str, within: int = 4):
    await user.send(text)
    return await expect(user, next_fragment, within)


async def choose(user: ChatUser, label: str, next_fragment: str, within: int = 4):
    await user.press(label)
    return await expect(user, next_fragment, within)


async def tick(user: ChatUser, label: str, lang: str = "en") -> None:
    """Tick one box of a multi-select question and wait until the tick shows."""
    await user.press(label)
    ticked = t(lang, "common.selected", label=label)  # type: ignore[arg-type]
    await user.wait_until(lambda chat: any(ticked in m.buttons for m in chat if m.from_bot),
                          f"the tick on {label}")


def settings_for(emulator: Emulator, database: Path) -> Settings:
    """Settings for an Application of our own on ``emulator`` (to stop and start it in a test)."""
    return default_settings(telegram={"token": emulator.token, "base_url": emulator.url},
                            database={"path": str(database)}, rematch={"solver": "thread"})


def database_of(sandbox: Sandbox) -> Path:
    assert sandbox.application is not None
    return sandbox.application.bot_data["services"].settings.database.path


def db_rows(database: Path | Sandbox, sql: str, *params: object) -> list[sqlite3.Row]:
    """Rows straight from the bot's database file (a second connection, as an operator would)."""
    path = database if isinstance(database, Path) else database_of(database)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


# The person behind a Telegram account, as a subquery for the tests' SQL (one parameter).
ACCOUNT = "(SELECT person_id FROM accounts WHERE channel = 'telegram' AND external_id = ?)"
# The Telegram chat of an outbox row's recipient (a person id), as an expression on ``followups``.
CHAT_OF_RECIPIENT = "(SELECT external_id FROM accounts WHERE channel = 'telegram' AND person_id = recipient)"


def person_id_of(database: Path | Sandbox, telegram_id: int) -> int:
    """The person id behind a Telegram account (people get ids of their own, not their Telegram id)."""
    [row] = db_rows(database, "SELECT person_id FROM accounts WHERE channel = 'telegram' AND external_id = ?",
                    telegram_id)
    return row[0]


def draft_answers(sandbox: Sandbox, telegram_id: int) -> dict[str, Any]:
    """The answers of the person's form in progress, as the engine stored them."""
    [draft] = db_rows(sandbox, "SELECT answers FROM drafts WHERE person_id = ?", person_id_of(sandbox, telegram_id))
    return json.loads(draft["answers"])


def every_text_value(sandbox: Sandbox) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text value in every table of the database."""
    found = []
    for (table,) in db_rows(sandbox, "SELECT name FROM sqlite_master WHERE type = 'table'"):
        for row in db_rows(sandbox, f"SELECT * FROM {table}"):
            found += [(table, key, row[key]) for key in row.keys() if isinstance(row[key], str)]  # noqa: SIM118
    return found


async def db_write(database: Path | Sandbox, sql: str, *params: object) -> None:
    """Set up a state the test needs but another flow builds (a verified member, say).

    A running bot's own connection takes the write, in its turn: a blocking second connection
    here would stall the event loop while the bot holds a transaction open on it.
    """
    if isinstance(database, Path):
        with sqlite3.connect(database) as conn:
            conn.execute(sql, params)
        return
    async with database.application.bot_data["services"].database.transaction() as tx:
        await tx.execute(sql, params)


async def start_worker_profile(user: ChatUser, lang: str = "en") -> None:
    """/start, then "Social worker": the bot asks for the name."""
    await user.send("/start")
    await expect(user, plain(lang, "start.ask_role"))
    await choose(user, t(lang, "start.buttons.worker"), plain(lang, "worker_form.ask_name"), within=3)


async def worker_profile_to_district(user: ChatUser, name: str = "Tom Li") -> None:
    """A social worker in English has given a name and a phone: the bot asks for the district."""
    await start_worker_profile(user)
    await answer(user, name, plain("en", "worker_form.ask_phone"))
    await answer(user, "139 1234 5679", plain("en", "worker_form.ask_district"), within=2)


async def worker_profile_to_skills(user: ChatUser, name: str = "Tom Li") -> None:
    """... and the district (Lixia): the bot asks for the skills."""
    await worker_profile_to_district(user, name)
    await choose(user, "Lixia District", plain("en", "worker_form.ask_skills"))


async def worker_profile_to_summary(user: ChatUser, name: str = "Tom Li") -> None:
    """A social worker's profile in English, every question answered, up to the summary."""
    await worker_profile_to_skills(user, name)
    await answer(user, "counselling, elderly care", plain("en", "skills.understood"))
    await choose(user, t("en", "skills.buttons.yes"), plain("en", "worker_form.ask_fields"))
    await worker_profile_fields_to_summary(user)


async def worker_profile_fields_to_summary(user: ChatUser) -> None:
    """From the service fields question (the skills confirmed) to the summary."""
    await tick(user, "Youth")
    await choose(user, t("en", "common.buttons.done"), plain("en", "worker_form.ask_languages"))
    await tick(user, "English")
    await choose(user, t("en", "common.buttons.done"), plain("en", "worker_form.ask_certification"))
    await answer(user, "assistant social worker", plain("en", "worker_form.ask_years"))
    await answer(user, "3", plain("en", "worker_form.ask_hours"))
    await answer(user, "10", plain("en", "worker_form.ask_max_placements"))
    await answer(user, "1", plain("en", "worker_form.ask_remote"))
    await answer(user, "yes", plain("en", "worker_form.ask_introduction"))
    await answer(user, "Five years in community work.", plain("en", "worker_form.summary_header"))


async def submit_worker_profile(user: ChatUser, name: str = "Tom Li") -> None:
    await worker_profile_to_summary(user, name)
    await choose(user, t("en", "common.buttons.submit"), plain("en", "worker_form.submitted"))


async def ngo_form_to_summary(user: ChatUser, lang: str = "zh") -> None:
    """An NGO registered with the civil affairs bureau, every question answered, up to the summary."""
    await user.send("/start")
    await expect(user, plain(lang, "start.ask_role"))
    await choose(user, t(lang, "start.buttons.ngo"), plain(lang, "ngo_form.ask_name"), within=3)
    await answer(user, NGO_NAME, plain(lang, "ngo_form.ask_registration"))
    await choose(user, t(lang, "registration.registered"),
                 plain(lang, "ngo_form.ask_registration_number"))
    await answer(user, USCC, plain(lang, "ngo_form.ask_fields"))
    await tick(user, "为老服务" if lang == "zh" else "Elderly services", lang)
    await choose(user, t(lang, "common.buttons.done"), plain(lang, "ngo_form.ask_district"))
    await answer(user, "历下", plain(lang, "ngo_form.ask_incubated"))
    await choose(user, t(lang, "common.yes"), plain(lang, "ngo_form.ask_director_name"))
    await answer(user, "李主任", plain(lang, "ngo_form.ask_director_phone"))
    await answer(user, "0531-8888 6666", plain(lang, "ngo_form.summary_header"), within=2)


async def register_ngo(user: ChatUser, lang: str = "zh") -> None:
    await ngo_form_to_summary(user, lang)
    await choose(user, t(lang, "common.buttons.submit"), plain(lang, "ngo_form.submitted"))


async def request_form_to_summary(user: ChatUser, title: str, start: str, lang: str = "zh",
                                  duration: str = "12"):
    """/requests, New request, and every question answered, up to the summary."""
    await user.send("/requests")
    await expect(user, plain(lang, "requests.header"))
    await choose(user, t(lang, "requests.buttons.new"), plain(lang, "request_form.ask_title"), within=2)
    await answer(user, title, plain(lang, "request_form.ask_description"))
    description = "每周六上午组织社区老人开展手工和健康讲座活动。"
    await answer(user, description, plain(lang, "request_form.ask_skills"))
    await answer(user, "小组工作, 养老服务", plain(lang, "skills.understood"))
    await choose(user, t(lang, "skills.buttons.yes"), plain(lang, "request_form.ask_field"))
    await choose(user, "为老服务", plain(lang, "request_form.ask_district"))
    await choose(user, "历下区", plain(lang, "request_form.ask_remote"))
    await choose(user, t(lang, "common.no"), plain(lang, "request_form.ask_hours"))
    await answer(user, "6", plain(lang, "request_form.ask_headcount"))
    await answer(user, "两", plain(lang, "request_form.ask_min_certification"))
    await choose(user, "助理社会工作师", plain(lang, "request_form.ask_languages"))
    await choose(user, t(lang, "common.buttons.done"), opening(lang, "request_form.ask_start_date"))
    await answer(user, start, plain(lang, "request_form.ask_duration"))
    return await answer(user, duration, plain(lang, "request_form.summary_header"))


async def post_request(user: ChatUser, title: str, start: str, lang: str = "zh") -> None:
    await request_form_to_summary(user, title, start, lang)
    await choose(user, t(lang, "common.buttons.submit"), title)


# What a sticker and a photo look like in a Bot API Message (the parts the bot may read).
_MEDIA = {
    "sticker": {"file_id": "CAACAgIAAxkBAAEBsticker", "file_unique_id": "AgADsticker",
                "type": "regular", "width": 512, "height": 512, "is_animated": False,
                "is_video": False, "emoji": "👍"},
    "photo": [{"file_id": "AgACAgIAAxkBAAEBphoto", "file_unique_id": "AQADphoto",
               "width": 320, "height": 240, "file_size": 9000}],
}


def send_media(sandbox: Sandbox, user: ChatUser, kind: str) -> int:
    """A sticker or a photo from the person; returns its message id.

    The emulator's people type, share contacts and press buttons, but send no media, so the
    update is queued here as Telegram would deliver it.
    """
    state = sandbox.emulator.state
    chat = state.chat(user.id)
    message = {"message_id": chat.allocate_id(), "from": chat.person.to_dict(),
               "chat": chat.person.chat_dict(), "date": state.timestamp(), kind: _MEDIA[kind]}
    state.updates.push("message", message)
    return message["message_id"]


async def matching_settled(sandbox: Sandbox) -> None:
    """Wait until the background rematch an action asked for has been applied."""
    from bot.placements.rematcher import rematcher_of

    assert sandbox.application is not None
    await rematcher_of(sandbox.application.bot_data["services"]).settled()


async def open_queue(director, fragment: str, lang: str = "en"):
    """/queue, then the first request of its list: the message turns into that request's best
    proposal card, which must contain ``fragment``; returns the card. Messages that arrived
    before the list (notices) are read past."""
    await director.send("/queue")
    listing = await expect(director, opening(lang, "queue.requests_header"), within=10)
    await director.press(listing.buttons[0])
    card = await director.next_message()  # the list, edited into the card
    assert card.message_id == listing.message_id and fragment in card.text, card.text
    return card
