"""Undo, for a minute after a director approves or rejects a proposal.

An approval is undone only while neither side has answered its offer: the offer messages still
in the outbox are cancelled, a side that has already been sent one is told it is withdrawn, and
the proposal is back in the queue as it was. A rejection is undone to the open proposal (reason
and note forgotten); the rematch it asks for withdraws a candidate proposed meanwhile for the
same place, if the place has no room for both. Each undo writes an audit row, and its guarded
UPDATE settles a race (a second director's Undo, a side's Accept) one way only.
"""

from __future__ import annotations

from datetime import timedelta

from bot.clock import from_iso
from bot.followups.schedule import enqueue, offer_closed
from bot.forms.model import Button, Notice, Outcome, Reply
from bot.markup import escape
from bot.placements.callbacks import QueuePress
from bot.placements.rematcher import rematch_wanted
from bot.refusals import OldButton
from bot.services import Services
from bot.store import Tx, audit, followups, placements, users
from bot.store.placements import PlacementDetails
from bot.store.users import User
from bot.texts import Lang, t

UNDO_WINDOW = timedelta(minutes=1)


def undo_button(lang: Lang, placement_id: int) -> tuple[Button, ...]:
    return (Button(t(lang, "queue.buttons.undo"), QueuePress("undo", placement_id).data),)


async def undo(services: Services, tx: Tx, director: User, placement_id: int, now: str) -> Outcome:
    """``q:undo:<id>``: the approval or rejection of this proposal undone, within the minute."""
    lang = director.language
    p = await placements.detail(tx, placement_id)
    if p is None:
        raise OldButton
    if p.status == "proposed" and p.decided_at is None:
        return Outcome(alert=t(lang, "queue.undo_already"))
    if p.decided_at is None or from_iso(now) - from_iso(p.decided_at) > UNDO_WINDOW:
        return Outcome(alert=t(lang, "queue.undo_too_late"))
    if p.status == "offered" and await placements.undo_offer(tx, placement_id, now):
        await _withdraw_offer_messages(services, tx, p, now)
        return await _undone(tx, director, p, "offered", now)
    if p.status == "rejected" and await placements.undo_rejection(tx, placement_id, now):
        rematch_wanted(services)
        return await _undone(tx, director, p, "rejected", now)
    return Outcome(alert=t(lang, "queue.undo_too_late"))  # answered, accepted, or decided otherwise


async def _withdraw_offer_messages(services: Services, tx: Tx, p: PlacementDetails, now: str) -> None:
    """Offer messages not yet sent are cancelled; whoever was sent one is told it is withdrawn."""
    await offer_closed(tx, p.id)
    reached = await followups.recipients_sent(tx, p.id, "notice")
    await followups.cancel_for_placement(tx, p.id, ("notice",), "the approval was undone")
    languages = await users.languages_of(tx, tuple(reached), services.settings.association.default_language)
    notices = [Notice(tel, Reply(t(languages[tel], "offer.withdrawn", title=escape(p.title)))) for tel in reached]
    await enqueue(tx, notices, now, urgent=True, kind="notice")


async def _undone(tx: Tx, director: User, p: PlacementDetails, was: str, now: str) -> Outcome:
    await audit.record(tx, actor=director.person_id, action="undone", entity="placement", entity_id=p.id, at=now,
                       old=was, new="proposed")
    text = t(director.language, "queue.undone", worker=escape(p.worker_name), title=escape(p.title))
    return Outcome(replies=(Reply(text),), queued=True, records_on_prompt=True)  # under the decision
