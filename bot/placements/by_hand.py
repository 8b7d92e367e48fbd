"""A director proposes a social worker by hand for a proposal's place, found by name: for when
the person the director has in mind is not among the matcher's candidates (a skill written in a
way the vocabulary does not know yet, a district exception agreed by phone)."""

from __future__ import annotations

from bot.desk.search import find, read_query
from bot.forms import engine
from bot.forms.fields import ignoring_today
from bot.forms.model import Button, Field, Form, Outcome, Reply
from bot.markup import escape, shorten
from bot.parsers import parse_name
from bot.placements import decisions
from bot.placements.callbacks import QueuePress
from bot.placements.candidates import candidates_for
from bot.refusals import NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, members, placements
from bot.store.drafts import Draft
from bot.store.members import MemberKind
from bot.store.placements import FINAL_FOR_PAIR, HOLDING
from bot.store.users import User
from bot.texts import t

NAMES_SHOWN = 10
BY_HAND = [{"en": "proposed by hand by an association director", "zh": "由协会负责人手动推荐"}]


async def ask_name(services: Services, tx: Tx, director: User, placement_id: int) -> Outcome:
    p = await placements.detail(tx, placement_id)
    if p is None or p.status != "proposed":
        raise OldButton
    return await engine.begin(services, tx, director, BY_NAME_FORM, target_id=placement_id,
                              params={"title": escape(p.title)})


async def _list_by_name(services: Services, tx: Tx, director: User, draft: Draft, now: str) -> Outcome:
    """Verified social workers whose name matches, a button each (``q:hand:<proposal>:<worker>``)."""
    lang, name = director.language, draft.answers["name"]
    if not services.is_director(director.person_id):
        return refused(services, lang, NotAllowed(), pressed=True)
    workers = [w for w in await members.every_member(tx, MemberKind.WORKER) if w.status == "verified"]
    hits = [hit for hit in find(read_query(name), workers, [], []) if hit.rank < 2][:NAMES_SHOWN]
    if not hits:
        return Outcome(replies=(Reply(t(lang, "queue.by_hand_none", name=escape(name))),))
    buttons = tuple((Button(shorten(hit.row.name, 30), QueuePress("hand", draft.target_id, hit.id).data),)
                    for hit in hits)
    return Outcome(replies=(Reply(t(lang, "queue.by_hand_found", name=escape(name)), buttons),))


BY_NAME_FORM = Form("propose_by_name", "", "", (
    Field("name", "queue.ask_by_name", "queue.ask_by_name", parse=ignoring_today(parse_name)),
), _list_by_name, confirm=False, cancel_button=True)


async def propose(services: Services, tx: Tx, director: User, placement_id: int, worker_id: int,
                  now: str) -> Outcome:
    """``q:hand:<proposal>:<worker>``: that worker takes the proposal's place and is approved at
    once, scored by the matcher if they are one of its candidates, else marked as chosen by hand."""
    lang = director.language
    p = await placements.detail(tx, placement_id)
    if p is None or p.status != "proposed":
        raise OldButton
    if worker_id == p.worker_id:
        return await decisions.approve(services, tx, director, placement_id, now)
    worker = await members.member_by_id(tx, MemberKind.WORKER, worker_id)
    decided = await placements.pairs_with_status(tx, FINAL_FOR_PAIR + HOLDING)
    if (worker is None or worker.status != "verified" or worker.owner is None
            or placements.Pair(p.request_id, worker_id) in decided):
        return Outcome(alert=t(lang, "queue.pick_gone"))
    ranked = {c.worker_id: c for c in await candidates_for(services, tx, p.request_id, choosable=True)}
    known = ranked.get(worker_id)
    score, reasons = (known.score, known.reasons) if known else (0.0, BY_HAND)
    return await decisions.give_way_and_approve(services, tx, director, p, worker_id, score, reasons, now)
