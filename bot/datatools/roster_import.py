"""Writing a checked roster: all rows in one transaction, and an invite for each unlinked worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import to_iso
from bot.datatools.invites import IssuedInvite, issue_invite
from bot.datatools.roster import Roster
from bot.store import Database, invites, roster

Progress = Callable[[int, int], None]


class RosterHasProblems(ValueError):
    """A roster with bad rows is never written, not even its good rows."""


@dataclass(frozen=True)
class ImportedWorker:
    row: int
    roster_key: str
    name: str
    created: bool
    linked: bool                         # a Telegram account is already tied to the profile
    invite: IssuedInvite | None          # a new link, when the worker had no working one
    live_invite_expires: str | None      # the working link they already have


async def import_roster(db: Database, checked: Roster, now: datetime,
                        progress: Progress = lambda done, total: None) -> tuple[ImportedWorker, ...]:
    """Insert or update every worker of the roster (all or nothing); return what happened to each."""
    if checked.problems:
        raise RosterHasProblems(f"{len(checked.problems)} problems; nothing imported")
    stamp, total, done = to_iso(now), len(checked.rows), []
    async with db.transaction() as tx:
        for number, row in enumerate(checked.rows, start=1):
            worker_id, created = await roster.upsert_roster_worker(tx, row.roster_key, row.values, stamp)
            linked = await roster.is_linked(tx, worker_id)
            live = None if linked else await invites.live_invite_expiry(tx, worker_id, stamp)
            issued = None if linked or live else await issue_invite(tx, worker_id, None, now)
            done.append(ImportedWorker(row.row, row.roster_key, row.values["name"], created, linked, issued, live))
            progress(number, total)
    return tuple(done)
