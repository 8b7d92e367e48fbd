"""Directors' internal notes on a member: a short text kept in the audit log (who, when), shown
on the member's card to directors only, never to the member and not in their /mydata."""

from __future__ import annotations

from bot.forms import engine
from bot.forms.fields import ignoring_today
from bot.forms.model import Field, Form, Outcome, Reply
from bot.markup import escape
from bot.parsers import parse_reason
from bot.placements.common import local_time
from bot.refusals import NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, audit, members
from bot.store.drafts import Draft
from bot.store.members import MemberKind, MemberRow
from bot.store.users import User
from bot.texts import Lang, t


async def start_note(services: Services, tx: Tx, director: User, code: str, member_id: int) -> Outcome:
    row = await members.member_by_id(tx, MemberKind.from_code(code), member_id)
    if row is None:
        raise OldButton
    return await engine.begin(services, tx, director, NOTE_FORMS[code], target_id=member_id,
                              params={"name": escape(row.name)})


async def member_for_director(services: Services, tx: Tx, director: User, kind: MemberKind,
                              member_id: int) -> MemberRow | Outcome:
    """The member a director's form names, or the refusal: not a director, or no such member."""
    if not services.is_director(director.person_id):
        return refused(services, director.language, NotAllowed(), pressed=True)
    row = await members.member_by_id(tx, kind, member_id)
    return refused(services, director.language, OldButton(), pressed=True) if row is None else row


def _save_with(kind: MemberKind):
    async def save(services: Services, tx: Tx, director: User, draft: Draft, now: str) -> Outcome:
        lang = director.language
        row = await member_for_director(services, tx, director, kind, draft.target_id)
        if isinstance(row, Outcome):
            return row
        await audit.record(tx, actor=director.person_id, action="noted", entity=kind.entity, entity_id=row.id,
                           at=now, detail=draft.answers["text"])
        return Outcome(replies=(Reply(t(lang, "notes.saved", name=escape(row.name))),))
    return save


NOTE_FORMS = {
    kind.code: Form(f"note_{kind.entity}", "", "", (
        Field("text", "notes.ask", "notes.ask", parse=ignoring_today(parse_reason)),
    ), _save_with(kind), confirm=False, cancel_button=True)
    for kind in MemberKind
}


async def note_lines(services: Services, tx: Tx, code: str, member_id: int, lang: Lang) -> list[str]:
    """The member's notes for their card, with a heading; none when there are none."""
    notes = await audit.notes_on(tx, MemberKind.from_code(code).entity, member_id)
    if not notes:
        return []
    return ["", t(lang, "notes.header"), *(t(lang, "notes.line", at=local_time(services, n["at"])[:16],
                                                 who=escape(n["who"]), text=escape(n["text"])) for n in notes)]
