"""Migration 0009: people get ids of their own and Telegram accounts point at them. A database
built at 0008 with rows in every table keeps every row, and every reference still names the
same person; people met afterwards get fresh ids, never one already given."""

from __future__ import annotations

import sqlite3

from bot.store import Database, users
from bot.store.migrations import discover, migrate

NOW = "2026-11-28T09:00:00Z"
WANG, SUN, DIRECTOR = 5550001234, 5550005678, 9001


def _at_0008(conn: sqlite3.Connection) -> None:
    """One row (or more) in every table of the schema at 0008, all pointing at the people."""
    people = ((WANG, "Wang", "worker"), (SUN, "Sun", "ngo"), (DIRECTOR, "Director", None))
    for telegram_id, name, role in people:
        conn.execute("INSERT INTO users (telegram_id, display_name, role, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?)", (telegram_id, name, role, NOW, NOW))
    conn.execute("INSERT INTO workers (id, telegram_id, name, phone, district, hours_per_week, status, "
                 "created_at, updated_at) VALUES (1, ?, '王芳', '+8613900000000', 'lixia', 10, 'verified', ?, ?)",
                 (WANG, NOW, NOW))
    conn.execute("INSERT INTO ngos (id, director_telegram_id, name, registration, district, director_name, "
                 "director_phone, status, created_at, updated_at) "
                 "VALUES (1, ?, '阳光', 'not_yet', 'lixia', '孙', '+8653100000000', 'verified', ?, ?)",
                 (SUN, NOW, NOW))
    conn.execute("INSERT INTO requests (id, ngo_id, title, field, district, hours_per_week, headcount, "
                 "start_date, duration_weeks, created_at, updated_at) "
                 "VALUES (1, 1, 't', 'youth', 'lixia', 4, 1, '2026-12-01', 4, ?, ?)", (NOW, NOW))
    conn.execute("INSERT INTO placements (id, request_id, worker_id, status, score, decided_by, decided_at, "
                 "created_at, updated_at) VALUES (1, 1, 1, 'offered', 0.9, ?, ?, ?, ?)", (DIRECTOR, NOW, NOW, NOW))
    conn.execute("INSERT INTO followups (id, kind, recipient, placement_id, due_at, created_at) "
                 "VALUES (1, 'offer_reminder', ?, 1, ?, ?)", (WANG, NOW, NOW))
    conn.execute("INSERT INTO drafts (telegram_id, form, updated_at) VALUES (?, 'worker_profile', ?)", (SUN, NOW))
    conn.execute("INSERT INTO audit_log (id, actor, action, entity, entity_id, at) "
                 "VALUES (1, ?, 'approved', 'placement', 1, ?)", (DIRECTOR, NOW))
    conn.execute("INSERT INTO invites (id, worker_id, code_hash, created_by, created_at, expires_at, used_at, "
                 "used_by) VALUES (1, 1, ?, ?, ?, ?, ?, ?)", ("a" * 64, DIRECTOR, NOW, NOW, NOW, WANG))
    conn.execute("INSERT INTO deletion_requests (telegram_id, nonce, asked_at) VALUES (?, 'n', ?)", (WANG, NOW))
    conn.execute("INSERT INTO broadcasts (id, director, audience, text_zh, created_at) "
                 "VALUES (1, ?, 'workers', '通知', ?)", (DIRECTOR, NOW))


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    return [tuple(row) for row in conn.execute(sql).fetchall()]


async def _database_at_0008(path) -> None:
    db = await Database.open(path)
    try:
        assert await migrate(db, discover()[:8]) == list(range(1, 9))
    finally:
        await db.close()
    with sqlite3.connect(path) as conn:
        _at_0008(conn)


async def _migrate(path) -> None:
    db = await Database.open(path)
    try:
        assert await migrate(db) == [9]
    finally:
        await db.close()


async def test_every_row_is_kept_and_every_reference_names_the_same_person(tmp_path):
    path = tmp_path / "at-0008.sqlite3"
    await _database_at_0008(path)
    with sqlite3.connect(path) as conn:
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                               "AND name NOT LIKE 'sqlite_%'")}
        version_before = conn.execute("SELECT version FROM matching_inputs").fetchone()[0]
    await _migrate(path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        renamed = {"users": "people"}
        for table, count in counts.items():
            assert conn.execute(f"SELECT count(*) FROM {renamed.get(table, table)}").fetchone()[0] == count, table
        assert _rows(conn, "SELECT id, display_name, role FROM people ORDER BY id") == [
            (DIRECTOR, "Director", None), (WANG, "Wang", "worker"), (SUN, "Sun", "ngo")]
        assert _rows(conn, "SELECT channel, external_id, person_id FROM accounts ORDER BY external_id") == [
            ("telegram", DIRECTOR, DIRECTOR), ("telegram", WANG, WANG), ("telegram", SUN, SUN)]
        assert _rows(conn, "SELECT person_id FROM workers") == [(WANG,)]
        assert _rows(conn, "SELECT director_person_id FROM ngos") == [(SUN,)]
        assert _rows(conn, "SELECT person_id FROM drafts") == [(SUN,)]
        assert _rows(conn, "SELECT person_id FROM deletion_requests") == [(WANG,)]
        assert _rows(conn, "SELECT recipient FROM followups") == [(WANG,)]
        assert _rows(conn, "SELECT actor FROM audit_log") == [(DIRECTOR,)]
        assert _rows(conn, "SELECT decided_by FROM placements") == [(DIRECTOR,)]
        assert _rows(conn, "SELECT created_by, used_by FROM invites") == [(DIRECTOR, WANG)]
        assert _rows(conn, "SELECT director FROM broadcasts") == [(DIRECTOR,)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The foreign keys follow the renamed table: deleting a person clears their profile link.
        conn.execute("DELETE FROM people WHERE id = ?", (SUN,))
        assert _rows(conn, "SELECT director_person_id FROM ngos") == [(None,)]
        assert _rows(conn, "SELECT count(*) FROM drafts") == [(0,)]
        assert conn.execute("SELECT count(*) FROM accounts WHERE person_id = ?", (SUN,)).fetchone() == (0,)
        # The matcher's triggers (0004, 0008) still fire on the renamed tables.
        conn.execute("UPDATE workers SET district = 'shizhong' WHERE id = 1")
        assert conn.execute("SELECT version FROM matching_inputs").fetchone()[0] > version_before


async def test_people_met_after_the_migration_get_fresh_ids_never_given_before(tmp_path):
    path = tmp_path / "at-0008.sqlite3"
    await _database_at_0008(path)
    await _migrate(path)
    db = await Database.open(path)
    try:
        async with db.transaction() as tx:
            known = await users.touch_account(tx, users.TELEGRAM, WANG, "Wang Fang", None, "en", NOW)
            new = await users.touch_account(tx, users.TELEGRAM, 42, "Newcomer", None, "en", NOW)
        assert known.person_id == WANG and known.language == "zh"  # kept their id and their language
        assert new.person_id == SUN + 1 and new.language == "en"   # above every id given so far
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM people WHERE id = ?", (new.person_id,))
            again = await users.touch_account(tx, users.TELEGRAM, 43, "Later", None, "en", NOW)
        assert again.person_id == SUN + 2  # a forgotten person's id is not given to someone else
        assert await db.fetchval("SELECT count(*) FROM accounts WHERE external_id = 42") == 0
    finally:
        await db.close()
