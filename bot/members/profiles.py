"""Saving member profiles: new ones wait for verification, edits keep it unless they matter.

A verified social worker who edits their profile stays verified, unless the skills or the
certification changed: those are what the association vouches for, so they are checked again.
"""

from __future__ import annotations

from typing import Any

from bot.forms.model import Outcome, Reply
from bot.members.verification import cards_to_directors
from bot.placements.rematcher import rematch_wanted
from bot.refusals import OldButton, refused
from bot.services import Services
from bot.store import Tx, audit, members, users
from bot.store.members import MemberKind
from bot.store.users import User
from bot.texts import t

_VOUCHED_WORKER_FIELDS = ("skills", "certification")
_VOUCHED_NGO_FIELDS = ("name", "registration", "registration_number")


async def save_worker_profile(services: Services, tx: Tx, user: User, target_id: int | None,
                              values: dict[str, Any], now: str) -> Outcome:
    return await _save_member(services, tx, user, MemberKind.WORKER, target_id, values, now, _VOUCHED_WORKER_FIELDS)


async def save_ngo_profile(services: Services, tx: Tx, user: User, target_id: int | None,
                           values: dict[str, Any], now: str) -> Outcome:
    return await _save_member(services, tx, user, MemberKind.NGO, target_id, values, now, _VOUCHED_NGO_FIELDS)


async def _save_member(services: Services, tx: Tx, user: User, kind: MemberKind, target_id: int | None,
                       values: dict[str, Any], now: str, vouched: tuple[str, ...]) -> Outcome:
    lang = user.language
    existing = await members.member_by_person(tx, kind, user.person_id)
    if target_id is not None and (existing is None or existing.id != target_id):
        return refused(services, lang, OldButton(), pressed=False)
    form_key = f"{kind.entity}_form"
    if existing is None:
        member_id = await members.insert_member(tx, kind, user.person_id, values, now)
        await users.set_role(tx, user.person_id, kind.entity, now)
        await audit.record(tx, actor=user.person_id, action="submitted", entity=kind.entity, entity_id=member_id,
                           at=now, old=None, new="pending")
        cards = await cards_to_directors(services, tx, kind, member_id, changed=False)
        return Outcome(replies=(Reply(t(lang, f"{form_key}.submitted")),), notices=tuple(cards))
    keeps_verification = existing.status == "verified" and all(
        getattr(existing, k) == values[k] for k in vouched)
    status = "verified" if keeps_verification else "pending"
    await members.update_member(tx, kind, existing.id, values, status, now)
    await audit.record(tx, actor=user.person_id, action="edited", entity=kind.entity, entity_id=existing.id,
                       at=now, old=existing.status, new=status)
    if keeps_verification:
        rematch_wanted(services)
        return Outcome(replies=(Reply(t(lang, "profile.edit_keeps_verified")),))
    # Back in the queue: proposals for this member are withdrawn by the rematch.
    rematch_wanted(services)
    cards = tuple(await cards_to_directors(services, tx, kind, existing.id, changed=True))
    key = "profile.edit_needs_review" if existing.status == "verified" else f"{form_key}.submitted"
    return Outcome(replies=(Reply(t(lang, key)),), notices=cards)
