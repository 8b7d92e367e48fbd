"""SQL of a person's own data: everything stored about them (/mydata) and forgetting them (/deleteme).

Forgetting keeps the placements a person took part in, for the association's statistics, but
removes who they were: the profile keeps only coarse, non-identifying facts (district, skills,
hours), and every text they or others typed about them is cleared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.store import redaction
from bot.store.database import Tx
from bot.store.placements import LIVE

DELETED = "[deleted]"
_UNSENT = ("pending", "sending", "parked")
_JSON = {"skills", "fields", "languages", "reasons", "answers", "state", "payload"}


@dataclass(frozen=True)
class Profiles:
    worker_id: int | None
    ngo_id: int | None


@dataclass(frozen=True)
class OtherSide:
    """Someone whose live placement with the forgotten person ends."""

    placement_id: int
    status: str
    request_id: int
    title: str
    person_id: int | None
    language: str


def _dicts(rows) -> list[dict[str, Any]]:
    return [{k: json.loads(row[k]) if k in _JSON and isinstance(row[k], str) else row[k]
             for k in row.keys()} for row in rows]  # noqa: SIM118 (sqlite3.Row is no dict)


async def profiles_of(tx: Tx, person_id: int) -> Profiles:
    worker = await tx.fetchval("SELECT id FROM workers WHERE person_id = ?", (person_id,))
    ngo = await tx.fetchval("SELECT id FROM ngos WHERE director_person_id = ?", (person_id,))
    return Profiles(worker, ngo)


def _their_placements(profiles: Profiles) -> tuple[str, tuple[int, int]]:
    """A WHERE clause (on placements p) for the placements of their worker profile or NGO."""
    return ("(p.worker_id = ? OR p.request_id IN (SELECT id FROM requests WHERE ngo_id = ?))",
            (profiles.worker_id or -1, profiles.ngo_id or -1))


async def personal_rows(tx: Tx, person_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row about the person, without other people's names, phones or ids."""
    profiles = await profiles_of(tx, person_id)
    where, ids = _their_placements(profiles)
    queries: dict[str, tuple[str, tuple]] = {
        "user": ("SELECT * FROM people WHERE id = ?", (person_id,)),
        "accounts": ("SELECT channel, external_id FROM accounts WHERE person_id = ? ORDER BY channel", (person_id,)),
        "worker_profile": ("SELECT * FROM workers WHERE person_id = ?", (person_id,)),
        "ngo_profile": ("SELECT * FROM ngos WHERE director_person_id = ?", (person_id,)),
        "requests": ("SELECT * FROM requests WHERE ngo_id = ? ORDER BY id", (profiles.ngo_id or -1,)),
        "placements": (
            "SELECT p.id, p.request_id, r.title AS request_title, p.status, p.score, p.reasons, "
            "p.worker_answer, p.ngo_answer, p.created_at, p.decided_at, "
            f"p.offered_at, p.started_at, p.ended_at, p.end_reason FROM placements p "
            f"JOIN requests r ON r.id = p.request_id WHERE {where} ORDER BY p.id", ids),
        "messages_scheduled": (
            "SELECT id, kind, placement_id, request_id, due_at, status, sent_at, answered_at, answer "
            "FROM followups WHERE recipient = ? ORDER BY id", (person_id,)),
        "forms_in_progress": ("SELECT form, answers, updated_at FROM drafts WHERE person_id = ?", (person_id,)),
        "invites": ("SELECT created_at, expires_at, used_at FROM invites WHERE worker_id = ? OR used_by = ?",
                    (profiles.worker_id or -1, person_id)),
        "history": (
            "SELECT action, entity, entity_id, old_state, new_state, detail, at, actor = ? AS by_you "
            "FROM audit_log WHERE action <> 'noted' AND (actor = ? OR (entity = 'worker' AND entity_id = ?) "
            "OR (entity = 'ngo' AND entity_id = ?)) ORDER BY id",  # directors' internal notes stay internal
            (person_id, person_id, profiles.worker_id or -1, profiles.ngo_id or -1)),
    }
    return {name: _dicts(await tx.fetchall(sql, params)) for name, (sql, params) in queries.items()}


async def live_placements_of(tx: Tx, person_id: int, profiles: Profiles) -> list[OtherSide]:
    """Their placements still under way, each with the other side to tell."""
    where, ids = _their_placements(profiles)
    marks = ", ".join("?" * len(LIVE))
    rows = await tx.fetchall(
        "SELECT p.id, p.status, p.request_id, r.title, "
        "CASE WHEN w.person_id = ? THEN n.director_person_id ELSE w.person_id END AS other, "
        "coalesce(u.language, 'zh') FROM placements p JOIN requests r ON r.id = p.request_id "
        "JOIN ngos n ON n.id = r.ngo_id JOIN workers w ON w.id = p.worker_id "
        "LEFT JOIN people u ON u.id = "
        "(CASE WHEN w.person_id = ? THEN n.director_person_id ELSE w.person_id END) "
        f"WHERE {where} AND p.status IN ({marks}) ORDER BY p.id",
        (person_id, person_id, *ids, *LIVE))
    return [OtherSide(*row) for row in rows]


async def end_placement(tx: Tx, placement_id: int, from_status: str, now: str) -> bool:
    """A live placement ends because one side left: a proposal is withdrawn, the rest cancelled."""
    to_status = "withdrawn" if from_status == "proposed" else "cancelled"
    ended = "ended_at = ?, " if from_status == "active" else ""
    params = (to_status, *((now,) if ended else ()), now, placement_id, from_status)
    changed = await tx.execute(
        f"UPDATE placements SET status = ?, {ended}end_reason = 'member_deleted', updated_at = ? "
        "WHERE id = ? AND status = ?", params)
    return changed == 1


async def forget_person(tx: Tx, person_id: int, profiles: Profiles, now: str) -> None:
    """Cancel what is due to them and clear every trace of who they were (placements stay).

    A scheduled message keeps its side and day (statistics) but loses its pre-rendered text, which
    names people; their check-in answers keep the rating and hours but lose the comment. Last,
    every copy of who they were left anywhere else (messages to others, others' comments) is redacted.
    """
    identity = await redaction.identity_of(tx, person_id, profiles.worker_id, profiles.ngo_id)
    where, ids = _their_placements(profiles)
    their_placements = f"SELECT p.id FROM placements p WHERE {where}"
    marks = ", ".join("?" * len(_UNSENT))
    await tx.execute(
        f"UPDATE followups SET status = 'cancelled' WHERE status IN ({marks}) AND "
        f"(recipient = ? OR placement_id IN ({their_placements}) "
        "OR request_id IN (SELECT id FROM requests WHERE ngo_id = ?))",
        (*_UNSENT, person_id, *ids, profiles.ngo_id or -1))
    await tx.execute(
        "UPDATE followups SET payload = json_remove(payload, '$.message'), "
        "recipient = CASE WHEN recipient = ? THEN 0 ELSE recipient END, "
        "answer = CASE WHEN recipient = ? AND json_valid(answer) AND json_type(answer) = 'object' "
        "THEN json_remove(answer, '$.comment') ELSE answer END "
        f"WHERE recipient = ? OR placement_id IN ({their_placements})",
        (person_id, person_id, person_id, *ids))
    await tx.execute(
        "UPDATE placements SET reject_note = NULL, "
        "end_reason = CASE WHEN end_reason = 'member_deleted' THEN end_reason END "
        f"WHERE id IN ({their_placements})", ids)
    await tx.execute(
        f"UPDATE audit_log SET detail = NULL WHERE entity = 'placement' AND entity_id IN ({their_placements})", ids)
    await _forget_profiles(tx, profiles, now)
    await tx.execute("UPDATE audit_log SET actor = NULL WHERE actor = ?", (person_id,))
    await tx.execute("DELETE FROM invites WHERE used_by = ?", (person_id,))
    await tx.execute("DELETE FROM people WHERE id = ?", (person_id,))
    await redaction.redact_everywhere(tx, identity)


async def _forget_profiles(tx: Tx, profiles: Profiles, now: str) -> None:
    if profiles.worker_id is not None:
        await tx.execute(
            "UPDATE workers SET person_id = NULL, name = ?, phone = '', skills_text = '', introduction = '', "
            "roster_key = NULL, status = 'paused', status_reason = NULL, updated_at = ? WHERE id = ?",
            (DELETED, now, profiles.worker_id))
        await tx.execute("DELETE FROM invites WHERE worker_id = ?", (profiles.worker_id,))
        await tx.execute("UPDATE audit_log SET detail = NULL WHERE entity = 'worker' AND entity_id = ?",
                         (profiles.worker_id,))
    if profiles.ngo_id is not None:
        await tx.execute(
            "UPDATE ngos SET director_person_id = NULL, name = ?, director_name = ?, director_phone = '', "
            "registration = 'not_yet', registration_number = NULL, status = 'paused', status_reason = NULL, "
            "updated_at = ? WHERE id = ?", (DELETED, DELETED, now, profiles.ngo_id))
        await tx.execute(
            "UPDATE requests SET description = '', status = CASE WHEN status = 'open' THEN 'closed' ELSE status END, "
            "updated_at = ? WHERE ngo_id = ?", (now, profiles.ngo_id))
        await tx.execute("UPDATE audit_log SET detail = NULL WHERE entity = 'ngo' AND entity_id = ?",
                         (profiles.ngo_id,))


async def ask_deletion(tx: Tx, person_id: int, nonce: str, now: str) -> None:
    await tx.execute(
        "INSERT INTO deletion_requests (person_id, nonce, asked_at) VALUES (?, ?, ?) "
        "ON CONFLICT (person_id) DO UPDATE SET nonce = excluded.nonce, asked_at = excluded.asked_at",
        (person_id, nonce, now))


async def take_deletion_request(tx: Tx, person_id: int, nonce: str, asked_after: str) -> bool:
    """Consume the pending confirmation if the button's nonce is the newest and not too old."""
    changed = await tx.execute(
        "DELETE FROM deletion_requests WHERE person_id = ? AND nonce = ? AND asked_at > ?",
        (person_id, nonce, asked_after))
    return changed == 1


async def drop_deletion_request(tx: Tx, person_id: int) -> bool:
    return await tx.execute("DELETE FROM deletion_requests WHERE person_id = ?", (person_id,)) == 1
