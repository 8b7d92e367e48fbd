"""SQL of ``people`` and ``accounts``: everyone who has written to the bot, and where from.

A person has an id of their own; each channel account they write from (a Telegram user today)
points at it. People who were users before accounts existed kept their Telegram id as their id.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.database import Tx

TELEGRAM = "telegram"


@dataclass(frozen=True)
class User:
    person_id: int
    display_name: str
    username: str | None
    language: str
    role: str | None
    reachable: bool


_COLUMNS = "id, display_name, username, language, role, reachable"


def _user(row) -> User:
    return User(row[0], row[1], row[2], row[3], row[4], bool(row[5]))


async def person_of_account(tx: Tx, channel: str, external_id: int) -> int | None:
    """The person an account belongs to, if the bot has met it."""
    return await tx.fetchval("SELECT person_id FROM accounts WHERE channel = ? AND external_id = ?",
                             (channel, external_id))


async def first_account(tx: Tx, person_id: int) -> int | None:
    """The id of one of the person's accounts, whatever the channel (to name someone nameless)."""
    return await tx.fetchval("SELECT external_id FROM accounts WHERE person_id = ? ORDER BY channel, external_id "
                             "LIMIT 1", (person_id,))


async def account_of(tx: Tx, channel: str, person_id: int) -> int | None:
    """The person's account on ``channel`` (their Telegram id), if they have one."""
    return await tx.fetchval("SELECT external_id FROM accounts WHERE channel = ? AND person_id = ? "
                             "ORDER BY external_id LIMIT 1", (channel, person_id))


async def ensure_account(tx: Tx, channel: str, external_id: int, language: str, now: str) -> int:
    """The person behind an account; a new person (no name yet, ``language``) on first contact.
    Person ids are never reused (``person_ids``' sequence remembers the highest given), nor taken
    from the account."""
    person_id = await person_of_account(tx, channel, external_id)
    if person_id is None:
        person_id = await tx.insert(
            "INSERT INTO person_ids (id) SELECT max(coalesce((SELECT max(id) FROM people), 0), "
            "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'person_ids'), 0)) + 1")
        await tx.execute("DELETE FROM person_ids")  # the sequence remembers the highest id given
        await tx.execute("INSERT INTO people (id, language, created_at, updated_at) VALUES (?, ?, ?, ?)",
                         (person_id, language, now, now))
        await tx.execute("INSERT INTO accounts (channel, external_id, person_id) VALUES (?, ?, ?)",
                         (channel, external_id, person_id))
    return person_id


async def touch_account(tx: Tx, channel: str, external_id: int, display_name: str, username: str | None,
                        language: str, now: str) -> User:
    """The person behind an account: a new person (with ``language``) and account on first contact,
    else the known one with their name refreshed. A known person keeps the language they chose
    (one made ahead of their first message, a configured director, takes their app's language
    then); writing to the bot marks them reachable again."""
    person_id = await ensure_account(tx, channel, external_id, language, now)
    await tx.execute(
        "UPDATE people SET language = CASE WHEN display_name = '' AND created_at = updated_at THEN ? "
        "ELSE language END, display_name = ?, username = ?, reachable = 1, updated_at = ? WHERE id = ?",
        (language, display_name, username, now, person_id))
    found = await get_user(tx, person_id)
    assert found is not None
    return found


async def get_user(tx: Tx, person_id: int) -> User | None:
    row = await tx.fetchone(f"SELECT {_COLUMNS} FROM people WHERE id = ?", (person_id,))
    return None if row is None else _user(row)


async def set_language(tx: Tx, person_id: int, language: str, now: str) -> None:
    await tx.execute("UPDATE people SET language = ?, updated_at = ? WHERE id = ?",
                     (language, now, person_id))


async def set_role(tx: Tx, person_id: int, role: str, now: str) -> None:
    await tx.execute("UPDATE people SET role = ?, updated_at = ? WHERE id = ?",
                     (role, now, person_id))


async def set_reachable(tx: Tx, person_id: int, reachable: bool, now: str) -> int:
    return await tx.execute(
        "UPDATE people SET reachable = ?, updated_at = ? WHERE id = ? AND reachable <> ?",
        (int(reachable), now, person_id, int(reachable)))


async def highest_account_from(tx: Tx, channel: str, first_id: int) -> int | None:
    """The highest account id on ``channel`` at or above ``first_id`` the bot has met, if any."""
    return await tx.fetchval("SELECT max(external_id) FROM accounts WHERE channel = ? AND external_id >= ?",
                             (channel, first_id))


async def languages_of(tx: Tx, person_ids: tuple[int, ...], default: str) -> dict[int, str]:
    """Each person's chosen language; ``default`` for someone who never wrote to the bot."""
    marks = ", ".join("?" * len(person_ids))
    rows = await tx.fetchall(
        f"SELECT id, language FROM people WHERE id IN ({marks})", person_ids)
    known = {row[0]: row[1] for row in rows}
    return {pid: known.get(pid, default) for pid in person_ids}
