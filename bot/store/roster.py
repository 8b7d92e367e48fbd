"""SQL of a roster import: imported workers, matched by the roster key the association uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.store.database import Tx
from bot.store.members import WORKER_COLUMNS
from bot.store.rows import encode

_JSON_COLUMNS = {"skills", "fields", "languages"}


async def upsert_roster_worker(tx: Tx, roster_key: str, values: dict[str, Any], now: str) -> tuple[int, bool]:
    """Insert the worker (verified) or update the profile that has this roster key.

    Returns (worker id, True when it was new). An update keeps the status a director set and
    the linked Telegram account.
    """
    encoded = encode(values, WORKER_COLUMNS, _JSON_COLUMNS)
    existing = await tx.fetchval("SELECT id FROM workers WHERE roster_key = ?", (roster_key,))
    if existing is not None:
        assignments = ", ".join(f"{k} = ?" for k in WORKER_COLUMNS)
        await tx.execute(f"UPDATE workers SET {assignments}, updated_at = ? WHERE id = ?",
                         (*encoded, now, existing))
        return existing, False
    names = ", ".join((*WORKER_COLUMNS, "roster_key", "status", "created_at", "updated_at"))
    marks = ", ".join("?" * (len(WORKER_COLUMNS) + 4))
    worker_id = await tx.insert(f"INSERT INTO workers ({names}) VALUES ({marks})",
                                (*encoded, roster_key, "verified", now, now))
    return worker_id, True


async def is_linked(tx: Tx, worker_id: int) -> bool:
    return await tx.fetchval("SELECT person_id IS NOT NULL FROM workers WHERE id = ?", (worker_id,)) == 1


@dataclass(frozen=True)
class RosterState:
    """An imported worker as the database holds it: id, whether an account is linked, a live link."""

    worker_id: int
    linked: bool
    live_invite_expires: str | None


def encode_roster_worker(values: dict[str, Any]) -> list[Any]:
    """The worker's column values as stored, prepared before the write transaction."""
    return encode(values, WORKER_COLUMNS, _JSON_COLUMNS)


async def roster_states(tx: Tx, now: str) -> dict[str, RosterState]:
    """Every worker with a roster key, by key, in one query."""
    rows = await tx.fetchall(
        "SELECT w.roster_key, w.id, w.person_id IS NOT NULL, "
        "(SELECT max(expires_at) FROM invites i WHERE i.worker_id = w.id AND i.used_at IS NULL "
        "AND i.revoked_at IS NULL AND i.expires_at > ?) FROM workers w WHERE w.roster_key IS NOT NULL", (now,))
    return {key: RosterState(worker_id, bool(linked), live) for key, worker_id, linked, live in rows}


async def upsert_roster_workers(tx: Tx, rows: Sequence[tuple[str, list[Any]]], now: str) -> None:
    """Insert (verified) or update every worker by roster key in one statement run over all rows.

    An update keeps the status a director set and the linked Telegram account, as one by one does.
    """
    names = ", ".join((*WORKER_COLUMNS, "roster_key", "status", "created_at", "updated_at"))
    marks = ", ".join("?" * (len(WORKER_COLUMNS) + 4))
    updates = ", ".join(f"{k} = excluded.{k}" for k in (*WORKER_COLUMNS, "updated_at"))
    await tx.executemany(
        f"INSERT INTO workers ({names}) VALUES ({marks}) ON CONFLICT (roster_key) DO UPDATE SET {updates}",
        [(*encoded, key, "verified", now, now) for key, encoded in rows])
