"""SQL of the director's export: every sheet's rows, read in one consistent snapshot."""

from __future__ import annotations

from typing import Any

from bot.store.database import Database, Tx
from bot.store.rows import decode

_JSON = {"skills", "fields", "languages"}

EXPORT_QUERIES: dict[str, str] = {
    "workers": "SELECT * FROM workers ORDER BY id",
    "ngos": "SELECT * FROM ngos ORDER BY id",
    "requests": "SELECT r.*, n.name AS ngo_name FROM requests r JOIN ngos n ON n.id = r.ngo_id ORDER BY r.id",
    "placements": (
        "SELECT p.*, r.title AS request_title, n.name AS ngo_name, w.name AS worker_name "
        "FROM placements p JOIN requests r ON r.id = p.request_id JOIN ngos n ON n.id = r.ngo_id "
        "JOIN workers w ON w.id = p.worker_id ORDER BY p.id"),
    "checkins": (
        "SELECT f.id, f.placement_id, f.recipient, f.answered_at, f.answer, "
        "coalesce(json_extract(f.payload, '$.side'), CASE WHEN f.recipient = w.person_id THEN 'worker' "
        "     WHEN f.recipient = n.director_person_id THEN 'ngo' ELSE '' END) AS side, "
        "w.name AS worker_name, n.name AS ngo_name "
        "FROM followups f JOIN placements p ON p.id = f.placement_id "
        "JOIN requests r ON r.id = p.request_id JOIN ngos n ON n.id = r.ngo_id "
        "JOIN workers w ON w.id = p.worker_id "
        "WHERE f.kind = 'checkin' AND f.answered_at IS NOT NULL ORDER BY f.answered_at, f.id"),
}


async def _rows(tx: Tx, sql: str) -> list[dict[str, Any]]:
    return [decode(row, _JSON & set(row.keys())) for row in await tx.fetchall(sql)]


async def export_rows(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every exported table as column dicts (JSON list columns decoded), from one snapshot."""
    async with db.snapshot() as tx:
        return {name: await _rows(tx, sql) for name, sql in EXPORT_QUERIES.items()}
