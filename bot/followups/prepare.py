"""What a due row says, worked out when it is claimed (inside the claim's transaction).

A row that no longer applies (the offer was answered, the placement ended, the person cannot be
reached) gives None and is cancelled. What is rendered is stored on the row, so a retry sends
exactly the same message and a digest is counted once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from bot.clock import from_iso, to_iso
from bot.followups import quiet, render
from bot.placements.common import local_time
from bot.placements.convert import request_of, worker_of
from bot.services import Services
from bot.store import Tx, followups, members, placements, requests, users
from bot.store.followups import Followup
from bot.store.placements import PlacementDetails
from bot.store.requests import RequestRow
from bot.texts import Lang
from matching import match

Message = dict[str, Any]


async def message_for(services: Services, tx: Tx, row: Followup, now: datetime) -> Message | None:
    """The message to send for ``row``, or None when it should be cancelled."""
    person = await users.get_user(tx, row.recipient)
    if person is not None and not person.reachable:
        return None
    if "message" in row.payload:
        return row.payload["message"]
    prepare = _PREPARERS.get(row.kind)
    return None if prepare is None else await prepare(services, tx, row, now)


async def _checkin(services: Services, tx: Tx, row: Followup, now: datetime) -> Message | None:
    p = await _placement_for(tx, row, "active")
    if p is None:
        return None
    return render.as_payload(render.checkin(p, row.payload["side"], row.payload["day"], row.id))


async def _offer_reminder(services: Services, tx: Tx, row: Followup, now: datetime) -> Message | None:
    p = await _placement_for(tx, row, "offered")
    side = row.payload["side"]
    if p is None or p.answer_of(side) is not None:
        return None
    expires = from_iso(p.offered_at) + timedelta(days=services.settings.followups.offer_expiry_days)
    return render.as_payload(render.offer_reminder(p, side, local_time(services, to_iso(expires))))


async def _placement_for(tx: Tx, row: Followup, status: str) -> PlacementDetails | None:
    """The row's placement while still in ``status`` and the recipient still one of its sides."""
    if row.placement_id is None:
        return None
    p = await placements.detail(tx, row.placement_id)
    side = row.payload.get("side")
    if p is None or p.status != status or side not in ("worker", "ngo"):
        return None
    return p if p.person_id_of(side) == row.recipient else None


async def _digest(services: Services, tx: Tx, row: Followup, now: datetime) -> Message | None:
    """Today's digest for one director; the next one is scheduled in the same transaction."""
    if not services.is_director(row.recipient):
        return None
    await schedule_digest(services, tx, row.recipient, now)
    lang = await _language(services, tx, row.recipient)
    counts = await placements.count_by_status(tx)
    week_ago = to_iso(now - timedelta(days=7))
    low = [a for a in await followups.answered_checkins(tx, week_ago) if render.is_low(a["answer"])]
    since = row.payload.get("since") or to_iso(now - timedelta(days=1))
    facts = render.DigestFacts(
        date=quiet.local_date(now, services.settings), members=len(await members.pending_members(tx)),
        proposals=counts.get("proposed", 0), offers=counts.get("offered", 0), active=counts.get("active", 0),
        low=tuple(low), undelivered=tuple(await followups.undelivered_since(tx, since)))
    return render.as_payload(render.digest(lang, facts))


async def schedule_digest(services: Services, tx: Tx, director: int, now: datetime) -> int:
    """The director's next digest, at the next local digest time."""
    due = quiet.next_local_time(now, services.settings.followups.digest_time, services.settings)
    return await followups.insert(tx, "digest", director, to_iso(due), to_iso(now), payload={"since": to_iso(now)})


async def _nudge(services: Services, tx: Tx, row: Followup, now: datetime) -> Message | None:
    """For an NGO director whose open request found nobody: the matcher's reason, to relax it."""
    request = await requests.request_by_id(tx, row.request_id) if row.request_id else None
    if request is None or request.status != "open":
        return None
    reason = await _unfilled_reason(services, tx, request)
    if reason is None:
        return None
    lang = await _language(services, tx, row.recipient)
    text = reason[1] if lang == "zh" and reason[1] else reason[0]
    days = services.settings.followups.request_nudge_days
    return render.as_payload(render.nudge(lang, request.title, days, text))


async def _unfilled_reason(services: Services, tx: Tx, request: RequestRow) -> tuple[str, str] | None:
    holding = await placements.holding_per_worker(tx)
    workers = [worker_of(r, holding.get(r.id, 0)) for r in await members.verified_workers(tx)]
    filled = (await placements.holding_per_request(tx)).get(request.id, 0)
    post = request_of(request, filled)
    result = match(workers, [post], services.settings.matching)
    found = next((u for u in result.unfilled if u.request_id == str(request.id)), None)
    return None if found is None else (found.reason, found.reason_zh)


async def _language(services: Services, tx: Tx, person_id: int) -> Lang:
    languages = await users.languages_of(tx, (person_id,), services.settings.association.default_language)
    return languages[person_id]  # type: ignore[return-value]


_PREPARERS: dict[str, Callable[[Services, Tx, Followup, datetime], Awaitable[Message | None]]] = {
    "checkin": _checkin, "offer_reminder": _offer_reminder, "digest": _digest, "request_nudge": _nudge,
}
