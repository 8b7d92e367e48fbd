"""Recording what became of a send, each in one transaction after the send.

Nothing is dropped silently: a message that cannot be confirmed twice is parked and the directors
are told; one that keeps failing ends 'failed' and is listed in the digest; a person who blocked
the bot is marked unreachable, their pending messages are cancelled and the directors are told.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.clock import to_iso
from bot.followups import render
from bot.followups.schedule import enqueue
from bot.followups.verdicts import Failure, Verdict
from bot.placements.common import to_directors
from bot.services import Services
from bot.store import Tx, followups, members, users
from bot.store.followups import Followup

log = logging.getLogger(__name__)

UNKNOWN_LIMIT = 2                      # the second unknown outcome parks the row
FIRST_BACKOFF = timedelta(seconds=30)
LONGEST_BACKOFF = timedelta(hours=1)
# Kinds whose parking is not announced by a new alert (it would be an alert about an alert).
_NOT_ANNOUNCED = ("alert", "digest")


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min ... up to an hour, after the ``attempts``-th failed try."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), LONGEST_BACKOFF)


async def record_sent(services: Services, row_id: int, now: datetime) -> None:
    async with services.database.transaction() as tx:
        await followups.mark_sent(tx, row_id, to_iso(now))


async def record_failure(services: Services, row: Followup, failure: Failure, now: datetime) -> None:
    """Retry later, count an unknown outcome, or mark the person unreachable."""
    async with services.database.transaction() as tx:
        if failure.verdict is Verdict.UNKNOWN:
            await count_unknown(services, tx, row, failure.description, now)
        elif failure.verdict is Verdict.UNREACHABLE:
            await followups.mark_failed(tx, row.id, f"unreachable: {failure.description}")
            await mark_unreachable(services, tx, row.recipient, now)
        elif row.attempts >= services.settings.followups.max_attempts:
            await followups.mark_failed(tx, row.id, failure.description)
            log.warning("follow-up %s failed for good after %s tries: %s", row.id, row.attempts, failure.description)
        else:
            wait = (timedelta(seconds=failure.retry_after) if failure.retry_after is not None
                    else backoff(row.attempts))
            await followups.retry_later(tx, row.id, to_iso(now + wait), failure.description)


async def count_unknown(services: Services, tx: Tx, row: Followup, error: str, now: datetime) -> str | None:
    """One more unknown outcome; a parked row is announced to the directors."""
    status = await followups.count_unknown(tx, row.id, error, UNKNOWN_LIMIT)
    if status == "parked":
        log.warning("follow-up %s parked after %s unknown outcomes", row.id, UNKNOWN_LIMIT)
        if row.kind not in _NOT_ANNOUNCED:
            who = await _name_of(tx, row.recipient)
            notices = await to_directors(services, tx, lambda lang: render.parked_alert(lang, who, row.kind))
            await enqueue(tx, notices, to_iso(now), extra={"about": row.id})
    return status


async def mark_unreachable(services: Services, tx: Tx, person_id: int, now: datetime) -> None:
    """Blocked (403) or no chat: stop their follow-ups and tell the other directors, once."""
    newly = await users.set_reachable(tx, person_id, False, to_iso(now))
    cancelled = await followups.cancel_for_recipient(tx, person_id, "unreachable")
    if not newly and await users.get_user(tx, person_id) is not None:
        return  # already known to be unreachable: the directors were told then
    who = await _name_of(tx, person_id)
    notices = await to_directors(services, tx, lambda lang: render.unreachable_alert(lang, who, cancelled))
    await enqueue(tx, [n for n in notices if n.person_id != person_id], to_iso(now),
                  extra={"about_person": person_id})


async def recover_unfinished(services: Services, now: datetime, *, claimed_before: datetime | None = None,
                             in_flight: frozenset[int] = frozenset()) -> int:
    """Rows left in 'sending' by a crash (at start) or by a send that never came back (claim timeout).

    Each counts one unknown outcome: it is sent once more, or parked if it was already retried.
    """
    async with services.database.transaction() as tx:
        before = None if claimed_before is None else to_iso(claimed_before)
        rows = await followups.sending_rows(tx, before, in_flight)
        for row in rows:
            await count_unknown(services, tx, row, "outcome unknown: the bot stopped while sending", now)
    return len(rows)


async def _name_of(tx: Tx, person_id: int) -> str:
    """The member's profile name; a director (no profile) by display name; else the id of their
    account (their Telegram id, which a director can look up), or their person id."""
    named = await members.profile_name(tx, person_id)
    if named:
        return named
    person = await users.get_user(tx, person_id)
    if person is not None and person.display_name:
        return person.display_name
    return str(await users.first_account(tx, person_id) or person_id)
