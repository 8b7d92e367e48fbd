"""SQL of ``audit_log``: who did what to which row, when, from which state to which."""

from __future__ import annotations

from bot.store.database import Tx


async def record(tx: Tx, *, actor: int | None, action: str, entity: str, entity_id: int, at: str,
                 old: str | None = None, new: str | None = None, detail: str | None = None) -> None:
    """One audit row: ``actor`` (a person id, None for the bot itself) did ``action`` to row
    ``entity_id`` of ``entity`` ("placement", "request", "worker", "ngo"...) at ``at``, moving it
    from state ``old`` to ``new``."""
    await tx.execute(
        "INSERT INTO audit_log (actor, action, entity, entity_id, old_state, new_state, detail, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (actor, action, entity, entity_id, old, new, detail, at),
    )


async def record_many(tx: Tx, actor: int | None, action: str, entity: str,
                      rows: list[tuple[int, str | None, str | None, str | None]], now: str) -> None:
    """:func:`record` for many rows of one action: (entity id, old state, new state, detail) each."""
    await tx.executemany(
        "INSERT INTO audit_log (actor, action, entity, entity_id, old_state, new_state, detail, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(actor, action, entity, entity_id, old, new, detail, now) for entity_id, old, new, detail in rows])


async def notes_on(tx: Tx, entity: str, entity_id: int) -> list[dict[str, str]]:
    """Directors' internal notes on a member, oldest first: who (display name or id), when, what."""
    rows = await tx.fetchall(
        "SELECT coalesce(u.display_name, CAST(a.actor AS TEXT), '—'), a.at, a.detail FROM audit_log a "
        "LEFT JOIN people u ON u.id = a.actor "
        "WHERE a.action = 'noted' AND a.entity = ? AND a.entity_id = ? AND a.detail IS NOT NULL ORDER BY a.id",
        (entity, entity_id))
    return [{"who": row[0], "at": row[1], "text": row[2]} for row in rows]


async def last_decision(tx: Tx, entity: str, entity_id: int) -> dict[str, str] | None:
    """The newest recorded decision on a row: who (display name or id) and when."""
    row = await tx.fetchone(
        "SELECT coalesce(u.display_name, CAST(a.actor AS TEXT), '—'), a.at FROM audit_log a "
        "LEFT JOIN people u ON u.id = a.actor "
        "WHERE a.entity = ? AND a.entity_id = ? ORDER BY a.id DESC LIMIT 1", (entity, entity_id))
    return None if row is None else {"who": row[0], "at": row[1]}
