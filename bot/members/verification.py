"""Verifying new members: a card to every director, Verify or Reject (with a reason they see)."""

from __future__ import annotations

from typing import Any

from bot.followups.schedule import send_after_commit
from bot.forms import engine
from bot.forms.fields import ignoring_today
from bot.forms.model import Button, Field, Form, Notice, Outcome, Reply
from bot.markup import escape
from bot.members.profile_view import profile_lines
from bot.parsers import parse_reason
from bot.placements.common import decided_already, not_allowed, old_button, to_directors
from bot.placements.rematcher import rematch_wanted
from bot.services import Services
from bot.store import Tx, audit, members
from bot.store.users import User, languages_of
from bot.texts import Lang, t

ROLES = {"w": ("workers", "worker"), "n": ("ngos", "ngo")}


def card(row: dict[str, Any], code: str, lang: Lang, changed: bool) -> Reply:
    """The profile summary with Verify / Reject, as a director sees it."""
    _, role = ROLES[code]
    header = "verify.worker_changed_header" if changed and role == "worker" else f"verify.{role}_header"
    text = f"{t(lang, header)}\n\n{profile_lines(role, row, lang)}"
    buttons = ((Button(t(lang, "verify.buttons.verify"), f"v:ok:{code}:{row['id']}"),
                Button(t(lang, "verify.buttons.reject"), f"v:no:{code}:{row['id']}")),)
    return Reply(text, buttons)


async def cards_to_directors(services: Services, tx: Tx, table: str, member_id: int,
                             changed: bool) -> list[Notice]:
    row = await members.member_by_id(tx, table, member_id)
    assert row is not None
    code = "w" if table == "workers" else "n"
    return await to_directors(services, tx, lambda lang: card(row, code, lang, changed))


async def pending_count(tx: Tx) -> int:
    return len(await members.pending_members(tx))


async def member_page(tx: Tx, lang: Lang, after: tuple[str, int] | None = None, step: int = 1) -> Reply | None:
    """One waiting member's card for /members: "Member 2 of 6", Verify / Reject, and ◀️ ▶️ to
    the member before or after ``after`` (code, id) in the order they applied, wrapping round.
    None when nobody waits."""
    waiting = [("w" if table == "workers" else "n", member_id)
               for table, member_id in await members.pending_members(tx)]
    if not waiting:
        return None
    index = (waiting.index(after) + step) % len(waiting) if after in waiting else 0
    code, member_id = waiting[index]
    row = await members.member_by_id(tx, ROLES[code][0], member_id)
    assert row is not None
    shown = card(row, code, lang, False)
    header = t(lang, "members.header", position=index + 1, count=len(waiting))
    paging = ((Button(t(lang, "members.buttons.previous"), f"vm:prev:{code}:{member_id}"),
               Button(t(lang, "members.buttons.next"), f"vm:next:{code}:{member_id}")),) if len(waiting) > 1 else ()
    return Reply(f"{header}\n{shown.text}", (*shown.buttons, *paging))


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
    notices = await tell_member(tx, services, row, role,
                                 lambda m_lang: t(m_lang, f"verify.member_verified_{role}"))
    rematch_wanted(services)
    done = Reply(t(lang, "verify.verified_done", name=escape(row["name"])))
    # The card pressed records the decision; the next member waiting, if any, comes as a card of
    # its own (its own buttons, and the decided card stays in the chat).
    following = await member_page(tx, lang)
    return await send_after_commit(tx, Outcome(replies=(done, *([following] if following else [])),
                                               notices=tuple(notices), records_on_prompt=True), now)


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
        notices = await tell_member(tx, services, row, role,
                                     lambda m_lang: t(m_lang, "verify.member_rejected", reason=escape(reason)))
        done = Reply(t(lang, "verify.rejected_done", name=escape(row["name"])))
        following = await member_page(tx, lang)  # the next member waiting, if any
        return await send_after_commit(tx, Outcome(replies=(done, *([following] if following else [])),
                                                   notices=tuple(notices)), now)
    return reject


REJECT_FORMS = {
    code: Form(f"reject_{role}", "", "", (
        Field("reason", "verify.ask_reason", "verify.ask_reason", parse=ignoring_today(parse_reason)),
    ), _reject_with(code), confirm=False, cancel_button=True)
    for code, (_, role) in ROLES.items()
}


async def tell_ngo(services: Services, tx: Tx, ngo_id: int, render) -> list[Notice]:
    """A notice to an NGO's director (by the NGO's id), in their language."""
    ngo = await members.member_by_id(tx, "ngos", ngo_id)
    return [] if ngo is None else await tell_member(tx, services, ngo, "ngo", render)


async def tell_member(tx: Tx, services: Services, row: dict[str, Any], role: str, render) -> list[Notice]:
    telegram_id = row["telegram_id"] if role == "worker" else row["director_telegram_id"]
    if telegram_id is None:
        return []
    lang = (await languages_of(tx, (telegram_id,), services.settings.association.default_language))[telegram_id]
    return [Notice(telegram_id, Reply(render(lang)))]
