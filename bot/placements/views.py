"""/placements and /status: where each person's offers and placements stand."""

from __future__ import annotations

from dataclasses import replace

from bot.events import Event
from bot.followups.render import view_lines
from bot.forms.model import Button, Outcome, Reply
from bot.markup import escape, shorten
from bot.placements.callbacks import EndPress, filter_data
from bot.placements.common import local_time
from bot.placements.ending import may_end
from bot.services import Services
from bot.store import Tx, followups, members, placements
from bot.store.members import MemberKind
from bot.store.placements import PlacementDetails
from bot.store.users import User
from bot.texts import Lang, t

FILTERS = {"active": ("active",), "offered": ("offered",), "ended": ("completed", "cancelled"),
           "all": ("proposed", "offered", "active", "completed", "cancelled", "declined", "expired",
                   "rejected", "withdrawn")}
_SHOWN_TO_MEMBERS = ("offered", "active", "completed", "cancelled", "declined", "expired")


async def _own_placements(services: Services, tx: Tx, user: User, statuses: tuple[str, ...]) -> list[PlacementDetails]:
    if services.is_director(user.person_id):
        return await placements.placements_with_status(tx, statuses)
    return await placements.placements_with_status(tx, statuses, person_id=user.person_id)


def _line(services: Services, p: PlacementDetails, lang: Lang) -> str:
    since = local_time(services, p.started_at or p.offered_at or p.created_at)[:10]
    if p.started_at and p.start_date and p.start_date > since:
        since = p.start_date  # accepted early: the work itself starts on the request's start date
    return t(lang, "placements.line", title=escape(p.title), worker=escape(p.worker_name),
             ngo=escape(p.ngo_name), status=t(lang, f"placement_status.{p.status}"), since=since)


async def list_placements(event: Event, which: str = "") -> Outcome:
    """The person's own placements; directors see everyone's, filtered by status."""
    services, tx, user, lang = event.services, event.tx, event.user, event.lang
    director = services.is_director(user.person_id)
    which = which if which in FILTERS else ("active" if director else "")
    rows = await _own_placements(services, tx, user, FILTERS.get(which, _SHOWN_TO_MEMBERS))
    answers = await followups.checkin_answers(tx, [p.id for p in rows[:30]]) if director else {}
    lines = [t(lang, "placements.header"), *(line for p in rows[:30] for line in (
        _line(services, p, lang), *view_lines(lang, answers.get(p.id, ()))))]
    if not rows:
        lines.append(t(lang, "placements.none"))
    end = t(lang, "placement.buttons.end")
    buttons = [(Button(f"{end} · {shorten(p.title, 24)}", EndPress("end", p.id).data),)
               for p in rows if p.status == "active" and may_end(services, p, user.person_id)][:10]
    if director:
        buttons.append(tuple(Button(t(lang, f"placements.buttons.filter_{name}"), filter_data(name))
                             for name in FILTERS))
    return Outcome(replies=(Reply("\n".join(lines), tuple(buttons)),))


async def filter_pressed(event: Event, which: str) -> Outcome:
    """The directors' status filters (``pls:<filter>``); members see only what concerns them,
    never filtered. The list pressed turns into the filtered one, in one call."""
    return replace(await list_placements(event, which), replaces_prompt=True)


async def show_status(event: Event) -> Outcome:
    services, tx, user, lang = event.services, event.tx, event.user, event.lang
    if services.is_director(user.person_id):
        counts = await placements.count_by_status(tx)
        waiting = len(await members.pending_members(tx))
        text = t(lang, "status.director", members=waiting, proposals=counts.get("proposed", 0),
                 offers=counts.get("offered", 0), active=counts.get("active", 0))
        return Outcome(replies=(Reply(text),))
    rows = await _own_placements(services, tx, user, ("offered", "active"))
    member = (await members.member_by_person(tx, MemberKind.WORKER, user.person_id)
              or await members.member_by_person(tx, MemberKind.NGO, user.person_id))
    if not rows:
        status = t(lang, f"member_status.{member.status}") if member else t(lang, "common.not_given")
        return Outcome(replies=(Reply(t(lang, "status.worker_none", member_status=status)),))
    lines = [t(lang, "status.worker_header")]
    lines += [t(lang, "status.line", title=escape(p.title), ngo=escape(p.ngo_name),
                stage=t(lang, f"placement_status.{p.status}")) for p in rows]
    return Outcome(replies=(Reply("\n".join(lines)),))
