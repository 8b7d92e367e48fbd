"""SQL of ``broadcasts``: a director's announcement, its audience, and how its messages fared."""

from __future__ import annotations

from typing import Any

from bot.store.database import Tx

_VERIFIED = "status IN ('verified', 'paused')"  # members the association verified, paused or not


def _audience_sql(audience: str) -> str:
    workers = f"SELECT person_id FROM workers WHERE {_VERIFIED} AND person_id IS NOT NULL"
    ngos = f"SELECT director_person_id FROM ngos WHERE {_VERIFIED} AND director_person_id IS NOT NULL"
    if audience == "workers":
        return workers
    if audience == "ngos":
        return ngos
    return f"{workers} AND district = :district UNION {ngos} AND district = :district"


async def recipients(tx: Tx, audience: str, district: str | None) -> list[tuple[int, str]]:
    """(person id, language) of every verified member the audience covers, each once."""
    rows = await tx.fetchall(
        f"SELECT u.id, u.language FROM people u WHERE u.id IN ({_audience_sql(audience)}) "
        "ORDER BY u.id", {"district": district})
    return [(r[0], r[1]) for r in rows]


async def insert(tx: Tx, director: int, answers: dict[str, Any], count: int, now: str) -> int:
    """A previewed announcement, waiting for the director's Send."""
    return await tx.insert(
        "INSERT INTO broadcasts (director, audience, district, text_zh, text_en, recipients, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (director, answers["audience"], answers.get("district"), answers["text_zh"], answers.get("text_en"),
         count, now))


async def get(tx: Tx, broadcast_id: int) -> dict[str, Any] | None:
    row = await tx.fetchone("SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,))
    return None if row is None else dict(row)


async def move(tx: Tx, broadcast_id: int, from_status: str, to_status: str, now: str,
               count: int | None = None) -> bool:
    """Send or cancel a previewed announcement, only if it is still in ``from_status``."""
    changed = await tx.execute(
        "UPDATE broadcasts SET status = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, "
        "recipients = coalesce(?, recipients) WHERE id = ? AND status = ?",
        (to_status, to_status, now, count, broadcast_id, from_status))
    return changed == 1


async def last_sent(tx: Tx, limit: int = 3) -> list[dict[str, Any]]:
    """The newest sent announcements, each with its messages counted by outcome."""
    rows = await tx.fetchall("SELECT * FROM broadcasts WHERE status = 'sent' ORDER BY id DESC LIMIT ?", (limit,))
    return [{**dict(r), **await delivery_counts(tx, r["id"])} for r in rows]


async def unreported(tx: Tx) -> list[dict[str, Any]]:
    """Sent announcements whose director has not had the final report yet."""
    rows = await tx.fetchall("SELECT * FROM broadcasts WHERE status = 'sent' AND reported_at IS NULL ORDER BY id")
    return [dict(r) for r in rows]


async def mark_reported(tx: Tx, broadcast_id: int, now: str) -> bool:
    changed = await tx.execute("UPDATE broadcasts SET reported_at = ? WHERE id = ? AND reported_at IS NULL",
                               (now, broadcast_id))
    return changed == 1


async def delivery_counts(tx: Tx, broadcast_id: int) -> dict[str, int]:
    """delivered (sent), blocked (the person blocked the bot: failed or cancelled as unreachable),
    waiting (not sent yet) and unconfirmed (sent twice without an answer, parked)."""
    rows = await tx.fetchall(
        "SELECT status, count(*) FROM followups WHERE json_extract(payload, '$.broadcast') = ? GROUP BY status",
        (broadcast_id,))
    by_status = {r[0]: r[1] for r in rows}
    return {"delivered": by_status.get("sent", 0),
            "blocked": by_status.get("failed", 0) + by_status.get("cancelled", 0),
            "waiting": by_status.get("pending", 0) + by_status.get("sending", 0),
            "unconfirmed": by_status.get("parked", 0)}
