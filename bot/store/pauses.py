"""SQL of pauses: a worker or an NGO paused (optionally until a date) and resumed again."""

from __future__ import annotations

from typing import Any

from bot.store.database import Tx

# entity -> (table, the column holding the member's person id)
TABLES = {"worker": ("workers", "person_id"), "ngo": ("ngos", "director_person_id")}


async def member(tx: Tx, entity: str, member_id: int) -> dict[str, Any] | None:
    """The member's id, name, status, pause end and person id (None if there is no such row)."""
    table, owner = TABLES[entity]
    row = await tx.fetchone(
        f"SELECT id, name, status, paused_until, {owner} AS person_id FROM {table} WHERE id = ?", (member_id,))
    return None if row is None else {**dict(row), "entity": entity}


async def find_members(tx: Tx, words: str, limit: int = 8) -> list[dict[str, Any]]:
    """Workers and NGOs whose name is ``words`` (any case); failing that, whose name contains it."""
    found: list[dict[str, Any]] = []
    for clause, value in (("lower(name) = lower(?)", words), ("instr(lower(name), lower(?)) > 0", words)):
        for entity, (table, owner) in TABLES.items():
            rows = await tx.fetchall(
                f"SELECT id, name, status, paused_until, {owner} AS person_id FROM {table} "
                f"WHERE {clause} ORDER BY id LIMIT ?", (value, limit))
            found += [{**dict(r), "entity": entity} for r in rows]
        if found:
            break
    return found[:limit]


async def pause(tx: Tx, entity: str, member_id: int, until: str | None, now: str) -> str | None:
    """Pause a verified (or re-date a paused) member; the status it had, or None if neither."""
    table, _ = TABLES[entity]
    row = await tx.fetchone(f"SELECT status FROM {table} WHERE id = ?", (member_id,))
    if row is None or row["status"] not in ("verified", "paused"):
        return None
    changed = await tx.execute(
        f"UPDATE {table} SET status = 'paused', paused_until = ?, updated_at = ? "
        f"WHERE id = ? AND status = ?", (until, now, member_id, row["status"]))
    return row["status"] if changed == 1 else None


async def resume(tx: Tx, entity: str, member_id: int, now: str) -> bool:
    """A paused member takes offers again; False if it was not paused, or is an erased profile
    (no person: erasure pauses a profile for good)."""
    table, owner = TABLES[entity]
    changed = await tx.execute(
        f"UPDATE {table} SET status = 'verified', paused_until = NULL, updated_at = ? "
        f"WHERE id = ? AND status = 'paused' AND {owner} IS NOT NULL", (now, member_id))
    return changed == 1


async def pauses_ending(tx: Tx, today: str) -> list[dict[str, Any]]:
    """Paused members whose end date (the day they take offers again) is ``today`` or earlier."""
    found: list[dict[str, Any]] = []
    for entity, (table, owner) in TABLES.items():
        rows = await tx.fetchall(
            f"SELECT id, name, status, paused_until, {owner} AS person_id FROM {table} "
            f"WHERE status = 'paused' AND paused_until IS NOT NULL AND paused_until <= ? AND {owner} IS NOT NULL "
            "ORDER BY id", (today,))
        found += [{**dict(r), "entity": entity} for r in rows]
    return found
