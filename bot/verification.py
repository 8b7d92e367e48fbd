"""Verifying new members: a card to every director, Verify or Reject (with a reason they see)."""

from __future__ import annotations

from typing import Any

from bot.followups import send_after_commit
from bot.forms import engine
from bot.forms.fields import ignoring_today
from bot.forms.model import Button, Field, Form, Notice, Outcome, Reply
from bot.markup import escape
from bot.parsers import parse_reason
from bot.placements.common import decided_already, not_allowed, old_button, to_directors
from bot.placements.proposals import rematch_and_tell
from bot.profile_view import profile_text
from bot.services import Services
from bot.store import Tx, audit, members
from bot.store.users import User, languages_of
from bot.texts import Lang, t

ROLES = {"w": ("workers", "worker"), "n": ("ngos", "ngo")}


def card(row: dict[str, Any], code: str, lang: Lang, changed: bool) -> Reply:
    """The profile summary with Verify / Reject, as a director sees it."""
    _, role = ROLES[code]
    header = "verify.worker_changed_header" if changed and role == "worker" else f"verify.{role}_header"
    text = f"{t(lang, header)}\n\n{profile_text(role, row, lang, own=False)}"
    buttons = ((Button(t(lang, "verify.buttons.verify"), f"v:ok:{code}:{row['id']}"),
                Button(t(lang, "verify.buttons.reject"), f"v:no:{code}:{row['id']}")),)
    return Reply(text, buttons)


async def cards_to_directors(services: Services, tx: Tx, table: str, member_id: int,
                             changed: bool) -> list[Notice]:
    row = await members.member_by_id(tx, table, member_id)
    assert row is not None
    code = "w" if table == "workers" else "n"
    return await to_directors(services, tx, lambda lang: card(row, code, lang, changed))


async def pending_cards(services: Services, tx: Tx, lang: Lang) -> list[Reply]:
    """Every profile waiting for verification, as cards (for /queue)."""
    replies = []
    for table, member_id in await members.pending_members(tx):
        row = await members.member_by_id(tx, table, member_id)
        if row is not None:
            replies.append(card(row, "w" if table == "workers" else "n", lang, False))
    return replies


async def _pending_member(services: Services, tx: Tx, director: User, code: str,
                          member_id: int) -> dict[str, Any] | Outcome:
    """The member a director's button names, or the refusal: not a director, gone, decided."""
    lang = director.language
    if not services.is_director(director.telegram_id):
        return not_allowed(lang)
    table, role = ROLES[code]
    row = await members.member_by_id(tx, table, member_id)
    if row is None:
        return old_button(lang)
    if row["status"] != "pending":
        return await decided_already(services, tx, lang, role, member_id, row["updated_at"])
    return row


async def verify(services: Services, tx: Tx, director: User, code: str, member_id: int, now: str) -> Outcome:
    lang = director.language
    table, role = ROLES[code]
    row = await _pending_member(services, tx, director, code, member_id)
    if isinstance(row, Outcome):
        return row
    if not await members.set_member_status(tx, table, member_id, "pending", "verified", None, now):
        return await decided_already(services, tx, lang, role, member_id, row["updated_at"])
    await audit.record(tx, director.telegram_id, "verified", role, member_id, now, "pending", "verified")
    notices = await _tell_member(tx, services, row, role,
                                 lambda m_lang: t(m_lang, f"verify.member_verified_{role}"))
    notices += await rematch_and_tell(services, tx, now)
    done = Reply(t(lang, "verify.verified_done", name=escape(row["name"])))
    return await send_after_commit(tx, Outcome(replies=(done,), notices=tuple(notices)), now)


async def start_rejection(services: Services, tx: Tx, director: User, code: str, member_id: int) -> Outcome:
    row = await _pending_member(services, tx, director, code, member_id)
    if isinstance(row, Outcome):
        return row
    return await engine.begin(services, tx, director, REJECT_FORMS[code], target_id=member_id,
                              params={"name": escape(row["name"])})


def _reject_with(code: str):
    table, role = ROLES[code]

    async def reject(services: Services, tx: Tx, director: User, draft, now: str) -> Outcome:
        lang, reason = director.language, draft.answers["reason"]
        row = await members.member_by_id(tx, table, draft.target_id)
        if row is None or not services.is_director(director.telegram_id):
            return not_allowed(lang)
        if not await members.set_member_status(tx, table, row["id"], "pending", "rejected", reason, now):
            outcome = await decided_already(services, tx, lang, role, row["id"], row["updated_at"])
            return Outcome(replies=(Reply(outcome.alert or ""),))
        await audit.record(tx, director.telegram_id, "rejected", role, row["id"], now, "pending", "rejected",
                           reason)
        notices = await _tell_member(tx, services, row, role,
                                     lambda m_lang: t(m_lang, "verify.member_rejected", reason=escape(reason)))
        done = Reply(t(lang, "verify.rejected_done", name=escape(row["name"])))
        return await send_after_commit(tx, Outcome(replies=(done,), notices=tuple(notices)), now)
    return reject


REJECT_FORMS = {
    code: Form(f"reject_{role}", "", "", (
        Field("reason", "verify.ask_reason", "verify.ask_reason", parse=ignoring_today(parse_reason)),
    ), _reject_with(code), confirm=False, cancel_button=True)
    for code, (_, role) in ROLES.items()
}


async def _tell_member(tx: Tx, services: Services, row: dict[str, Any], role: str, render) -> list[Notice]:
    telegram_id = row["telegram_id"] if role == "worker" else row["director_telegram_id"]
    if telegram_id is None:
        return []
    lang = (await languages_of(tx, (telegram_id,), services.settings.association.default_language))[telegram_id]
    return [Notice(telegram_id, Reply(render(lang)))]
