"""SQL of ``followups``: the outbox of scheduled messages and actions.

A row is created ``pending`` in the transaction of the change that causes it. The dispatcher
claims it (``pending -> sending``, one ``UPDATE ... WHERE status = 'pending'``), sends it outside
any transaction, then records the outcome: ``sent``, back to ``pending`` for a retry, ``failed``
after too many errors, or ``parked`` after two sends whose outcome nobody knows. A check-in the
person answered is ``answered``; a row that no longer applies is ``cancelled``.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from bot.store.database import Tx

# Kinds the dispatcher sends as messages, and kinds it performs as actions (no message of their own).
MESSAGE_KINDS = ("checkin", "offer_reminder", "digest", "request_nudge", "alert", "notice")
ACTION_KINDS = ("offer_expiry",)
OPEN = ("pending", "sending")

_COLUMNS = ("id, kind, recipient, placement_id, request_id, payload, due_at, urgent, status, attempts, "
            "unknown_outcomes, claimed_at, sent_at, answered_at, answer, last_error, created_at")


@dataclass(frozen=True)
class Followup:
    """One outbox row; ``payload`` and ``answer`` are decoded from JSON."""

    id: int
    kind: str
    recipient: int
    placement_id: int | None
    request_id: int | None
    payload: dict[str, Any]
    due_at: str
    urgent: bool
    status: str
    attempts: int
    unknown_outcomes: int
    claimed_at: str | None
    sent_at: str | None
    answered_at: str | None
    answer: dict[str, Any] | None
    last_error: str | None
    created_at: str
    # Set by a claim: the recipient's account on the channel sending it (their Telegram chat id).
    address: int | None = None


def _followup(row) -> Followup:
    return Followup(
        id=row["id"], kind=row["kind"], recipient=row["recipient"], placement_id=row["placement_id"],
        request_id=row["request_id"], payload=json.loads(row["payload"]), due_at=row["due_at"],
        urgent=bool(row["urgent"]), status=row["status"], attempts=row["attempts"],
        unknown_outcomes=row["unknown_outcomes"], claimed_at=row["claimed_at"], sent_at=row["sent_at"],
        answered_at=row["answered_at"], answer=json.loads(row["answer"]) if row["answer"] else None,
        last_error=row["last_error"], created_at=row["created_at"])


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _marks(values: Collection[Any]) -> str:
    return ", ".join("?" * len(values))


async def insert(tx: Tx, kind: str, recipient: int, due_at: str, now: str, *,
                 placement_id: int | None = None, request_id: int | None = None,
                 payload: dict[str, Any] | None = None, urgent: bool = False) -> int:
    """A new pending row; returns its id."""
    return await tx.insert(
        "INSERT INTO followups (kind, recipient, placement_id, request_id, payload, due_at, urgent, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, recipient, placement_id, request_id, _json(payload or {}), due_at, int(urgent), now))


async def get(tx: Tx, followup_id: int) -> Followup | None:
    """One row by id (None when there is no such row)."""
    row = await tx.fetchone(f"SELECT {_COLUMNS} FROM followups WHERE id = ?", (followup_id,))
    return None if row is None else _followup(row)


async def next_due(tx: Tx, now: str, *, allow_non_urgent: bool, channel: str = "telegram",
                   excluded: Collection[int] = (), kinds: tuple[str, ...] = MESSAGE_KINDS) -> Followup | None:
    """The first pending row due by ``now``: urgent first, then oldest due, skipping recipients whose
    account on ``channel`` is in ``excluded`` (chats busy on that channel)."""
    rows_excluded = tuple(excluded)
    row = await tx.fetchone(
        f"SELECT {_COLUMNS} FROM followups WHERE status = 'pending' AND due_at <= ? "
        f"AND kind IN ({_marks(kinds)}) AND (urgent = 1 OR ?) "
        "AND recipient NOT IN (SELECT person_id FROM accounts WHERE channel = ? "
        f"AND external_id IN ({_marks(rows_excluded)})) ORDER BY urgent DESC, due_at, id LIMIT 1",
        (now, *kinds, int(allow_non_urgent), channel, *rows_excluded))
    return None if row is None else _followup(row)


async def due_exists(tx: Tx, now: str, *, allow_non_urgent: bool) -> bool:
    """Whether any message is due now, whoever it is for."""
    return await tx.fetchval(
        f"SELECT EXISTS (SELECT 1 FROM followups WHERE status = 'pending' AND due_at <= ? "
        f"AND kind IN ({_marks(MESSAGE_KINDS)}) AND (urgent = 1 OR ?))",
        (now, *MESSAGE_KINDS, int(allow_non_urgent))) == 1


async def claim(tx: Tx, followup_id: int, now: str, payload: dict[str, Any]) -> bool:
    """``pending -> sending``, storing what is about to be sent; False when someone else claimed it."""
    changed = await tx.execute(
        "UPDATE followups SET status = 'sending', attempts = attempts + 1, claimed_at = ?, payload = ? "
        "WHERE id = ? AND status = 'pending'", (now, _json(payload), followup_id))
    return changed == 1


async def mark_sent(tx: Tx, followup_id: int, now: str) -> bool:
    """Telegram confirmed the send. A check-in answered meanwhile keeps its 'answered'."""
    changed = await tx.execute(
        "UPDATE followups SET status = CASE WHEN status = 'sending' THEN 'sent' ELSE status END, "
        "sent_at = coalesce(sent_at, ?), last_error = NULL WHERE id = ? AND status IN ('sending', 'answered')",
        (now, followup_id))
    return changed == 1


async def mark_done(tx: Tx, followup_id: int, now: str) -> bool:
    """An action row was carried out (recorded as 'sent': its effects are new rows of their own)."""
    changed = await tx.execute(
        "UPDATE followups SET status = 'sent', sent_at = ?, claimed_at = ?, attempts = attempts + 1 "
        "WHERE id = ? AND status = 'pending'", (now, now, followup_id))
    return changed == 1


async def retry_later(tx: Tx, followup_id: int, due_at: str, error: str) -> bool:
    """``sending -> pending`` with a new due time, after an error that left the message unsent."""
    changed = await tx.execute(
        "UPDATE followups SET status = 'pending', due_at = ?, last_error = ? WHERE id = ? AND status = 'sending'",
        (due_at, error[:500], followup_id))
    return changed == 1


async def mark_failed(tx: Tx, followup_id: int, error: str) -> bool:
    """Given up on: too many errors, or the person cannot be reached (listed in the digest)."""
    changed = await tx.execute(
        "UPDATE followups SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'",
        (error[:500], followup_id))
    return changed == 1


async def count_unknown(tx: Tx, followup_id: int, error: str, limit: int) -> str | None:
    """One more send whose outcome is unknown: back to 'pending', or 'parked' at ``limit``.

    Returns the new status, or None when the row was not in 'sending' any more.
    """
    changed = await tx.execute(
        "UPDATE followups SET unknown_outcomes = unknown_outcomes + 1, last_error = ?, "
        "status = CASE WHEN unknown_outcomes + 1 >= ? THEN 'parked' ELSE 'pending' END "
        "WHERE id = ? AND status = 'sending'", (error[:500], limit, followup_id))
    if not changed:
        return None
    return await tx.fetchval("SELECT status FROM followups WHERE id = ?", (followup_id,))


async def cancel(tx: Tx, followup_id: int, reason: str) -> bool:
    """A pending row that no longer applies (the offer was answered, the placement ended)."""
    changed = await tx.execute(
        "UPDATE followups SET status = 'cancelled', last_error = ? WHERE id = ? AND status = 'pending'",
        (reason, followup_id))
    return changed == 1


async def cancel_for_placement(tx: Tx, placement_id: int, kinds: tuple[str, ...], reason: str,
                               recipient: int | None = None) -> int:
    """Cancel a placement's pending rows of ``kinds`` (only one person's, with ``recipient``)."""
    who = "" if recipient is None else " AND recipient = ?"
    return await tx.execute(
        f"UPDATE followups SET status = 'cancelled', last_error = ? WHERE placement_id = ? "
        f"AND status = 'pending' AND kind IN ({_marks(kinds)}){who}",
        (reason, placement_id, *kinds, *(() if recipient is None else (recipient,))))


async def reinstate_for_placement(tx: Tx, placement_id: int, kinds: tuple[str, ...], reason: str) -> int:
    """Rows of a placement cancelled for ``reason`` pending again (an undone end's check-ins)."""
    return await tx.execute(
        f"UPDATE followups SET status = 'pending', last_error = NULL WHERE placement_id = ? AND status = 'cancelled' "
        f"AND last_error = ? AND kind IN ({_marks(kinds)})", (placement_id, reason, *kinds))


async def recipients_sent(tx: Tx, placement_id: int, kind: str) -> list[int]:
    """Who has already been sent a placement's messages of ``kind`` (or has one in flight)."""
    rows = await tx.fetchall("SELECT DISTINCT recipient FROM followups WHERE placement_id = ? AND kind = ? "
                             "AND status IN ('sending', 'sent')", (placement_id, kind))
    return [row[0] for row in rows]


async def cancel_for_recipient(tx: Tx, recipient: int, reason: str) -> int:
    """Cancel every pending message to one person (they cannot be reached)."""
    return await tx.execute(
        f"UPDATE followups SET status = 'cancelled', last_error = ? WHERE recipient = ? "
        f"AND status = 'pending' AND kind IN ({_marks(MESSAGE_KINDS)})", (reason, recipient, *MESSAGE_KINDS))


async def sending_rows(tx: Tx, claimed_before: str | None = None,
                       excluded_ids: Collection[int] = ()) -> list[Followup]:
    """Rows left in 'sending': all of them, or those claimed before a time and not in flight here."""
    ids = tuple(excluded_ids)
    when = "" if claimed_before is None else " AND claimed_at < ?"
    rows = await tx.fetchall(
        f"SELECT {_COLUMNS} FROM followups WHERE status = 'sending'{when} AND id NOT IN ({_marks(ids)}) ORDER BY id",
        (*(() if claimed_before is None else (claimed_before,)), *ids))
    return [_followup(row) for row in rows]


async def record_answer(tx: Tx, followup_id: int, recipient: int, answer: dict[str, Any], now: str) -> bool:
    """A check-in's first answer, only by its recipient and only once it went out."""
    changed = await tx.execute(
        "UPDATE followups SET status = 'answered', answered_at = ?, answer = ? WHERE id = ? AND recipient = ? "
        "AND kind = 'checkin' AND answered_at IS NULL AND status IN ('sending', 'sent', 'parked', 'failed')",
        (now, _json(answer), followup_id, recipient))
    return changed == 1


async def add_to_answer(tx: Tx, followup_id: int, recipient: int, more: dict[str, Any]) -> dict[str, Any] | None:
    """Merge the later answers (hours, comment) into a check-in's answer; the merged answer."""
    row = await get(tx, followup_id)
    if row is None or row.recipient != recipient or row.answer is None:
        return None
    merged = {**row.answer, **more}
    await tx.execute("UPDATE followups SET answer = ? WHERE id = ?", (_json(merged), followup_id))
    return merged


async def open_kind_recipients(tx: Tx, kind: str) -> set[int]:
    """Recipients holding a pending or sending row of ``kind`` (e.g. who has a digest scheduled)."""
    rows = await tx.fetchall(
        "SELECT DISTINCT recipient FROM followups WHERE kind = ? AND status IN ('pending', 'sending')", (kind,))
    return {row[0] for row in rows}


async def cancel_kind_except(tx: Tx, kind: str, keep: Collection[int], reason: str) -> int:
    """Cancel pending rows of ``kind`` except those to ``keep`` (digests of former directors)."""
    ids = tuple(keep)
    return await tx.execute(
        f"UPDATE followups SET status = 'cancelled', last_error = ? WHERE kind = ? AND status = 'pending' "
        f"AND recipient NOT IN ({_marks(ids)})", (reason, kind, *ids))


async def answered_checkins(tx: Tx, since: str) -> list[dict[str, Any]]:
    """Check-in answers given since ``since``, newest first, with the placement and who answered."""
    rows = await tx.fetchall(
        "SELECT f.id, f.placement_id, f.recipient, f.payload, f.answer, f.answered_at, "
        "coalesce(u.display_name, CAST(f.recipient AS TEXT)) AS who, r.title FROM followups f "
        "LEFT JOIN people u ON u.id = f.recipient LEFT JOIN placements p ON p.id = f.placement_id "
        "LEFT JOIN requests r ON r.id = p.request_id "
        "WHERE f.kind = 'checkin' AND f.answered_at >= ? ORDER BY f.answered_at DESC, f.id DESC", (since,))
    return [_answer_row(row) for row in rows]


async def checkin_answers(tx: Tx, placement_ids: Collection[int]) -> dict[int, list[dict[str, Any]]]:
    """Every answered check-in of these placements, by placement, oldest first."""
    ids = tuple(placement_ids)
    rows = await tx.fetchall(
        "SELECT f.id, f.placement_id, f.recipient, f.payload, f.answer, f.answered_at, "
        "coalesce(u.display_name, CAST(f.recipient AS TEXT)) AS who, NULL AS title FROM followups f "
        "LEFT JOIN people u ON u.id = f.recipient "
        f"WHERE f.kind = 'checkin' AND f.answered_at IS NOT NULL AND f.placement_id IN ({_marks(ids)}) "
        "ORDER BY f.answered_at, f.id", ids)
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row["placement_id"], []).append(_answer_row(row))
    return found


def _answer_row(row) -> dict[str, Any]:
    payload = json.loads(row["payload"])
    return {"id": row["id"], "placement_id": row["placement_id"], "recipient": row["recipient"],
            "day": payload.get("day"), "side": payload.get("side"), "answer": json.loads(row["answer"] or "{}"),
            "answered_at": row["answered_at"], "who": row["who"], "title": row["title"]}


async def undelivered_since(tx: Tx, since: str) -> list[dict[str, Any]]:
    """Messages that failed or were parked since ``since``, for the directors' digest."""
    rows = await tx.fetchall(
        "SELECT f.id, f.kind, f.status, f.last_error, coalesce(u.display_name, CAST(f.recipient AS TEXT)) AS who "
        "FROM followups f LEFT JOIN people u ON u.id = f.recipient "
        "WHERE f.status IN ('failed', 'parked') AND coalesce(f.claimed_at, f.created_at) >= ? ORDER BY f.id",
        (since,))
    return [dict(zip(row.keys(), tuple(row), strict=True)) for row in rows]


async def requests_to_nudge(tx: Tx, quiet_since: str) -> list[dict[str, Any]]:
    """Open requests of verified NGOs with no proposal, change or nudge since ``quiet_since``."""
    rows = await tx.fetchall(
        "SELECT r.id, n.director_person_id AS director FROM requests r JOIN ngos n ON n.id = r.ngo_id "
        "WHERE r.status = 'open' AND n.status = 'verified' AND n.director_person_id IS NOT NULL "
        "AND r.updated_at <= ? "
        "AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.request_id = r.id AND p.created_at > ?) "
        "AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.request_id = r.id AND f.kind = 'request_nudge' "
        "                AND f.created_at > ?) ORDER BY r.id",
        (quiet_since, quiet_since, quiet_since))
    return [{"id": row[0], "director": row[1]} for row in rows]
