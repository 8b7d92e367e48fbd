"""/notice: an association director's announcement to many members, in each one's language.

The director picks the audience (all verified social workers, all verified NGOs, or the members
of one district), types the Chinese text and the English one (or skips it: English readers then
get the Chinese text with a note), sees a preview with the number of recipients, and presses
Send. Each recipient's message is an outbox row (a non-urgent ``notice``, so quiet hours hold it
and the dispatcher paces it), tagged with the announcement's id; /notice counts those rows as
delivered, blocked (the person blocked the bot) and waiting.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.clock import to_iso
from bot.followups.render import as_payload
from bot.followups.schedule import enqueue
from bot.forms import engine
from bot.forms.fields import ignoring_today, vocabulary_choice
from bot.forms.model import Button, Field, Form, Kind, Notice, Outcome, Reply, text_choices
from bot.forms.render import display
from bot.markup import escape, shorten
from bot.parsers import parse_row_id
from bot.parsers.text import parse_multiline
from bot.people import Sender
from bot.placements.common import director_only, local_time, not_allowed, old_button
from bot.services import Services
from bot.store import Tx, audit, broadcasts, followups
from bot.store.users import User, get_user
from bot.texts import Lang, t

AUDIENCES = ("workers", "ngos", "district")
TEXT_MAX = 1500          # each language; the preview shows both within Telegram's 4,096
_FIRST_WORDS = 24        # characters of a notice shown in the /notice history


def _parse_text(text: str):
    return parse_multiline(text, TEXT_MAX)


_DISTRICT = replace(vocabulary_choice("district", "notice.ask_district", "notice.label_district", "district"),
                    applies=lambda answers: answers.get("audience") == "district")
FIELDS = (
    Field("audience", "notice.ask_audience", "notice.label_audience", Kind.CHOICE,
          choices=lambda: text_choices("notice.audiences", AUDIENCES), columns=1),
    _DISTRICT,
    Field("text_zh", "notice.ask_text_zh", "notice.label_text_zh", parse=ignoring_today(_parse_text)),
    Field("text_en", "notice.ask_text_en", "notice.label_text_en", parse=ignoring_today(_parse_text), optional=True),
)


async def _preview(services: Services, tx: Tx, user: User, draft, now: str) -> Outcome:
    """The last answer is in: store the announcement as a preview and show it with Send / Cancel."""
    lang, answers = user.language, draft.answers
    if not services.is_director(user.telegram_id):
        return not_allowed(lang)
    count = len(await broadcasts.recipients(tx, answers["audience"], answers.get("district")))
    if not count:
        return Outcome(replies=(Reply(t(lang, "notice.nobody")),))
    broadcast_id = await broadcasts.insert(tx, user.telegram_id, answers, count, now)
    text_en = escape(answers["text_en"]) if answers.get("text_en") else t(lang, "notice.no_translation")
    text = t(lang, "notice.preview", count=count, audience=_audience(lang, answers),
             text_zh=escape(answers["text_zh"]), text_en=text_en)
    buttons = ((Button(t(lang, "notice.buttons.send"), f"nb:send:{broadcast_id}"),
                Button(t(lang, "notice.buttons.cancel"), f"nb:cancel:{broadcast_id}")),)
    return Outcome(replies=(Reply(text, buttons),))


NOTICE_FORM = Form("notice", "notice.intro", "", FIELDS, _preview, confirm=False, cancel_button=True)


def _audience(lang: Lang, row: dict[str, Any]) -> str:
    shown = t(lang, f"notice.audiences.{row['audience']}")
    if row["audience"] == "district" and row.get("district"):
        shown = f"{shown}: {display(_DISTRICT, row['district'], lang)}"
    return shown


def message_in(lang: str, row: dict[str, Any]) -> str:
    """What one recipient reads: the association's header and the text in their language (the
    Chinese text with a note, for an English reader of an untranslated notice)."""
    if lang == "en" and row.get("text_en"):
        return f"{t('en', 'notice.header')}\n\n{escape(row['text_en'])}"
    if lang == "en":
        return f"{t('en', 'notice.header')}\n\n{escape(row['text_zh'])}\n\n{t('en', 'notice.untranslated')}"
    return f"{t('zh', 'notice.header')}\n\n{escape(row['text_zh'])}"


async def start_notice(services: Services, sender: Sender) -> Outcome:
    """/notice: the last announcements with their delivery counts, then the first question."""
    async with services.database.transaction() as tx:
        user, refusal = await director_only(services, tx, sender, pressed=False)
        if refusal is not None:
            return refusal
        lang = user.language
        recent = await broadcasts.last_sent(tx)
        begun = await engine.begin(services, tx, user, NOTICE_FORM)
    history = (Reply(_history(services, lang, recent)),) if recent else ()
    return Outcome(replies=(*history, *begun.replies))


def _history(services: Services, lang: Lang, recent: list[dict[str, Any]]) -> str:
    lines = [t(lang, "notice.history_header")]
    for row in recent:
        line = t(lang, "notice.history_item", at=local_time(services, row["sent_at"]),
                 audience=_audience(lang, row), first_words=escape(shorten(row["text_zh"], _FIRST_WORDS)),
                 delivered=row["delivered"], blocked=row["blocked"], waiting=row["waiting"])
        if row["unconfirmed"]:
            line += t(lang, "notice.history_unconfirmed", unconfirmed=row["unconfirmed"])
        lines.append(line)
    return "\n\n".join(lines)


async def report_finished(services: Services, now: datetime) -> int:
    """The dispatcher's pass: tell the director of each notice whose messages have all been
    delivered or given up how it went (once). How many reports were written."""
    stamp, reported = to_iso(now), 0
    async with services.database.transaction() as tx:
        for row in await broadcasts.unreported(tx):
            counts = await broadcasts.delivery_counts(tx, row["id"])
            if counts["waiting"] or not await broadcasts.mark_reported(tx, row["id"], stamp):
                continue
            director = await get_user(tx, row["director"])
            lang: Lang = director.language if director is not None else "zh"  # type: ignore[assignment]
            text = t(lang, "notice.report", first_words=escape(shorten(row["text_zh"], _FIRST_WORDS)), **counts)
            if counts["unconfirmed"]:
                text += t(lang, "notice.history_unconfirmed", unconfirmed=counts["unconfirmed"])
            await enqueue(tx, (Notice(row["director"], Reply(text)),), stamp)
            reported += 1
    return reported


async def notice_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``nb:<send|cancel>:<id>`` under a preview: only a director, only while it is a preview."""
    _, action, raw_id = [*data.split(":"), "", ""][:3]
    async with services.database.transaction() as tx:
        user, refusal = await director_only(services, tx, sender, pressed=True)
        if refusal is not None:
            return refusal
        lang = user.language
        broadcast_id = parse_row_id(raw_id)
        row = None if broadcast_id is None else await broadcasts.get(tx, broadcast_id)
        if row is None or row["status"] != "preview" or action not in ("send", "cancel"):
            return old_button(lang)
        now = to_iso(services.clock.now())
        if action == "cancel":
            if not await broadcasts.move(tx, row["id"], "preview", "cancelled", now):
                return old_button(lang)
            await audit.record(tx, user.telegram_id, "cancelled", "broadcast", row["id"], now, "preview", "cancelled")
            return Outcome(replies=(Reply(t(lang, "notice.cancelled")),), records_on_prompt=True)
        return await _send(tx, user, row, now)


async def _send(tx: Tx, user: User, row: dict[str, Any], now: str) -> Outcome:
    """One outbox row per recipient, in their language; the count is taken again at this moment."""
    lang = user.language
    people = await broadcasts.recipients(tx, row["audience"], row["district"])
    if not await broadcasts.move(tx, row["id"], "preview", "sent", now, count=len(people)):
        return old_button(lang)
    for telegram_id, person_lang in people:
        message = as_payload(Reply(message_in(person_lang, row)))
        await followups.insert(tx, "notice", telegram_id, now, now, urgent=False,
                               payload={"broadcast": row["id"], "message": message})
    await audit.record(tx, user.telegram_id, "sent", "broadcast", row["id"], now, "preview", "sent",
                       f"{row['audience']} {row['district'] or ''}: {len(people)} recipients".replace(" :", ":"))
    sending = Reply(t(lang, "notice.sending", count=len(people)))
    return Outcome(replies=(sending,), queued=True, records_on_prompt=True)  # under the preview sent
