"""SQL of ``invites``: one-time links that tie a Telegram account to an imported worker profile.

Only the SHA-256 of a code is stored. Redeeming is ``UPDATE ... WHERE used_at IS NULL AND
revoked_at IS NULL AND expires_at > now`` and a look at the row count, so a link works once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.store.database import Tx


@dataclass(frozen=True)
class Invite:
    id: int
    worker_id: int
    expires_at: str
    used_at: str | None
    revoked_at: str | None


@dataclass(frozen=True)
class Invitee:
    """An imported worker nobody has linked a Telegram account to yet."""

    worker_id: int
    name: str
    roster_key: str | None


async def insert_invite(tx: Tx, worker_id: int, code_hash: str, created_by: int | None, now: str,
                        expires_at: str) -> int:
    """A new invite for the worker; any older unused one stops working (one live link per worker)."""
    await tx.execute(
        "UPDATE invites SET revoked_at = ? WHERE worker_id = ? AND used_at IS NULL AND revoked_at IS NULL",
        (now, worker_id))
    return await tx.insert(
        "INSERT INTO invites (worker_id, code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        (worker_id, code_hash, created_by, now, expires_at))


async def insert_invites(tx: Tx, hashes: Sequence[tuple[int, str]], created_by: int | None, now: str,
                         expires_at: str) -> list[tuple[int, int]]:
    """:func:`insert_invite` for many workers at once: (worker id, code hash) in, (invite id, worker id) out."""
    await tx.executemany(
        "UPDATE invites SET revoked_at = ? WHERE worker_id = ? AND used_at IS NULL AND revoked_at IS NULL",
        [(now, worker_id) for worker_id, _ in hashes])
    before = await tx.fetchval("SELECT coalesce(max(id), 0) FROM invites")  # the write lock is ours
    await tx.executemany(
        "INSERT INTO invites (worker_id, code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        [(worker_id, code_hash, created_by, now, expires_at) for worker_id, code_hash in hashes])
    return [(row[0], row[1]) for row in
            await tx.fetchall("SELECT id, worker_id FROM invites WHERE id > ? ORDER BY id", (before,))]


async def invite_by_hash(tx: Tx, code_hash: str) -> Invite | None:
    row = await tx.fetchone(
        "SELECT id, worker_id, expires_at, used_at, revoked_at FROM invites WHERE code_hash = ?", (code_hash,))
    return None if row is None else Invite(*row)


async def use_invite(tx: Tx, invite_id: int, person_id: int, now: str) -> bool:
    """Mark the invite used by this person, only if it is still unused, not revoked, not expired."""
    changed = await tx.execute(
        "UPDATE invites SET used_at = ?, used_by = ? "
        "WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?",
        (now, person_id, invite_id, now))
    return changed == 1


async def link_worker(tx: Tx, worker_id: int, person_id: int, now: str) -> bool:
    """Give the imported profile its Telegram account, only if it has none yet."""
    changed = await tx.execute(
        "UPDATE workers SET person_id = ?, updated_at = ? WHERE id = ? AND person_id IS NULL",
        (person_id, now, worker_id))
    return changed == 1


async def live_invite_expiry(tx: Tx, worker_id: int, now: str) -> str | None:
    """When the worker's working link expires; None when there is none."""
    return await tx.fetchval(
        "SELECT max(expires_at) FROM invites "
        "WHERE worker_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", (worker_id, now))


async def invitee(tx: Tx, worker_id: int) -> Invitee | None:
    row = await tx.fetchone(
        "SELECT id, name, roster_key FROM workers WHERE id = ? AND person_id IS NULL AND status = 'verified'",
        (worker_id,))
    return None if row is None else Invitee(*row)


async def invitee_by_roster_key(tx: Tx, roster_key: str) -> Invitee | None:
    row = await tx.fetchone(
        "SELECT id, name, roster_key FROM workers "
        "WHERE roster_key = ? AND person_id IS NULL AND status = 'verified'", (roster_key,))
    return None if row is None else Invitee(*row)


async def invitees(tx: Tx, limit: int) -> list[Invitee]:
    """Imported, verified workers without a Telegram account, oldest first."""
    rows = await tx.fetchall(
        "SELECT id, name, roster_key FROM workers "
        "WHERE person_id IS NULL AND roster_key IS NOT NULL AND status = 'verified' ORDER BY id LIMIT ?",
        (limit,))
    return [Invitee(*row) for row in rows]
