"""What to schedule when: outbox rows written in the transaction of the change that causes them.

The placement steps call these hooks with their open transaction, so an offer and its reminders,
or an active placement and its check-ins, are committed together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from bot.clock import from_iso, to_iso
from bot.followups import quiet
from bot.followups.render import as_payload
from bot.forms.model import Notice, Outcome
from bot.services import Services
from bot.store import Tx, followups
from bot.store.placements import PlacementDetails

# Actions (an offer expiring) are done by the bot itself and are addressed to nobody.
NOBODY = 0
SIDES = ("worker", "ngo")


async def offer_made(services: Services, tx: Tx, p: PlacementDetails, now: str) -> None:
    """An offer went out: a reminder to each side after 48 h, and its expiry after 7 days."""
    settings = services.settings.followups
    offered = from_iso(now)
    expires = offered + timedelta(days=settings.offer_expiry_days)
    remind = offered + timedelta(hours=settings.offer_reminder_hours)
    if remind < expires:
        for side in SIDES:
            if (person_id := p.person_id_of(side)) is not None:
                await followups.insert(tx, "offer_reminder", person_id, to_iso(remind), now,
                                       placement_id=p.id, payload={"side": side})
    await followups.insert(tx, "offer_expiry", NOBODY, to_iso(expires), now, placement_id=p.id)


async def offer_answered(tx: Tx, placement_id: int, person_id: int) -> None:
    """One side answered: no reminder for them any more."""
    await followups.cancel_for_placement(tx, placement_id, ("offer_reminder",), "answered", person_id)


async def offer_closed(tx: Tx, placement_id: int) -> None:
    """The offer is no longer open (declined, accepted by both, withdrawn): no reminder, no expiry."""
    await followups.cancel_for_placement(tx, placement_id, ("offer_reminder", "offer_expiry"), "offer closed")


async def placement_started(services: Services, tx: Tx, p: PlacementDetails, now: str) -> None:
    """Both accepted: the offer's rows end, and each side gets a check-in at every configured day,
    counted from the day the work starts (the request's start date, when that is later)."""
    await offer_closed(tx, p.id)
    started = service_start(services, p, from_iso(now))
    previous = 0
    for day in sorted(services.settings.followups.checkin_days):
        since = quiet.local_date(started + timedelta(days=previous), services.settings)
        for side in SIDES:
            if (person_id := p.person_id_of(side)) is not None:
                await followups.insert(tx, "checkin", person_id, to_iso(started + timedelta(days=day)), now,
                                       placement_id=p.id, payload={"side": side, "day": day, "since": since})
        previous = day


def service_start(services: Services, p: PlacementDetails, accepted: datetime) -> datetime:
    """When the work begins: the request's start date (at the hour both accepted), or the
    acceptance itself when the start date has passed or is missing."""
    if not p.start_date:
        return accepted
    start = quiet.same_time_on(accepted, date.fromisoformat(p.start_date), services.settings)
    return max(start, accepted)


_ENDED = "placement ended"


async def placement_ended(tx: Tx, placement_id: int) -> None:
    """Completed or cancelled: the check-ins not sent yet are cancelled."""
    await followups.cancel_for_placement(tx, placement_id, ("checkin",), _ENDED)


async def placement_end_undone(tx: Tx, placement_id: int) -> None:
    """The end was undone: the check-ins it cancelled are due again."""
    await followups.reinstate_for_placement(tx, placement_id, ("checkin",), _ENDED)


async def enqueue(tx: Tx, notices: Iterable[Notice], now: str, *, urgent: bool = False,
                  extra: dict[str, Any] | None = None, kind: str | None = None,
                  placement_id: int | None = None) -> list[int]:
    """Notices as outbox rows due now: ``alert`` rows when urgent (they ignore quiet hours), else
    ``notice``; ``kind`` overrides that (an urgent ``notice`` is news of an action just taken).
    ``placement_id`` ties the rows to a placement (an offer, which an undo may still cancel)."""
    kind = kind or ("alert" if urgent else "notice")
    return [await followups.insert(tx, kind, n.person_id, now, now, urgent=urgent, placement_id=placement_id,
                                   payload={**(extra or {}), "message": as_payload(n.reply)})
            for n in notices]


async def send_after_commit(tx: Tx, outcome: Outcome, now: str) -> Outcome:
    """The outcome's notices to other people, as outbox rows of this very transaction.

    They go out with the state change or not at all: the dispatcher sends them right after the
    commit (the handler wakes it), paced per chat, retried, and reported if they cannot be
    delivered. They are news of something a person just did, so quiet hours do not hold them.
    """
    if not outcome.notices:
        return outcome
    await enqueue(tx, outcome.notices, now, urgent=True, kind="notice")
    return replace(outcome, notices=(), queued=True)
