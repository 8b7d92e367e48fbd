"""The dispatcher's housekeeping: due actions (an offer expiring), digests and nudges to schedule.

Each action is one transaction: the state change, the messages it causes (as new outbox rows)
and the action row marked done, so a crash leaves it either wholly done or still due.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.clock import to_iso
from bot.followups import render
from bot.followups.prepare import schedule_digest
from bot.followups.schedule import enqueue, offer_closed
from bot.forms.model import Notice
from bot.people import directors as director_people
from bot.placements.common import both_sides, to_directors
from bot.placements.rematcher import rematch_wanted
from bot.services import Services
from bot.store import Tx, followups, placements
from bot.store.followups import ACTION_KINDS, Followup
from bot.store.transitions import transition

ACTIONS_PER_TICK = 50


async def run_due_actions(services: Services, now: datetime) -> int:
    """Carry out the actions due by ``now`` (a bounded number per tick); how many were done."""
    done = 0
    while done < ACTIONS_PER_TICK:
        async with services.database.transaction() as tx:
            row = await followups.next_due(tx, to_iso(now), allow_non_urgent=True, kinds=ACTION_KINDS)
            if row is None:
                return done
            await expire_offer(services, tx, row, now)
        done += 1
    return done


async def expire_offer(services: Services, tx: Tx, row: Followup, now: datetime) -> None:
    """Seven days without both answers: expired, both sides and the directors told, the next proposed."""
    stamp = to_iso(now)
    p = await placements.detail(tx, row.placement_id) if row.placement_id else None
    if p is None or not await transition(tx, "placement", p.id, old="offered", new="expired", actor=None,
                                         action="expired", at=stamp, ended_at=stamp):
        await followups.cancel(tx, row.id, "offer closed")
        return
    await followups.mark_done(tx, row.id, stamp)
    await offer_closed(tx, p.id)
    rematch_wanted(services)
    # Another proposal for the request may already wait; if not, the rematch is looking for one.
    next_proposed = bool(await placements.live_of_request(tx, p.request_id, ("proposed",)))
    missing = [p.name_of(side) for side in ("worker", "ngo") if p.answer_of(side) is None]
    days = services.settings.followups.offer_expiry_days
    notices = [Notice(tel, render.offer_expired_for_side(lang, p))
               for tel, lang in both_sides(p) if tel is not None]
    notices += await to_directors(services, tx, lambda lang: render.offer_expired_for_director(
        lang, p, days, missing, next_proposed))
    await enqueue(tx, notices, stamp)


async def ensure_digests(services: Services, tx: Tx, now: datetime) -> int:
    """Every configured director has a digest scheduled; former directors' digests are cancelled."""
    directors = set(await director_people(services, tx))
    await followups.cancel_kind_except(tx, "digest", directors, "not a director")
    scheduled = await followups.open_kind_recipients(tx, "digest")
    for director in sorted(directors - scheduled):
        await schedule_digest(services, tx, director, now)
    return len(directors - scheduled)


async def schedule_nudges(services: Services, tx: Tx, now: datetime) -> int:
    """A nudge for each open request that found nobody for ``request_nudge_days`` (once per period)."""
    quiet_since = to_iso(now - timedelta(days=services.settings.followups.request_nudge_days))
    stamp = to_iso(now)
    found = await followups.requests_to_nudge(tx, quiet_since)
    for request in found:
        await followups.insert(tx, "request_nudge", request["director"], stamp, stamp, request_id=request["id"])
    return len(found)
