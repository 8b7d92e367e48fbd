"""The directors' side of a proposal: the queue, approve (offers go out), reject with a reason."""

from __future__ import annotations

from typing import Any

from bot import followups
from bot.clock import to_iso
from bot.forms import engine
from bot.forms.fields import choice_then_note
from bot.forms.model import Notice, Outcome, Reply
from bot.markup import escape
from bot.placements import cards
from bot.placements.candidates import candidates_for
from bot.placements.common import already_decided, not_allowed, old_button
from bot.placements.rematcher import rematch_wanted
from bot.services import Services
from bot.store import Tx, audit, placements
from bot.store.placements import HOLDING
from bot.store.users import User
from bot.texts import Lang, t

REJECT_REASONS = ("skills", "experience", "availability", "location", "other")


async def queue_cards(services: Services, tx: Tx, lang: Lang, after: int = 0) -> Reply | None:
    """The proposal card after placement id ``after`` (wrapping round); None when none waits.

    Showing a card pins its proposal (the matcher no longer swaps it out), so the card says when
    a better-scoring worker has become free for the request since.
    """
    waiting = await placements.details(tx, "p.status = 'proposed'")
    if not waiting:
        return None
    index = next((i for i, p in enumerate(waiting) if p["id"] > after), 0)
    shown = waiting[index]
    await placements.mark_shown(tx, shown["id"], to_iso(services.clock.now()))
    better = await _better_candidate(services, tx, shown)
    return cards.proposal_card(shown, lang, index + 1, len(waiting), better)


async def _better_candidate(services: Services, tx: Tx, p: dict[str, Any]) -> tuple[str, float] | None:
    """(name, score) of a worker who now scores higher for the request than the proposed one."""
    ranked = await candidates_for(services, tx, p["request_id"])
    current = next((score for worker_id, _, score in ranked if worker_id == p["worker_id"]), p["score"])
    return next(((name, score) for worker_id, name, score in ranked
                 if worker_id != p["worker_id"] and score > current), None)


async def approve(services: Services, tx: Tx, director: User, placement_id: int, now: str) -> Outcome:
    """Approve: the offers go to the worker and the NGO director, each with Accept / Decline."""
    lang = director.language
    p = await placements.detail(tx, placement_id)
    if p is None:
        return old_button(lang)
    if p["status"] != "proposed":
        return already_decided(services, lang, p)
    if not await _still_has_room(tx, p):
        await placements.move(tx, placement_id, "proposed", "withdrawn", now)
        await audit.record(tx, director.telegram_id, "withdrawn", "placement", placement_id, now,
                           "proposed", "withdrawn", "no room left")
        rematch_wanted(services)  # the next candidate for the place
        return Outcome(alert=t(lang, "alerts.expired"))
    if not await placements.move(tx, placement_id, "proposed", "offered", now, decided_by=director.telegram_id,
                                 decided_at=now, offered_at=now):
        return already_decided(services, lang, p)
    await audit.record(tx, director.telegram_id, "approved", "placement", placement_id, now, "proposed", "offered")
    offered = await placements.detail(tx, placement_id)
    assert offered is not None
    await followups.offer_made(services, tx, offered, now)
    notices = [Notice(tel, reply) for tel, reply in (
        (offered["worker_telegram_id"], cards.offer_to_worker(offered)),
        (offered["ngo_telegram_id"], cards.offer_to_ngo(offered))) if tel is not None]
    done = Reply(t(lang, "queue.approved_done", worker=escape(p["worker_name"]), ngo=escape(p["ngo_name"])))
    following = await queue_cards(services, tx, lang, placement_id)
    approved = Outcome(replies=(done, *([following] if following else [])), notices=tuple(notices))
    return await followups.send_after_commit(tx, approved, now)


async def _still_has_room(tx: Tx, p: dict[str, Any]) -> bool:
    """No double-booking: the worker and the request must still have a free place."""
    held_by_worker = (await placements.counts_holding(tx, "worker_id")).get(p["worker_id"], 0)
    held_by_request = len(await placements.live_of_request(tx, p["request_id"], HOLDING))
    return (p["request_status"] == "open" and held_by_worker < p["max_placements"]
            and held_by_request < p["headcount"])


async def start_rejection(services: Services, tx: Tx, director: User, placement_id: int) -> Outcome:
    """Reject asks for a structured reason first (stored for tuning, never shown to the worker)."""
    p = await placements.detail(tx, placement_id)
    if p is None:
        return old_button(director.language)
    if p["status"] != "proposed":
        return already_decided(services, director.language, p)
    return await engine.begin(services, tx, director, REJECT_PROPOSAL_FORM, target_id=placement_id)


async def _reject(services: Services, tx: Tx, director: User, draft, now: str) -> Outcome:
    lang, placement_id = director.language, draft.target_id
    p = await placements.detail(tx, placement_id)
    if p is None:
        return old_button(lang)
    if not services.is_director(director.telegram_id):
        return not_allowed(lang)
    if not await placements.move(tx, placement_id, "proposed", "rejected", now, decided_by=director.telegram_id,
                                 decided_at=now, reject_reason=draft.answers["reason"],
                                 reject_note=draft.answers.get("note")):
        return Outcome(replies=(Reply(already_decided(services, lang, p).alert or ""),))
    await audit.record(tx, director.telegram_id, "rejected", "placement", placement_id, now, "proposed",
                       "rejected", draft.answers["reason"])
    rematch_wanted(services)  # the next candidate for the place
    following = await queue_cards(services, tx, lang, placement_id)
    return Outcome(replies=(Reply(t(lang, "queue.rejected_done")), *([following] if following else [])))


REJECT_PROPOSAL_FORM = choice_then_note(
    "reject_proposal", ("reason", "queue.ask_reject_reason", ("queue.reject_reasons", *REJECT_REASONS)),
    ("note", "queue.ask_reject_note"), _reject)


async def other_candidates(services: Services, tx: Tx, director: User, placement_id: int) -> Outcome:
    """The next best eligible workers for the proposal's request, with their scores."""
    lang = director.language
    p = await placements.detail(tx, placement_id)
    if p is None:
        return old_button(lang)
    others = [c for c in await candidates_for(services, tx, p["request_id"]) if c[0] != p["worker_id"]]
    lines = [t(lang, "queue.other_candidates_header")]
    lines += [t(lang, "queue.candidate_line", name=escape(name), score=round(score * 100))
              for _, name, score in others]
    if not others:
        lines = [t(lang, "queue.no_other_candidates")]
    return Outcome(replies=(Reply("\n".join(lines)),))

