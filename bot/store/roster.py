"""SQL of a roster import: imported workers, matched by the roster key the association uses."""

from __future__ import annotations

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
    return await tx.fetchval("SELECT telegram_id IS NOT NULL FROM workers WHERE id = ?", (worker_id,)) == 1
