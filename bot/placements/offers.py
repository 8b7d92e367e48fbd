"""The two sides' answers to an offer. Both accept -> active, and only then contacts are shared."""

from __future__ import annotations

from bot.followups import schedule
from bot.forms.model import Notice, Outcome, Reply
from bot.markup import escape
from bot.placements import cards
from bot.placements.common import both_sides, side_name, to_directors
from bot.placements.rematcher import rematch_wanted
from bot.refusals import AlreadyDecided, NotAllowed, OldButton
from bot.services import Services
from bot.store import Tx, audit, placements
from bot.store.placements import PlacementDetails
from bot.store.transitions import transition
from bot.store.users import User
from bot.texts import t


def side_of(p: PlacementDetails, person_id: int) -> str | None:
    """Which side of the offer this person is: the worker, the NGO director, or neither."""
    if person_id == p.worker_person_id:
        return "worker"
    if person_id == p.ngo_person_id:
        return "ngo"
    return None


async def answer_offer(services: Services, tx: Tx, user: User, placement_id: int, accept: bool,
                       now: str) -> Outcome:
    lang = user.language
    p = await placements.detail(tx, placement_id)
    if p is None:
        raise OldButton
    side = side_of(p, user.person_id)
    if side is None:
        raise NotAllowed
    if p.status in ("withdrawn", "expired"):
        return Outcome(alert=t(lang, "alerts.expired"))
    if (own := p.answer_of(side)) is not None:  # a second press on their own answer
        return Outcome(alert=t(lang, "alerts.you_accepted" if own == "accepted" else "alerts.you_declined"))
    if p.status != "offered":  # the other side or a director closed it meanwhile
        raise await AlreadyDecided.from_audit(tx, "placement", placement_id, p.updated_at)
    if accept and side == "worker" and (active := await _active_of_worker(tx, p)) >= p.max_placements:
        # Their profile allows no more (they may have lowered it since the offer went out).
        return Outcome(alert=t(lang, "offer.over_capacity", held=active, most=p.max_placements))
    if not await placements.record_answer(tx, placement_id, side, "accepted" if accept else "declined", now):
        raise await AlreadyDecided.from_audit(tx, "placement", placement_id, p.updated_at)
    await schedule.offer_answered(tx, placement_id, user.person_id)
    await audit.record(tx, actor=user.person_id, action="accepted" if accept else "declined", entity="placement",
                       entity_id=placement_id, at=now, old="offered", new="offered", detail=side)
    if not accept:
        return await _declined(services, tx, user, p, now)
    other = "ngo" if side == "worker" else "worker"
    if p.answer_of(other) != "accepted":
        return Outcome(replies=(Reply(t(lang, "offer.accepted_waiting")),), records_on_prompt=True)
    return await _activate(services, tx, user, p, now)


async def _declined(services: Services, tx: Tx, user: User, p: PlacementDetails, now: str) -> Outcome:
    await placements.move(tx, p.id, "offered", "declined", now)
    await schedule.offer_closed(tx, p.id)
    who, title = escape(side_name(p, user.person_id)), escape(p.title)
    names = {"worker": escape(p.worker_name), "ngo": escape(p.ngo_name)}
    notices = await to_directors(
        services, tx, lambda lang: Reply(t(lang, "offer.declined_notice", who=who, title=title, **names)))
    notices += [Notice(tel, Reply(t(lang, "offer.other_declined", title=title)))  # the side still waiting
                for tel, lang in both_sides(p) if tel is not None and tel != user.person_id]
    rematch_wanted(services)
    return Outcome(replies=(Reply(t(user.language, "offer.declined_ack")),), notices=tuple(notices),
                   records_on_prompt=True)


async def _activate(services: Services, tx: Tx, user: User, p: PlacementDetails, now: str) -> Outcome:
    """Both accepted: active; contacts to the two sides only; full requests stop taking offers.

    The offer pressed records the answer; the contacts go to both sides as notices of their own
    (the other side must be told anyway, and both get the same card)."""
    await transition(tx, "placement", p.id, old="offered", new="active", actor=None, action="activated", at=now,
                     started_at=now)
    active = await placements.detail(tx, p.id)
    assert active is not None
    await schedule.placement_started(services, tx, active, now)
    notices = [Notice(active.worker_person_id, cards.contacts_for_worker(active)),
               Notice(active.ngo_person_id, cards.contacts_for_ngo(active))]
    names = {"worker": escape(p.worker_name), "ngo": escape(p.ngo_name), "title": escape(p.title)}
    notices += await to_directors(
        services, tx, lambda lang: Reply(t(lang, "offer.active_for_director", **names)))
    notices += await _fill_if_full(services, tx, active, now)
    accepted = Reply(t(user.language, "offer.accepted_both"))
    return Outcome(replies=(accepted,), notices=tuple(notices), records_on_prompt=True)


async def _fill_if_full(services: Services, tx: Tx, p: PlacementDetails, now: str) -> list[Notice]:
    """When every place is taken the request is filled; open proposals and offers are withdrawn."""
    active = await placements.live_of_request(tx, p.request_id, ("active",))
    if len(active) < p.headcount:
        return []
    await transition(tx, "request", p.request_id, old="open", new="filled", actor=None, action="filled", at=now)
    return await withdraw_open_offers(tx, p.request_id, now)


async def withdraw_open_offers(tx: Tx, request_id: int, now: str) -> list[Notice]:
    """Withdraw a request's proposals and offers; everyone holding an offer is told."""
    notices = []
    for pid in await placements.live_of_request(tx, request_id, ("proposed", "offered")):
        p = await placements.detail(tx, pid)
        if p is None or not await transition(tx, "placement", pid, old=p.status, new="withdrawn", actor=None,
                                             action="withdrawn", at=now):
            continue
        await schedule.offer_closed(tx, pid)
        if p.status == "offered":
            notices += [Notice(tel, Reply(t(lang, "offer.withdrawn", title=escape(p.title))))
                        for tel, lang in both_sides(p) if tel is not None]
    return notices




async def _active_of_worker(tx: Tx, p: PlacementDetails) -> int:
    return len(await placements.active_placements_of_worker(tx, p.worker_id))
