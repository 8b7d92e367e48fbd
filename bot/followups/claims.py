"""Taking the next due row out of the outbox for a channel to send, one transaction per claim.

A claim moves a row ``pending -> sending`` with its message worked out (``prepare``); rows whose
message no longer applies are cancelled on the way. Which chats are busy is the channel's
knowledge (its pacing), so it passes them in.
"""

from __future__ import annotations

from dataclasses import replace

from bot.clock import to_iso
from bot.followups import outcomes, quiet
from bot.followups.prepare import message_for
from bot.services import Services
from bot.store import followups, users
from bot.store.followups import Followup
from bot.store.users import TELEGRAM

# A claimed row as the channel sends it: address (the recipient's account on the channel),
# payload["message"] (a rendered Reply), id.
Claim = Followup
# Rows cancelled in one claim before it gives up (and the next pass goes on).
_CANCELS_PER_CLAIM = 200


async def anything_due(services: Services) -> bool:
    """Whether any row may be sent now (quiet hours hold the ones that are not urgent)."""
    now = services.clock.now()
    async with services.database.snapshot() as tx:
        return await followups.due_exists(tx, to_iso(now), allow_non_urgent=not quiet.in_quiet_hours(
            now, services.settings))


async def claim_next(services: Services, busy: set[int], channel: str = TELEGRAM) -> Claim | None:
    """The next due row to a recipient whose chat on ``channel`` is not in ``busy``, claimed, with its
    message rendered and the address to send it to. A recipient with no account on the channel is
    unreachable there, like a blocked chat: the row fails and the person is marked unreachable."""
    async with services.database.transaction() as tx:
        now = services.clock.now()
        stamp, allow = to_iso(now), not quiet.in_quiet_hours(now, services.settings)
        for _ in range(_CANCELS_PER_CLAIM):
            row = await followups.next_due(tx, stamp, allow_non_urgent=allow, channel=channel, excluded=busy)
            if row is None:
                return None
            message = await message_for(services, tx, row, now)
            if message is None:
                await followups.cancel(tx, row.id, "no longer applies")
                continue
            address = await users.account_of(tx, channel, row.recipient)
            if address is None:
                await followups.mark_failed(tx, row.id, f"unreachable: no {channel} account")
                await outcomes.mark_unreachable(services, tx, row.recipient, now)
                continue
            payload = {**row.payload, "message": message}
            if await followups.claim(tx, row.id, stamp, payload):
                return replace(row, payload=payload, attempts=row.attempts + 1, status="sending", address=address)
    return None
