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
from bot.events import Event
from bot.followups.render import as_payload
from bot.followups.schedule import enqueue
from bot.forms import engine
from bot.forms.fields import ignoring_today, vocabulary_choice
from bot.forms.model import Button, Field, Form, Kind, Notice, Outcome, Reply, text_choices
from bot.forms.render import display
from bot.markup import escape, shorten
from bot.notices.callbacks import BroadcastPress
from bot.parsers.text import parse_multiline
from bot.placements.common import local_time
from bot.refusals import NotAllowed, OldButton, refused
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
    if not services.is_director(user.person_id):
        return refused(services, lang, NotAllowed(), pressed=True)
    count = len(await broadcasts.recipients(tx, answers["audience"], answers.get("district")))
    if not count:
        return Outcome(replies=(Reply(t(lang, "notice.nobody")),))
    broadcast_id = await broadcasts.insert(tx, user.person_id, answers, count, now)
    text_en = escape(answers["text_en"]) if answers.get("text_en") else t(lang, "notice.no_translation")
    text = t(lang, "notice.preview", count=count, audience=_audience(lang, answers),
             text_zh=escape(answers["text_zh"]), text_en=text_en)
    buttons = ((Button(t(lang, "notice.buttons.send"), BroadcastPress("send", broadcast_id).data),
                Button(t(lang, "notice.buttons.cancel"), BroadcastPress("cancel", broadcast_id).data)),)
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


async def start_notice(event: Event) -> Outcome:
    """/notice: the last announcements with their delivery counts, then the first question."""
    recent = await broadcasts.last_sent(event.tx)
    begun = await engine.begin(event.services, event.tx, event.user, NOTICE_FORM)
    history = (Reply(_history(event.services, event.lang, recent)),) if recent else ()
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


async def notice_pressed(event: Event, press: BroadcastPress) -> Outcome:
    """``nb:<send|cancel>:<id>`` under a preview: only a director, only while it is a preview."""
    tx, user, now = event.tx, event.user, event.now
    row = await broadcasts.get(tx, press.broadcast_id)
    if row is None or row["status"] != "preview":
        raise OldButton
    if press.action == "cancel":
        if not await broadcasts.move(tx, row["id"], "preview", "cancelled", now):
            raise OldButton
        await audit.record(tx, actor=user.person_id, action="cancelled", entity="broadcast", entity_id=row["id"],
                           at=now, old="preview", new="cancelled")
        return Outcome(replies=(Reply(t(event.lang, "notice.cancelled")),), records_on_prompt=True)
    return await _send(tx, user, row, now)


async def _send(tx: Tx, user: User, row: dict[str, Any], now: str) -> Outcome:
    """One outbox row per recipient, in their language; the count is taken again at this moment."""
    lang = user.language
    people = await broadcasts.recipients(tx, row["audience"], row["district"])
    if not await broadcasts.move(tx, row["id"], "preview", "sent", now, count=len(people)):
        raise OldButton
    for person_id, person_lang in people:
        message = as_payload(Reply(message_in(person_lang, row)))
        await followups.insert(tx, "notice", person_id, now, now, urgent=False,
                               payload={"broadcast": row["id"], "message": message})
    await audit.record(tx, actor=user.person_id, action="sent", entity="broadcast", entity_id=row["id"], at=now,
                       old="preview", new="sent",
                       detail=f"{row['audience']} {row['district'] or ''}: {len(people)} recipients".replace(" :", ":"))
    sending = Reply(t(lang, "notice.sending", count=len(people)))
    return Outcome(replies=(sending,), queued=True, records_on_prompt=True)  # under the preview sent
