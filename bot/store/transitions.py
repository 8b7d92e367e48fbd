"""A row's state change and its audit row, in one call.

The change is ``UPDATE ... WHERE id = ? AND status = ?``: it happens only while the row is still
in the state the caller saw, so two people acting on the same row at once cannot both win; the
audit row is written only when it did happen.
"""

from __future__ import annotations

from typing import Any

from bot.store import audit
from bot.store.database import Tx

# audit entity -> table whose ``status`` column it changes
_TABLES = {"placement": "placements", "request": "requests", "worker": "workers", "ngo": "ngos"}


async def transition(tx: Tx, entity: str, entity_id: int, *, old: str, new: str, actor: int | None,
                     action: str, at: str, detail: str | None = None, **columns: Any) -> bool:
    """Move row ``entity_id`` of ``entity`` from status ``old`` to ``new`` (setting ``columns``
    and ``updated_at`` too) and record it in the audit log; False, with nothing written, when the
    row is gone or no longer ``old``."""
    table = _TABLES[entity]
    assignments = "".join(f", {name} = ?" for name in columns)
    changed = await tx.execute(
        f"UPDATE {table} SET status = ?, updated_at = ?{assignments} WHERE id = ? AND status = ?",
        (new, at, *columns.values(), entity_id, old))
    if changed != 1:
        return False
    await audit.record(tx, actor=actor, action=action, entity=entity, entity_id=entity_id, at=at, old=old, new=new,
                       detail=detail)
    return True
