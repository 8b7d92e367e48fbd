"""SQL of ``placements``: proposals and the whole life of each placement.

Every state change is ``UPDATE ... WHERE id = ? AND status = ?`` and the caller looks at the
row count, so two people acting on the same row at once cannot both win.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.store.database import Tx
from bot.store.members import MemberKind
from bot.store.rows import AsDict, decode

LIVE = ("proposed", "approved", "offered", "active")
HOLDING = ("approved", "offered", "active")          # count against capacity and headcount
FINAL_FOR_PAIR = ("rejected", "declined", "expired", "cancelled", "completed")

_DETAIL = """
SELECT p.*, r.title, r.ngo_id, r.skills AS request_skills, r.hours_per_week AS request_hours,
       r.district AS request_district, r.status AS request_status, r.headcount,
       r.description, r.start_date, r.duration_weeks, r.field,
       n.name AS ngo_name, n.director_person_id AS ngo_person_id, n.director_name,
       n.director_phone,
       w.name AS worker_name, w.person_id AS worker_person_id, w.phone AS worker_phone,
       w.skills AS worker_skills, w.certification, w.hours_per_week AS worker_hours,
       w.district AS worker_district, w.years_experience, w.introduction, w.max_placements,
       coalesce(uw.language, 'zh') AS worker_language, uw.username AS worker_username,
       coalesce(un.language, 'zh') AS ngo_language, un.username AS ngo_username,
       ud.display_name AS decided_by_name
FROM placements p
JOIN requests r ON r.id = p.request_id
JOIN ngos n ON n.id = r.ngo_id
JOIN workers w ON w.id = p.worker_id
LEFT JOIN people uw ON uw.id = w.person_id
LEFT JOIN people un ON un.id = n.director_person_id
LEFT JOIN people ud ON ud.id = p.decided_by
"""
_JSON = {"reasons", "request_skills", "worker_skills"}
_NEWEST_FIRST = "p.updated_at DESC, p.id DESC"


@dataclass(frozen=True)
class PlacementDetails(AsDict):
    """A placement with its request, NGO and worker, for cards and offers: one row of ``_DETAIL``."""

    # the placement's own columns
    id: int
    request_id: int
    worker_id: int
    status: str
    score: float
    reasons: list[dict[str, str]]
    worker_answer: str | None
    ngo_answer: str | None
    decided_by: int | None
    decided_at: str | None
    reject_reason: str | None
    reject_note: str | None
    offered_at: str | None
    started_at: str | None
    ended_at: str | None
    end_reason: str | None
    created_at: str
    updated_at: str
    shown_at: str | None
    # its request
    title: str
    ngo_id: int
    request_skills: list[str]
    request_hours: float
    request_district: str
    request_status: str
    headcount: int
    description: str
    start_date: str
    duration_weeks: int
    field: str
    # its NGO
    ngo_name: str
    ngo_person_id: int | None
    director_name: str
    director_phone: str
    # its worker
    worker_name: str
    worker_person_id: int | None
    worker_phone: str
    worker_skills: list[str]
    certification: str
    worker_hours: float
    worker_district: str
    years_experience: int
    introduction: str
    max_placements: int
    # the people behind it
    worker_language: str
    worker_username: str | None
    ngo_language: str
    ngo_username: str | None
    decided_by_name: str | None

    def answer_of(self, side: str) -> str | None:
        """The answer of one side ("worker" or "ngo") to the offer, None while it has not answered."""
        return {"worker": self.worker_answer, "ngo": self.ngo_answer}[side]

    def person_id_of(self, side: str) -> int | None:
        """The person id of the social worker ("worker") or of the NGO director ("ngo")."""
        return {"worker": self.worker_person_id, "ngo": self.ngo_person_id}[side]

    def language_of(self, side: str) -> str:
        return {"worker": self.worker_language, "ngo": self.ngo_language}[side]

    def name_of(self, side: str) -> str:
        """The social worker's name ("worker") or the NGO's ("ngo")."""
        return {"worker": self.worker_name, "ngo": self.ngo_name}[side]



def _details_of(row) -> PlacementDetails:
    return PlacementDetails(**decode(row, _JSON))


@dataclass(frozen=True)
class Pair:
    request_id: int
    worker_id: int


async def holding_per_worker(tx: Tx) -> dict[int, int]:
    """Placements holding a place, per worker id."""
    return await _holding_per(tx, "worker_id")


async def holding_per_request(tx: Tx) -> dict[int, int]:
    """Placements holding a place, per request id."""
    return await _holding_per(tx, "request_id")


async def _holding_per(tx: Tx, column: str) -> dict[int, int]:
    marks = ", ".join("?" * len(HOLDING))
    rows = await tx.fetchall(
        f"SELECT {column}, count(*) FROM placements WHERE status IN ({marks}) GROUP BY {column}", HOLDING)
    return {row[0]: row[1] for row in rows}


async def pairs_with_status(tx: Tx, statuses: tuple[str, ...]) -> set[Pair]:
    marks = ", ".join("?" * len(statuses))
    rows = await tx.fetchall(
        f"SELECT DISTINCT request_id, worker_id FROM placements WHERE status IN ({marks})", statuses)
    return {Pair(row[0], row[1]) for row in rows}


async def proposals(tx: Tx) -> dict[Pair, int]:
    """Open proposals: pair -> placement id."""
    rows = await tx.fetchall("SELECT id, request_id, worker_id FROM placements WHERE status = 'proposed'")
    return {Pair(row[1], row[2]): row[0] for row in rows}


async def unseen_proposals(tx: Tx) -> set[int]:
    """Ids of open proposals whose card no director has been shown yet."""
    rows = await tx.fetchall("SELECT id FROM placements WHERE status = 'proposed' AND shown_at IS NULL")
    return {row[0] for row in rows}


async def mark_shown(tx: Tx, placement_id: int, now: str) -> None:
    """Remember when a director was first shown this proposal."""
    await tx.execute("UPDATE placements SET shown_at = ? WHERE id = ? AND shown_at IS NULL", (now, placement_id))


async def insert_proposal(tx: Tx, pair: Pair, score: float, reasons: list[dict[str, str]], now: str) -> int:
    return await tx.insert(
        "INSERT INTO placements (request_id, worker_id, status, score, reasons, created_at, updated_at) "
        "VALUES (?, ?, 'proposed', ?, ?, ?, ?)",
        (pair.request_id, pair.worker_id, round(min(max(score, 0.0), 1.0), 4),
         json.dumps(reasons, ensure_ascii=False), now, now))


async def detail(tx: Tx, placement_id: int) -> PlacementDetails | None:
    """A placement with its request, NGO and worker, for cards and offers."""
    row = await tx.fetchone(_DETAIL + " WHERE p.id = ?", (placement_id,))
    return None if row is None else _details_of(row)


async def proposals_waiting(tx: Tx) -> list[PlacementDetails]:
    """Open proposals with their details, grouped by request (the request whose best proposal
    scores highest first), each request's proposals best first."""
    waiting = await _details(tx, "p.status = 'proposed'")
    best: dict[int, float] = {}
    for p in waiting:
        best[p.request_id] = max(best.get(p.request_id, 0.0), p.score)
    return sorted(waiting, key=lambda p: (-best[p.request_id], p.request_id, -p.score, p.id))


async def open_proposal_of(tx: Tx, pair: Pair) -> int | None:
    """The id of the open proposal of this pair, if there is one."""
    return await tx.fetchval("SELECT id FROM placements WHERE request_id = ? AND worker_id = ? "
                             "AND status = 'proposed'", (pair.request_id, pair.worker_id))


async def placements_of_member(tx: Tx, kind: MemberKind, member_id: int) -> list[PlacementDetails]:
    """Every placement row of a worker or of an NGO, newest first."""
    column = {MemberKind.WORKER: "w.id", MemberKind.NGO: "n.id"}[kind]
    return await _details(tx, f"{column} = ?", (member_id,), order=_NEWEST_FIRST)


async def placements_of_request(tx: Tx, request_id: int) -> list[PlacementDetails]:
    """Every placement row of a request, newest first."""
    return await _details(tx, "p.request_id = ?", (request_id,), order=_NEWEST_FIRST)


async def active_placements_of_worker(tx: Tx, worker_id: int) -> list[PlacementDetails]:
    """The worker's active placements."""
    return await _details(tx, "p.worker_id = ? AND p.status = 'active'", (worker_id,))


async def placements_with_status(tx: Tx, statuses: tuple[str, ...], *,
                                 person_id: int | None = None) -> list[PlacementDetails]:
    """Placements in any of ``statuses``, newest first: every one, or only those where the person
    with ``person_id`` is the worker or the NGO director."""
    where = f"p.status IN ({', '.join('?' * len(statuses))})"
    if person_id is None:
        return await _details(tx, where, statuses, order=_NEWEST_FIRST)
    return await _details(tx, f"{where} AND (w.person_id = ? OR n.director_person_id = ?)",
                          (*statuses, person_id, person_id), order=_NEWEST_FIRST)


async def _details(tx: Tx, where: str, params: tuple[Any, ...] = (), order: str = "p.id") -> list[PlacementDetails]:
    rows = await tx.fetchall(f"{_DETAIL} WHERE {where} ORDER BY {order}", params)
    return [_details_of(row) for row in rows]


async def move(tx: Tx, placement_id: int, from_status: str, to_status: str, now: str,
               **columns: Any) -> bool:
    """Change the status (and other columns) only if it is still ``from_status``."""
    assignments = "".join(f", {name} = ?" for name in columns)
    changed = await tx.execute(
        f"UPDATE placements SET status = ?, updated_at = ?{assignments} WHERE id = ? AND status = ?",
        (to_status, now, *columns.values(), placement_id, from_status))
    return changed == 1


async def undo_offer(tx: Tx, placement_id: int, now: str) -> bool:
    """An approved offer back to an open proposal, only while neither side has answered it."""
    changed = await tx.execute(
        "UPDATE placements SET status = 'proposed', decided_by = NULL, decided_at = NULL, offered_at = NULL, "
        "updated_at = ? WHERE id = ? AND status = 'offered' AND worker_answer IS NULL AND ngo_answer IS NULL",
        (now, placement_id))
    return changed == 1


async def undo_end(tx: Tx, placement_id: int, now: str) -> bool:
    """An ended placement active again, as if it had not ended."""
    changed = await tx.execute(
        "UPDATE placements SET status = 'active', ended_at = NULL, end_reason = NULL, updated_at = ? "
        "WHERE id = ? AND status IN ('completed', 'cancelled')", (now, placement_id))
    return changed == 1


async def undo_rejection(tx: Tx, placement_id: int, now: str) -> bool:
    """A rejected proposal open again, its reason and note forgotten."""
    changed = await tx.execute(
        "UPDATE placements SET status = 'proposed', decided_by = NULL, decided_at = NULL, reject_reason = NULL, "
        "reject_note = NULL, updated_at = ? WHERE id = ? AND status = 'rejected'", (now, placement_id))
    return changed == 1


async def record_answer(tx: Tx, placement_id: int, side: str, answer: str, now: str) -> bool:
    """One side's answer to an offer, once: only while offered and not answered yet."""
    column = {"worker": "worker_answer", "ngo": "ngo_answer"}[side]
    changed = await tx.execute(
        f"UPDATE placements SET {column} = ?, updated_at = ? "
        f"WHERE id = ? AND status = 'offered' AND {column} IS NULL",
        (answer, now, placement_id))
    return changed == 1


async def live_of_request(tx: Tx, request_id: int, statuses: tuple[str, ...]) -> list[int]:
    marks = ", ".join("?" * len(statuses))
    rows = await tx.fetchall(
        f"SELECT id FROM placements WHERE request_id = ? AND status IN ({marks}) ORDER BY id",
        (request_id, *statuses))
    return [row[0] for row in rows]


async def count_by_status(tx: Tx) -> dict[str, int]:
    rows = await tx.fetchall("SELECT status, count(*) FROM placements GROUP BY status")
    return {row[0]: row[1] for row in rows}


async def live_counts_of_ngo(tx: Tx, ngo_id: int) -> dict[int, dict[str, int]]:
    """Per request of the NGO: how many proposals, offers and active placements it has now."""
    rows = await tx.fetchall(
        "SELECT p.request_id, p.status, count(*) FROM placements p JOIN requests r ON r.id = p.request_id "
        "WHERE r.ngo_id = ? AND p.status IN ('proposed', 'offered', 'active') GROUP BY 1, 2", (ngo_id,))
    counts: dict[int, dict[str, int]] = {}
    for request_id, status, count in rows:
        counts.setdefault(request_id, {})[status] = count
    return counts


async def matching_version(tx: Tx) -> int:
    """A number that changes whenever anything the matcher reads changes (triggers keep it)."""
    return await tx.fetchval("SELECT version FROM matching_inputs WHERE id = 1")
