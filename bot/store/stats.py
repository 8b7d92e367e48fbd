"""SQL of the director's stats: counts and the raw timestamps the figures are computed from."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.store.database import Tx


@dataclass(frozen=True)
class StatsRows:
    """What /stats reads, straight from the tables (timestamps as stored, UTC ISO text)."""

    workers_by_status: dict[str, int]
    ngos_by_status: dict[str, int]
    requests_by_status: dict[str, int]
    placements_by_status: dict[str, int]
    places_asked: int
    places_filled: int
    request_to_active: list[tuple[str, str]]         # (request created_at, placement started_at)
    proposal_decisions: list[tuple[str, str, str]]   # (director, proposed at, decided at)
    offer_answers: list[tuple[str, str, str]]        # (NGO name, offered at, NGO answered at)
    checkin_answers: list[str]
    demand: list[list[str]]                          # skills of each open request
    supply: list[list[str]]                          # skills of each verified worker
    started_at: list[str]


async def _counts(tx: Tx, table: str) -> dict[str, int]:
    rows = await tx.fetchall(f"SELECT status, count(*) FROM {table} GROUP BY status")
    return {row[0]: row[1] for row in rows}


async def _pairs(tx: Tx, sql: str) -> list[tuple]:
    return [tuple(row) for row in await tx.fetchall(sql)]


async def stats_rows(tx: Tx) -> StatsRows:
    """Everything /stats needs, read inside the caller's snapshot."""
    filled = await tx.fetchval(
        "SELECT coalesce(sum(min(r.headcount, started.n)), 0) FROM requests r JOIN "
        "(SELECT request_id, count(*) AS n FROM placements WHERE started_at IS NOT NULL GROUP BY request_id) "
        "started ON started.request_id = r.id")
    return StatsRows(
        workers_by_status=await _counts(tx, "workers"),
        ngos_by_status=await _counts(tx, "ngos"),
        requests_by_status=await _counts(tx, "requests"),
        placements_by_status=await _counts(tx, "placements"),
        places_asked=await tx.fetchval("SELECT coalesce(sum(headcount), 0) FROM requests"),
        places_filled=filled,
        request_to_active=await _pairs(
            tx, "SELECT r.created_at, p.started_at FROM placements p JOIN requests r ON r.id = p.request_id "
                "WHERE p.started_at IS NOT NULL"),
        proposal_decisions=await _pairs(
            tx, "SELECT coalesce(u.display_name, CAST(p.decided_by AS TEXT)), p.created_at, p.decided_at "
                "FROM placements p LEFT JOIN people u ON u.id = p.decided_by "
                "WHERE p.decided_by IS NOT NULL AND p.decided_at IS NOT NULL"),
        offer_answers=await _pairs(
            tx, "SELECT n.name, p.offered_at, min(a.at) FROM placements p "
                "JOIN requests r ON r.id = p.request_id JOIN ngos n ON n.id = r.ngo_id "
                "JOIN audit_log a ON a.entity = 'placement' AND a.entity_id = p.id "
                "AND a.action IN ('accepted', 'declined') AND a.actor = n.director_person_id "
                "WHERE p.offered_at IS NOT NULL GROUP BY p.id"),
        checkin_answers=[row[0] for row in await tx.fetchall(
            "SELECT answer FROM followups WHERE kind = 'checkin' AND answered_at IS NOT NULL")],
        demand=[json.loads(row[0]) for row in await tx.fetchall("SELECT skills FROM requests WHERE status = 'open'")],
        supply=[json.loads(row[0]) for row in await tx.fetchall(
            "SELECT skills FROM workers WHERE status = 'verified'")],
        started_at=[row[0] for row in await tx.fetchall(
            "SELECT started_at FROM placements WHERE started_at IS NOT NULL")],
    )
