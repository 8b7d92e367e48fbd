"""Verifying new members: a card to every director, Verify or Reject (with a reason they see)."""

from __future__ import annotations

from bot.forms import engine
from bot.forms.fields import ignoring_today
from bot.forms.model import Button, Field, Form, Notice, Outcome, Reply
from bot.markup import escape
from bot.members.callbacks import PagePress, VerifyPress
from bot.members.profile_view import profile_lines
from bot.parsers import parse_reason
from bot.placements.common import to_directors
from bot.placements.rematcher import rematch_wanted
from bot.refusals import AlreadyDecided, NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, members
from bot.store.members import MemberKind, MemberRow
from bot.store.transitions import transition
from bot.store.users import User, languages_of
from bot.texts import Lang, t


def card(row: MemberRow, kind: MemberKind, lang: Lang, changed: bool) -> Reply:
    """The profile summary with Verify / Reject, as a director sees it."""
    role, code = kind.entity, kind.code
    header = "verify.worker_changed_header" if changed and kind is MemberKind.WORKER else f"verify.{role}_header"
    text = f"{t(lang, header)}\n\n{profile_lines(role, row, lang)}"
    buttons = ((Button(t(lang, "verify.buttons.verify"), VerifyPress("ok", code, row.id).data),
                Button(t(lang, "verify.buttons.reject"), VerifyPress("no", code, row.id).data)),)
    return Reply(text, buttons)


async def cards_to_directors(services: Services, tx: Tx, kind: MemberKind, member_id: int,
                             changed: bool) -> list[Notice]:
    row = await members.member_by_id(tx, kind, member_id)
    assert row is not None
    return await to_directors(services, tx, lambda lang: card(row, kind, lang, changed))


async def pending_count(tx: Tx) -> int:
    return len(await members.pending_members(tx))


async def member_page(tx: Tx, lang: Lang, after: tuple[str, int] | None = None, step: int = 1) -> Reply | None:
    """One waiting member's card for /members: "Member 2 of 6", Verify / Reject, and ◀️ ▶️ to
    the member before or after ``after`` (code, id) in the order they applied, wrapping round.
    None when nobody waits."""
    waiting = [(kind.code, member_id) for kind, member_id in await members.pending_members(tx)]
    if not waiting:
        return None
    index = (waiting.index(after) + step) % len(waiting) if after in waiting else 0
    code, member_id = waiting[index]
    kind = MemberKind.from_code(code)
    row = await members.member_by_id(tx, kind, member_id)
    assert row is not None
    shown = card(row, kind, lang, False)
    header = t(lang, "members.header", position=index + 1, count=len(waiting))
    paging = ((Button(t(lang, "members.buttons.previous"), PagePress("prev", code, member_id).data),
               Button(t(lang, "members.buttons.next"), PagePress("next", code, member_id).data)),
              ) if len(waiting) > 1 else ()
    return Reply(f"{header}\n{shown.text}", (*shown.buttons, *paging))


async def _pending_member(tx: Tx, code: str, member_id: int) -> MemberRow:
    """The member a director's button names, or the refusal: gone, or decided already."""
    kind = MemberKind.from_code(code)
    row = await members.member_by_id(tx, kind, member_id)
    if row is None:
        raise OldButton
    if row.status != "pending":
        raise await AlreadyDecided.from_audit(tx, kind.entity, member_id, row.updated_at)
    return row


async def verify(services: Services, tx: Tx, director: User, code: str, member_id: int, now: str) -> Outcome:
    lang = director.language
    kind = MemberKind.from_code(code)
    row = await _pending_member(tx, code, member_id)
    if not await transition(tx, kind.entity, member_id, old="pending", new="verified", actor=director.person_id,
                            action="verified", at=now, status_reason=None):
        raise await AlreadyDecided.from_audit(tx, kind.entity, member_id, row.updated_at)
    notices = await tell_member(tx, services, row, kind,
                                 lambda m_lang: t(m_lang, f"verify.member_verified_{kind.entity}"))
    rematch_wanted(services)
    done = Reply(t(lang, "verify.verified_done", name=escape(row.name)))
    # The card pressed records the decision; the next member waiting, if any, comes as a card of
    # its own (its own buttons, and the decided card stays in the chat).
    following = await member_page(tx, lang)
    return Outcome(replies=(done, *([following] if following else [])), notices=tuple(notices),
                   records_on_prompt=True)


async def start_rejection(services: Services, tx: Tx, director: User, code: str, member_id: int) -> Outcome:
    row = await _pending_member(tx, code, member_id)
    return await engine.begin(services, tx, director, REJECT_FORMS[code], target_id=member_id,
                              params={"name": escape(row.name)})


def _reject_with(kind: MemberKind):
    async def reject(services: Services, tx: Tx, director: User, draft, now: str) -> Outcome:
        lang, reason = director.language, draft.answers["reason"]
        row = await members.member_by_id(tx, kind, draft.target_id)
        if row is None or not services.is_director(director.person_id):
            return refused(services, lang, NotAllowed(), pressed=True)
        if not await transition(tx, kind.entity, row.id, old="pending", new="rejected", actor=director.person_id,
                                action="rejected", at=now, detail=reason, status_reason=reason):
            decided = await AlreadyDecided.from_audit(tx, kind.entity, row.id, row.updated_at)
            return refused(services, lang, decided, pressed=False)
        notices = await tell_member(tx, services, row, kind,
                                     lambda m_lang: t(m_lang, "verify.member_rejected", reason=escape(reason)))
        done = Reply(t(lang, "verify.rejected_done", name=escape(row.name)))
        following = await member_page(tx, lang)  # the next member waiting, if any
        return Outcome(replies=(done, *([following] if following else [])), notices=tuple(notices))
    return reject


REJECT_FORMS = {
    kind.code: Form(f"reject_{kind.entity}", "", "", (
        Field("reason", "verify.ask_reason", "verify.ask_reason", parse=ignoring_today(parse_reason)),
    ), _reject_with(kind), confirm=False, cancel_button=True)
    for kind in MemberKind
}


async def tell_ngo(services: Services, tx: Tx, ngo_id: int, render) -> list[Notice]:
    """A notice to an NGO's director (by the NGO's id), in their language."""
    ngo = await members.member_by_id(tx, MemberKind.NGO, ngo_id)
    return [] if ngo is None else await tell_member(tx, services, ngo, MemberKind.NGO, render)


async def tell_member(tx: Tx, services: Services, row: MemberRow, kind: MemberKind, render) -> list[Notice]:
    person_id = row.owner
    if person_id is None:
        return []
    lang = (await languages_of(tx, (person_id,), services.settings.association.default_language))[person_id]
    return [Notice(person_id, Reply(render(lang)))]
