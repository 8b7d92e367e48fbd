"""Ending an active placement (completed, or cancelled early), which frees the worker's place."""

from __future__ import annotations

from bot.clock import from_iso
from bot.followups import schedule
from bot.forms import engine
from bot.forms.fields import choice_then_note
from bot.forms.model import Button, Notice, Outcome, Reply
from bot.markup import escape
from bot.placements.callbacks import EndPress
from bot.placements.common import both_sides, to_directors
from bot.placements.rematcher import rematch_wanted
from bot.placements.undo import UNDO_WINDOW
from bot.refusals import NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, audit, placements, users
from bot.store import followups as followups_store
from bot.store.placements import PlacementDetails
from bot.store.transitions import transition
from bot.store.users import User
from bot.texts import t

OUTCOMES = ("completed", "cancelled")


def may_end(services: Services, p: PlacementDetails, person_id: int) -> bool:
    """The NGO director of the request, or an association director."""
    return person_id == p.ngo_person_id or services.is_director(person_id)


async def start_ending(services: Services, tx: Tx, user: User, placement_id: int) -> Outcome:
    p = await placements.detail(tx, placement_id)
    if p is None or p.status != "active":
        raise OldButton
    if not may_end(services, p, user.person_id):
        raise NotAllowed
    return await engine.begin(services, tx, user, END_FORM, target_id=placement_id,
                              params={"title": escape(p.title)})


async def _end(services: Services, tx: Tx, user: User, draft, now: str) -> Outcome:
    lang, outcome = user.language, draft.answers["outcome"]
    p = await placements.detail(tx, draft.target_id)
    if p is None or not may_end(services, p, user.person_id):
        return refused(services, lang, NotAllowed(), pressed=True)
    if not await transition(tx, "placement", p.id, old="active", new=outcome, actor=user.person_id, action="ended",
                            at=now, detail=draft.answers.get("reason"), ended_at=now,
                            end_reason=draft.answers.get("reason")):
        return refused(services, lang, OldButton(), pressed=False)
    await schedule.placement_ended(tx, p.id)
    if outcome == "cancelled":
        await transition(tx, "request", p.request_id, old="filled", new="open", actor=user.person_id,
                         action="reopened", at=now)
    rematch_wanted(services)
    title = escape(p.title)
    notices = [Notice(tel, Reply(t(tel_lang, "placement.ended_notice", title=title,
                                   outcome=t(tel_lang, f"placement.buttons.{outcome}"))))
               for tel, tel_lang in both_sides(p)
               if tel is not None and tel != user.person_id]
    notices += await to_directors(services, tx, lambda d_lang: Reply(t(
        d_lang, "placement.ended_notice", title=title, outcome=t(d_lang, f"placement.buttons.{outcome}"))))
    notices = [n for n in notices if n.person_id != user.person_id]
    # Tied to the placement, so an Undo within the minute can still cancel what has not gone out.
    await schedule.enqueue(tx, notices, now, urgent=True, kind="notice", placement_id=p.id)
    done = t(lang, "placement.ended", title=title, outcome=t(lang, f"placement.buttons.{outcome}"))
    undo = (Button(t(lang, "queue.buttons.undo"), EndPress("undo", p.id).data),)
    return Outcome(replies=(Reply(done, (undo,)),), queued=True)


async def undo_end(services: Services, tx: Tx, user: User, placement_id: int, now: str) -> Outcome:
    """``pl:undo:<id>``, within a minute of the end, by whoever may end it: the placement is
    active again, its check-ins due again, its request filled again if the end reopened it; end
    notices not yet sent are cancelled and whoever was sent one is told the placement goes on."""
    lang = user.language
    p = await placements.detail(tx, placement_id)
    if p is None or not may_end(services, p, user.person_id):
        raise NotAllowed
    if p.status == "active":
        return Outcome(alert=t(lang, "queue.undo_already"))
    if (p.ended_at is None or from_iso(now) - from_iso(p.ended_at) > UNDO_WINDOW
            or not await placements.undo_end(tx, placement_id, now)):
        return Outcome(alert=t(lang, "queue.undo_too_late"))
    await schedule.placement_end_undone(tx, placement_id)
    held = len(await placements.live_of_request(tx, p.request_id, ("active",)))
    if held >= p.headcount:
        await transition(tx, "request", p.request_id, old="open", new="filled", actor=user.person_id,
                         action="filled", at=now)
    await audit.record(tx, actor=user.person_id, action="undone", entity="placement", entity_id=placement_id, at=now,
                       old=p.status, new="active")
    reached = await followups_store.recipients_sent(tx, placement_id, "notice")
    await followups_store.cancel_for_placement(tx, placement_id, ("notice",), "the end was undone")
    languages = await users.languages_of(tx, tuple(reached), services.settings.association.default_language)
    title = escape(p.title)
    await schedule.enqueue(tx, [Notice(tel, Reply(t(languages[tel], "placement.end_undone_notice", title=title)))
                                 for tel in reached], now, urgent=True, kind="notice")
    rematch_wanted(services)  # a replacement proposed meanwhile gives way
    return Outcome(replies=(Reply(t(lang, "placement.end_undone", title=title)),), queued=True,
                   records_on_prompt=True)  # under the end it undoes


END_FORM = choice_then_note(
    "end_placement", ("outcome", "placement.ask_end", ("placement.buttons", *OUTCOMES)),
    ("reason", "placement.ask_end_reason"), _end)
