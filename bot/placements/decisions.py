"""The directors' side of a proposal: the queue, approve (offers go out), reject with a reason."""

from __future__ import annotations

from dataclasses import replace

from bot.clock import from_iso, to_iso
from bot.followups import schedule
from bot.forms import engine
from bot.forms.fields import choice_then_note
from bot.forms.model import Button, Notice, Outcome, Reply
from bot.markup import escape
from bot.placements import callbacks, cards
from bot.placements.candidates import candidates_for
from bot.placements.rematcher import rematch_wanted
from bot.placements.undo import undo_button
from bot.refusals import AlreadyDecided, NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, audit, placements
from bot.store.placements import HOLDING, Pair, PlacementDetails
from bot.store.transitions import transition
from bot.store.users import User
from bot.texts import Lang, t

REJECT_REASONS = ("skills", "experience", "availability", "location", "other")


async def queue_cards(services: Services, tx: Tx, lang: Lang, after: int | None = None) -> Reply | None:
    """The proposal card after placement ``after`` in the queue's order (see
    ``placements.proposals_waiting``), wrapping round; the first card when ``after`` is None or
    already decided. None when nothing waits.

    Showing a card pins its proposal (the matcher no longer swaps it out), so the card says when
    a better-scoring worker has become free for the request since.
    """
    waiting = await placements.proposals_waiting(tx)
    if not waiting:
        return None
    ids = [p.id for p in waiting]
    index = (ids.index(after) + 1) % len(ids) if after in ids else 0
    return await _card_at(services, tx, lang, waiting, index)


REQUESTS_PER_PAGE = 8


async def request_list(services: Services, tx: Tx, lang: Lang, page: int = 0) -> Reply | None:
    """The requests that have proposals waiting, best first, a button each (NGO, title, places
    left, best score, age of the oldest proposal), paged; None when nothing waits."""
    by_request: dict[int, list[PlacementDetails]] = {}
    for p in await placements.proposals_waiting(tx):
        by_request.setdefault(p.request_id, []).append(p)
    if not by_request:
        return None
    held = await placements.holding_per_request(tx)
    groups = list(by_request.values())
    pages = -(-len(groups) // REQUESTS_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    today = services.clock.now()
    shown = list(enumerate(groups, start=1))[page * REQUESTS_PER_PAGE:(page + 1) * REQUESTS_PER_PAGE]
    lines = [t(lang, "queue.requests_header", requests=len(groups), proposals=sum(len(g) for g in groups))]
    lines += [cards.request_line(number, group, group[0].headcount - held.get(group[0].request_id, 0),
                                 (today - from_iso(min(p.created_at for p in group))).days, lang)
              for number, group in shown]
    buttons = [(Button(cards.request_button(number, group, lang), callbacks.request_opening(group[0].request_id)),)
               for number, group in shown]
    if pages > 1:
        lines.append(t(lang, "queue.page", page=page + 1, pages=pages))
        buttons.append(tuple(Button(t(lang, f"queue.buttons.{name}_page"), callbacks.listing_page(to))
                             for name, to in (("previous", page - 1), ("next", page + 1)) if 0 <= to < pages))
    return Reply("\n".join(lines), tuple(buttons))


async def first_card_of_request(services: Services, tx: Tx, lang: Lang, request_id: int) -> Reply | None:
    """The best waiting proposal of one request, as its card; None when none waits."""
    waiting = await placements.proposals_waiting(tx)
    index = next((i for i, p in enumerate(waiting) if p.request_id == request_id), None)
    return None if index is None else await _card_at(services, tx, lang, waiting, index)


async def proposal_card(services: Services, tx: Tx, lang: Lang, placement_id: int) -> Reply | None:
    """The card of one waiting proposal (back from its candidates); None when it is decided."""
    waiting = await placements.proposals_waiting(tx)
    ids = [p.id for p in waiting]
    if placement_id not in ids:
        return None
    return await _card_at(services, tx, lang, waiting, ids.index(placement_id))


async def _card_at(services: Services, tx: Tx, lang: Lang, waiting: list[PlacementDetails], index: int) -> Reply:
    shown = waiting[index]
    await placements.mark_shown(tx, shown.id, to_iso(services.clock.now()))
    better = await _better_candidate(services, tx, shown)
    return cards.proposal_card(shown, lang, index + 1, len(waiting), better)


async def _better_candidate(services: Services, tx: Tx, p: PlacementDetails) -> tuple[str, float] | None:
    """(name, score) of a worker who now scores higher for the request than the proposed one."""
    ranked = await candidates_for(services, tx, p.request_id)
    current = next((c.score for c in ranked if c.worker_id == p.worker_id), p.score)
    return next(((c.name, c.score) for c in ranked if c.worker_id != p.worker_id and c.score > current),
                None)


async def _open_proposal(tx: Tx, placement_id: int) -> PlacementDetails:
    """The proposal, if it is still open; else ``OldButton`` or ``AlreadyDecided``."""
    p = await placements.detail(tx, placement_id)
    if p is None:
        raise OldButton
    if p.status != "proposed":
        raise AlreadyDecided.from_placement(p)
    return p


async def approve(services: Services, tx: Tx, director: User, placement_id: int, now: str) -> Outcome:
    """Approve: the offers go to the worker and the NGO director, each with Accept / Decline."""
    lang = director.language
    p = await _open_proposal(tx, placement_id)
    if not await _still_has_room(tx, p):
        await transition(tx, "placement", placement_id, old="proposed", new="withdrawn", actor=director.person_id,
                         action="withdrawn", at=now, detail="no room left")
        rematch_wanted(services)  # the next candidate for the place
        return Outcome(alert=t(lang, "alerts.expired"))
    if not await transition(tx, "placement", placement_id, old="proposed", new="offered", actor=director.person_id,
                            action="approved", at=now, decided_by=director.person_id, decided_at=now, offered_at=now):
        raise AlreadyDecided.from_placement(p)
    offered = await placements.detail(tx, placement_id)
    assert offered is not None
    await schedule.offer_made(services, tx, offered, now)
    notices = [Notice(tel, reply) for tel, reply in (
        (offered.worker_person_id, cards.offer_to_worker(offered)),
        (offered.ngo_person_id, cards.offer_to_ngo(offered))) if tel is not None]
    # Tied to the placement, so an Undo within the minute can still cancel what has not gone out.
    await schedule.enqueue(tx, notices, now, urgent=True, kind="notice", placement_id=placement_id)
    done = Reply(t(lang, "queue.approved_done", worker=escape(p.worker_name), ngo=escape(p.ngo_name)),
                 (undo_button(lang, placement_id),))
    # The card pressed records the decision (with Undo); the next proposal waiting, if any, is a
    # card of its own, so the decided one stays in the chat.
    following = await queue_cards(services, tx, lang, placement_id)
    return Outcome(replies=(done, *([following] if following else [])), queued=True, records_on_prompt=True)


async def _still_has_room(tx: Tx, p: PlacementDetails) -> bool:
    """No double-booking: the worker and the request must still have a free place."""
    held_by_worker = (await placements.holding_per_worker(tx)).get(p.worker_id, 0)
    held_by_request = len(await placements.live_of_request(tx, p.request_id, HOLDING))
    return (p.request_status == "open" and held_by_worker < p.max_placements
            and held_by_request < p.headcount)


async def start_rejection(services: Services, tx: Tx, director: User, placement_id: int) -> Outcome:
    """Reject asks for a structured reason first (stored for tuning, never shown to the worker)."""
    await _open_proposal(tx, placement_id)
    return await engine.begin(services, tx, director, REJECT_PROPOSAL_FORM, target_id=placement_id)


async def _reject(services: Services, tx: Tx, director: User, draft, now: str) -> Outcome:
    lang, placement_id = director.language, draft.target_id
    p = await placements.detail(tx, placement_id)
    if p is None:
        return refused(services, lang, OldButton(), pressed=True)
    if not services.is_director(director.person_id):
        return refused(services, lang, NotAllowed(), pressed=True)
    if not await transition(tx, "placement", placement_id, old="proposed", new="rejected", actor=director.person_id,
                            action="rejected", at=now, detail=draft.answers["reason"], decided_by=director.person_id,
                            decided_at=now, reject_reason=draft.answers["reason"],
                            reject_note=draft.answers.get("note")):
        return refused(services, lang, AlreadyDecided.from_placement(p), pressed=False)
    rematch_wanted(services)  # the next candidate for the place
    following = await queue_cards(services, tx, lang, placement_id)
    done = Reply(t(lang, "queue.rejected_done"), (undo_button(lang, placement_id),))
    return Outcome(replies=(done, *([following] if following else [])))


REJECT_PROPOSAL_FORM = choice_then_note(
    "reject_proposal", ("reason", "queue.ask_reject_reason", ("queue.reject_reasons", *REJECT_REASONS)),
    ("note", "queue.ask_reject_note"), _reject)


async def other_candidates(services: Services, tx: Tx, director: User, placement_id: int) -> Outcome:
    """The proposal's card turns into its request's candidates, best first, each with a button
    to approve that one instead; Back turns it into the card again."""
    lang = director.language
    p = await _open_proposal(tx, placement_id)
    ranked = await candidates_for(services, tx, p.request_id, choosable=True)
    return Outcome(replies=(replace(cards.candidates_card(p, ranked, lang), edit=True),))


async def pick(services: Services, tx: Tx, director: User, placement_id: int, worker_id: int,
               now: str) -> Outcome:
    """Approve another candidate for the proposal's place: the proposal gives way to one for
    the chosen worker (if they are still a candidate), which is approved at once."""
    lang = director.language
    p = await _open_proposal(tx, placement_id)
    if worker_id == p.worker_id:
        return await approve(services, tx, director, placement_id, now)
    ranked = await candidates_for(services, tx, p.request_id, choosable=True)
    chosen = next((c for c in ranked if c.worker_id == worker_id), None)
    if chosen is None:
        return Outcome(alert=t(lang, "queue.pick_gone"))
    return await give_way_and_approve(services, tx, director, p, worker_id, chosen.score, chosen.reasons, now)


async def give_way_and_approve(services: Services, tx: Tx, director: User, p: PlacementDetails, worker_id: int,
                               score: float, reasons: list[dict[str, str]], now: str) -> Outcome:
    """The open proposal ``p`` gives way to one for ``worker_id`` on the same place, which is
    approved at once (its own checks: a free place on both sides)."""
    placement_id = p.id
    pair = Pair(p.request_id, worker_id)
    chosen_id = await placements.open_proposal_of(tx, pair)
    if chosen_id is None:
        chosen_id = await placements.insert_proposal(tx, pair, score, reasons, now)
        await audit.record(tx, actor=director.person_id, action="proposed", entity="placement", entity_id=chosen_id,
                           at=now, old=None, new="proposed", detail="chosen by a director")
    await transition(tx, "placement", placement_id, old="proposed", new="withdrawn", actor=director.person_id,
                     action="withdrawn", at=now, detail="a director chose another candidate")
    rematch_wanted(services)  # the worker who gave way may fit another place
    return await approve(services, tx, director, chosen_id, now)
