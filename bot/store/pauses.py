"""SQL of pauses: a worker or an NGO paused (optionally until a date) and resumed again."""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.database import Tx

# entity -> (table, the column holding the member's person id)
TABLES = {"worker": ("workers", "person_id"), "ngo": ("ngos", "director_person_id")}


@dataclass(frozen=True)
class PauseTarget:
    """A worker or an NGO as pausing reads it: which one, its name and status, when its pause
    ends, and the person behind it (None for a profile nobody has claimed)."""

    entity: str                 # "worker" or "ngo"
    id: int
    name: str
    status: str
    paused_until: str | None
    person_id: int | None


def _target(row, entity: str) -> PauseTarget:
    return PauseTarget(entity=entity, **dict(row))


async def member(tx: Tx, entity: str, member_id: int) -> PauseTarget | None:
    """The member's id, name, status, pause end and person id (None if there is no such row)."""
    table, owner = TABLES[entity]
    row = await tx.fetchone(
        f"SELECT id, name, status, paused_until, {owner} AS person_id FROM {table} WHERE id = ?", (member_id,))
    return None if row is None else _target(row, entity)


async def find_members(tx: Tx, words: str, limit: int = 8) -> list[PauseTarget]:
    """Workers and NGOs whose name is ``words`` (any case); failing that, whose name contains it."""
    found: list[PauseTarget] = []
    for clause, value in (("lower(name) = lower(?)", words), ("instr(lower(name), lower(?)) > 0", words)):
        for entity, (table, owner) in TABLES.items():
            rows = await tx.fetchall(
                f"SELECT id, name, status, paused_until, {owner} AS person_id FROM {table} "
                f"WHERE {clause} ORDER BY id LIMIT ?", (value, limit))
            found += [_target(r, entity) for r in rows]
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


async def pauses_ending(tx: Tx, today: str) -> list[PauseTarget]:
    """Paused members whose end date (the day they take offers again) is ``today`` or earlier."""
    found: list[PauseTarget] = []
    for entity, (table, owner) in TABLES.items():
        rows = await tx.fetchall(
            f"SELECT id, name, status, paused_until, {owner} AS person_id FROM {table} "
            f"WHERE status = 'paused' AND paused_until IS NOT NULL AND paused_until <= ? AND {owner} IS NOT NULL "
            "ORDER BY id", (today,))
        found += [_target(r, entity) for r in rows]
    return found
