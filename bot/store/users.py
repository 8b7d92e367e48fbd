"""SQL of the ``users`` table: everyone who has written to the bot."""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.database import Tx


@dataclass(frozen=True)
class User:
    telegram_id: int
    display_name: str
    username: str | None
    language: str
    role: str | None
    reachable: bool


_COLUMNS = "telegram_id, display_name, username, language, role, reachable"


def _user(row) -> User:
    return User(row[0], row[1], row[2], row[3], row[4], bool(row[5]))


async def touch_user(tx: Tx, telegram_id: int, display_name: str, username: str | None,
                     language: str, now: str) -> User:
    """Insert a new user (with ``language``) or refresh the name of a known one; return the row.

    A known user keeps the language they chose; writing to the bot marks them reachable again.
    """
    await tx.execute(
        "INSERT INTO users (telegram_id, display_name, username, language, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (telegram_id) DO UPDATE SET display_name = excluded.display_name, "
        "username = excluded.username, reachable = 1, updated_at = excluded.updated_at",
        (telegram_id, display_name, username, language, now, now),
    )
    found = await get_user(tx, telegram_id)
    assert found is not None
    return found


async def get_user(tx: Tx, telegram_id: int) -> User | None:
    row = await tx.fetchone(f"SELECT {_COLUMNS} FROM users WHERE telegram_id = ?", (telegram_id,))
    return None if row is None else _user(row)


async def set_language(tx: Tx, telegram_id: int, language: str, now: str) -> None:
    await tx.execute("UPDATE users SET language = ?, updated_at = ? WHERE telegram_id = ?",
                     (language, now, telegram_id))


async def set_role(tx: Tx, telegram_id: int, role: str, now: str) -> None:
    await tx.execute("UPDATE users SET role = ?, updated_at = ? WHERE telegram_id = ?",
                     (role, now, telegram_id))


async def set_reachable(tx: Tx, telegram_id: int, reachable: bool, now: str) -> int:
    return await tx.execute(
        "UPDATE users SET reachable = ?, updated_at = ? WHERE telegram_id = ? AND reachable <> ?",
        (int(reachable), now, telegram_id, int(reachable)))


async def highest_id_from(tx: Tx, first_id: int) -> int | None:
    """The highest Telegram id at or above ``first_id`` the bot has met, if any."""
    return await tx.fetchval("SELECT max(telegram_id) FROM users WHERE telegram_id >= ?", (first_id,))


async def languages_of(tx: Tx, telegram_ids: tuple[int, ...], default: str) -> dict[int, str]:
    """Each person's chosen language; ``default`` for someone who never wrote to the bot."""
    marks = ", ".join("?" * len(telegram_ids))
    rows = await tx.fetchall(
        f"SELECT telegram_id, language FROM users WHERE telegram_id IN ({marks})", telegram_ids)
    known = {row[0]: row[1] for row in rows}
    return {tid: known.get(tid, default) for tid in telegram_ids}
