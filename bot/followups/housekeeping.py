"""What the outbox's sender does before sending: recover lost claims, carry out due actions,
end pauses that are over, report finished notices, schedule digests and nudges."""

from __future__ import annotations

from datetime import datetime

from bot.followups import actions, outcomes
from bot.members.pauses import end_due_pauses
from bot.notices.broadcast import report_finished
from bot.services import Services


async def at_start(services: Services) -> int:
    """Recover what a crash left in 'sending' and make sure digests are scheduled; the number
    of rows recovered (each counts one unknown outcome)."""
    recovered = await outcomes.recover_unfinished(services, services.clock.now())
    async with services.database.transaction() as tx:
        await actions.ensure_digests(services, tx, services.clock.now())
    return recovered


async def before_a_pass(services: Services, now: datetime, *, claimed_before: datetime,
                        in_flight: frozenset[int]) -> None:
    """Rows claimed before ``claimed_before`` and not in flight here were lost by another run."""
    await outcomes.recover_unfinished(services, now, claimed_before=claimed_before, in_flight=in_flight)
    await actions.run_due_actions(services, now)
    await end_due_pauses(services, now)
    await report_finished(services, now)
    async with services.database.transaction() as tx:
        await actions.ensure_digests(services, tx, now)
        await actions.schedule_nudges(services, tx, now)
