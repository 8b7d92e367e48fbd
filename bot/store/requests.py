"""SQL of ``requests``: the talent requests NGOs post."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.store.database import Tx
from bot.store.rows import AsDict, decode, encode

REQUEST_COLUMNS = ("title", "description", "skills_text", "skills", "field", "district", "remote_ok",
                   "hours_per_week", "headcount", "min_certification", "languages", "start_date",
                   "duration_weeks")
_JSON_COLUMNS = {"skills", "languages"}




@dataclass(frozen=True)
class RequestRow(AsDict):
    """One row of ``requests``: a talent request an NGO posted."""

    id: int
    ngo_id: int
    title: str
    description: str
    skills_text: str
    skills: list[str]
    field: str
    district: str
    remote_ok: int
    hours_per_week: float
    headcount: int
    min_certification: str
    languages: list[str]
    start_date: str
    duration_weeks: int
    status: str
    created_at: str
    updated_at: str
    paused: int



def _encode(values: dict[str, Any]) -> list[Any]:
    return encode(values, REQUEST_COLUMNS, _JSON_COLUMNS)


def _decode(row) -> dict[str, Any]:
    return decode(row, _JSON_COLUMNS)


def _request_of(row) -> RequestRow:
    return RequestRow(**_decode(row))


async def insert_request(tx: Tx, ngo_id: int, values: dict[str, Any], now: str) -> int:
    names = ", ".join(("ngo_id", *REQUEST_COLUMNS, "created_at", "updated_at"))
    marks = ", ".join("?" * (len(REQUEST_COLUMNS) + 3))
    return await tx.insert(f"INSERT INTO requests ({names}) VALUES ({marks})",
                           (ngo_id, *_encode(values), now, now))


async def update_request(tx: Tx, request_id: int, ngo_id: int, values: dict[str, Any], now: str) -> int:
    """New values for an open request of this NGO; 0 when it is not (any more) open or not theirs."""
    assignments = ", ".join(f"{k} = ?" for k in REQUEST_COLUMNS)
    return await tx.execute(
        f"UPDATE requests SET {assignments}, updated_at = ? WHERE id = ? AND ngo_id = ? AND status = 'open'",
        (*_encode(values), now, request_id, ngo_id),
    )


async def set_paused(tx: Tx, request_id: int, paused: bool, now: str) -> bool:
    """Pause or resume matching for an open or filled request; False when nothing changed."""
    changed = await tx.execute(
        "UPDATE requests SET paused = ?, updated_at = ? WHERE id = ? AND paused <> ? AND status <> 'closed'",
        (int(paused), now, request_id, int(paused)))
    return changed == 1


async def request_by_id(tx: Tx, request_id: int) -> RequestRow | None:
    row = await tx.fetchone("SELECT * FROM requests WHERE id = ?", (request_id,))
    return None if row is None else _request_of(row)


async def every_request(tx: Tx) -> list[dict[str, Any]]:
    """Every request with its NGO's name (a director's search reads them all, beside the members,
    as dicts of columns)."""
    rows = await tx.fetchall("SELECT r.*, n.name AS ngo_name FROM requests r JOIN ngos n ON n.id = r.ngo_id "
                             "ORDER BY r.id")
    return [_decode(row) for row in rows]


async def requests_of_ngo(tx: Tx, ngo_id: int) -> list[RequestRow]:
    """The NGO's requests, open ones first, newest first."""
    rows = await tx.fetchall(
        "SELECT * FROM requests WHERE ngo_id = ? "
        "ORDER BY status = 'open' DESC, created_at DESC, id DESC", (ngo_id,))
    return [_request_of(row) for row in rows]


async def close_request(tx: Tx, request_id: int, ngo_id: int | None, now: str) -> int:
    """Close an open or filled request (of this NGO, unless ``ngo_id`` is None: a director);
    0 when it was already closed (or not theirs)."""
    return await tx.execute(
        "UPDATE requests SET status = 'closed', updated_at = ? "
        "WHERE id = ? AND (? IS NULL OR ngo_id = ?) AND status IN ('open', 'filled')",
        (now, request_id, ngo_id, ngo_id))


async def matchable_requests(tx: Tx) -> list[RequestRow]:
    """Open requests of verified NGOs: what the matcher fills."""
    rows = await tx.fetchall(
        "SELECT r.* FROM requests r JOIN ngos n ON n.id = r.ngo_id "
        "WHERE r.status = 'open' AND r.paused = 0 AND n.status = 'verified' ORDER BY r.id")
    return [_request_of(row) for row in rows]


async def set_request_status(tx: Tx, request_id: int, from_status: str, to_status: str, now: str) -> bool:
    changed = await tx.execute(
        "UPDATE requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
        (to_status, now, request_id, from_status))
    return changed == 1
