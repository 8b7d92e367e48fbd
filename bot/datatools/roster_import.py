"""Writing a checked roster: all rows in one transaction, and an invite for each unlinked worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.clock import to_iso
from bot.datatools.invites import IssuedInvite, issue_invites
from bot.datatools.roster import Roster, RosterRow
from bot.store import Database, roster

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
    """Insert or update every worker of the roster (all or nothing); return what happened to each.

    Everything that can be done without the database is done before the write transaction, and
    the transaction itself is a handful of statements each run over all rows, so the bot, which
    shares the file, waits a fraction of a second instead of the whole import (30,000 rows took a
    minute row by row, and people chatting meanwhile got "database is locked").
    """
    if checked.problems:
        raise RosterHasProblems(f"{len(checked.problems)} problems; nothing imported")
    stamp, total = to_iso(now), len(checked.rows)
    prepared = []
    for number, row in enumerate(checked.rows, start=1):
        prepared.append((row.roster_key, roster.encode_roster_worker(row.values)))
        progress(number, total)
    async with db.transaction() as tx:
        existing = await roster.roster_states(tx, stamp)
        await roster.upsert_roster_workers(tx, prepared, stamp)
        states = await roster.roster_states(tx, stamp)
        needing = [states[key].worker_id for key, _ in prepared
                   if not states[key].linked and states[key].live_invite_expires is None]
        issued = await issue_invites(tx, needing, None, now)
    return tuple(_imported(row, existing, states[row.roster_key], issued) for row in checked.rows)


def _imported(row: RosterRow, existing: dict[str, roster.RosterState], state: roster.RosterState,
              issued: dict[int, IssuedInvite]) -> ImportedWorker:
    return ImportedWorker(row.row, row.roster_key, row.values["name"], row.roster_key not in existing,
                          state.linked, issued.get(state.worker_id), state.live_invite_expires)
