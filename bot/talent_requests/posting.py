"""Talent requests: posting, editing and closing them on behalf of an NGO director."""

from __future__ import annotations

from typing import Any

from bot.forms.model import Notice, Outcome, Reply
from bot.markup import escape
from bot.placements.offers import withdraw_open_offers
from bot.placements.rematcher import rematch_wanted
from bot.refusals import OldButton, refused
from bot.services import Services
from bot.store import Tx, audit, members, requests
from bot.store.members import MemberKind
from bot.store.users import User
from bot.texts import t


async def save_request(services: Services, tx: Tx, user: User, target_id: int | None,
                       values: dict[str, Any], now: str) -> Outcome:
    """Post a new request, or update one of the NGO's open requests."""
    lang = user.language
    ngo = await members.member_by_person(tx, MemberKind.NGO, user.person_id)
    if ngo is None:
        return Outcome(replies=(Reply(t(lang, "requests.ngo_missing")),))
    title = escape(values["title"])
    if target_id is None:
        request_id = await requests.insert_request(tx, ngo.id, values, now)
        await audit.record(tx, actor=user.person_id, action="posted", entity="request", entity_id=request_id, at=now,
                           old=None, new="open")
        key = "request_form.submitted" if ngo.status == "verified" else "request_form.submitted_unverified"
        rematch_wanted(services)
        return Outcome(replies=(Reply(t(lang, key, title=title)),))
    if not await requests.update_request(tx, target_id, ngo.id, values, now):
        return refused(services, lang, OldButton(), pressed=False)
    await audit.record(tx, actor=user.person_id, action="edited", entity="request", entity_id=target_id, at=now,
                       old="open", new="open")
    rematch_wanted(services)
    return Outcome(replies=(Reply(t(lang, "request_form.updated", title=title)),))


async def close_request(tx: Tx, user: User, request_id: int, now: str, *,
                        as_director: bool = False) -> list[Notice] | None:
    """Close an open or filled request of the person's NGO (any NGO's, ``as_director``); None
    when it is not theirs or already closed.

    Its proposals and offers are withdrawn; the notices tell everyone who held an offer.
    Placements under way go on: closing only stops new matches.
    """
    row = await requests.request_by_id(tx, request_id)
    ngo = None if as_director else await members.member_by_person(tx, MemberKind.NGO, user.person_id)
    if row is None or (ngo is None and not as_director):
        return None
    if not await requests.close_request(tx, request_id, None if as_director else ngo.id, now):
        return None
    await audit.record(tx, actor=user.person_id, action="closed", entity="request", entity_id=request_id, at=now,
                       old=row.status, new="closed")
    return await withdraw_open_offers(tx, request_id, now)
