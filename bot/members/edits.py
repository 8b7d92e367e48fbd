"""A director edits a member's profile on their behalf (a phone number changed by call, a typo):
the member's own form, filled with the stored answers, at its summary. Saving keeps the
member's status, writes an audit row naming the answers changed, tells the member what the
association changed, and asks for a rematch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.forms import engine
from bot.forms.model import Field, Form, Outcome, Reply
from bot.markup import escape
from bot.members import ngo_form as ngo
from bot.members import worker_form as worker
from bot.members.notes import member_for_director
from bot.members.verification import tell_member
from bot.placements.rematcher import rematch_wanted
from bot.refusals import OldButton
from bot.services import Services
from bot.store import Tx, audit, members
from bot.store.drafts import Draft
from bot.store.members import MemberKind
from bot.store.users import User
from bot.texts import Lang, t

# kind -> (the member's form questions, row -> answers, answers -> columns)
_KINDS: dict[MemberKind, tuple[tuple[Field, ...], Callable[..., dict[str, Any]], Callable[..., dict[str, Any]]]] = {
    MemberKind.WORKER: (worker.FIELDS, worker.answers_from_columns, worker.columns_from_answers),
    MemberKind.NGO: (ngo.FIELDS, ngo.answers_from_columns, ngo.columns_from_answers),
}


async def start_edit(services: Services, tx: Tx, director: User, code: str, member_id: int) -> Outcome:
    kind = MemberKind.from_code(code)
    _, to_answers, _ = _KINDS[kind]
    row = await members.member_by_id(tx, kind, member_id)
    if row is None or row.status == "rejected":
        raise OldButton
    return await engine.begin(services, tx, director, EDIT_FORMS[code], target_id=member_id,
                              answers=to_answers(row))


def _save_with(kind: MemberKind):
    fields, to_answers, to_columns = _KINDS[kind]

    async def save(services: Services, tx: Tx, director: User, draft: Draft, now: str) -> Outcome:
        lang = director.language
        row = await member_for_director(services, tx, director, kind, draft.target_id)
        if isinstance(row, Outcome):
            return row
        before = to_answers(row)
        changed = [f for f in fields if f.name in draft.answers and draft.answers[f.name] != before.get(f.name)]
        if not changed:
            return Outcome(replies=(Reply(t(lang, "member_edit.nothing_changed")),))
        await members.update_member(tx, kind, row.id, to_columns(draft.answers), row.status, now)
        await audit.record(tx, actor=director.person_id, action="edited_by_director", entity=kind.entity,
                           entity_id=row.id, at=now, old=row.status, new=row.status,
                           detail=", ".join(f.name for f in changed))
        rematch_wanted(services)
        told = await tell_member(tx, services, row, kind,
                                 lambda m_lang: t(m_lang, "member_edit.told", fields=_labels(changed, m_lang)))
        return Outcome(replies=(Reply(t(lang, "member_edit.saved", name=escape(row.name),
                                        fields=_labels(changed, lang))),), notices=tuple(told))
    return save


def _labels(changed: list[Field], lang: Lang) -> str:
    return t(lang, "common.list_separator").join(t(lang, f.label) for f in changed)


EDIT_FORMS = {kind.code: Form(f"{kind.entity}_for_member", "", "member_edit.summary_header", fields,
                              _save_with(kind))
              for kind, (fields, _, _) in _KINDS.items()}
