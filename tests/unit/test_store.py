"""The store on real SQLite files: migrations, constraints, transactions and online backup."""

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.store import (
    BackupError,
    Database,
    DatabaseTooNew,
    MigrationError,
    backup_database,
    migrate,
    open_database,
)
from bot.store.members import MemberKind
from bot.store.migrations import Migration, current_version, discover

NOW = "2026-11-28T09:00:00Z"


@pytest.fixture
async def db(tmp_path):
    database = await open_database(tmp_path / "test.sqlite3")
    yield database
    await database.close()


async def add_user(db: Database, telegram_id: int = 1) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO people (id, created_at, updated_at) VALUES (?, ?, ?)",
            (telegram_id, NOW, NOW),
        )


async def test_migrations_from_empty_reach_the_newest_version(tmp_path):
    database = await Database.open(tmp_path / "fresh.sqlite3")
    try:
        applied = await migrate(database)
        assert applied == [m.version for m in discover()]
        assert await current_version(database) == discover()[-1].version
        tables = {row[0] for row in await database.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"people", "accounts", "workers", "ngos", "requests", "placements", "followups", "drafts",
                "audit_log"} <= tables
    finally:
        await database.close()


async def test_re_running_migrations_is_a_no_op(db):
    assert await migrate(db) == []


async def test_the_connection_uses_wal_full_sync_and_foreign_keys(db):
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA synchronous") == 2  # FULL
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    assert await db.fetchval("PRAGMA busy_timeout") == 5000


async def test_a_failing_migration_leaves_the_previous_version_intact(tmp_path):
    database = await open_database(tmp_path / "t.sqlite3")
    try:
        known = discover()
        broken = Migration(
            len(known) + 1, "broken",
            "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);",
        )
        with pytest.raises(MigrationError, match="stays at version"):
            await migrate(database, (*known, broken))
        assert await current_version(database) == len(known)
        tables = {row[0] for row in await database.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "half_done" not in tables
        await add_user(database)  # the connection is usable after the failure
    finally:
        await database.close()


async def test_a_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="Upgrade matchbot"):
        database = await open_database(path)
        await database.close()
    assert path.read_bytes() == before


async def test_check_constraints_reject_unknown_enum_values(db):
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO people (id, language, created_at, updated_at) "
                "VALUES (1, 'fr', ?, ?)", (NOW, NOW))
    assert await db.fetchval("SELECT count(*) FROM people") == 0


async def test_foreign_keys_reject_a_request_of_a_missing_ngo(db):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO requests (ngo_id, title, field, district, hours_per_week, headcount, "
                "start_date, duration_weeks, created_at, updated_at) "
                "VALUES (42, 't', 'elderly', 'shizhong', 4, 1, '2026-12-01', 4, ?, ?)", (NOW, NOW))


async def test_only_one_live_placement_per_request_and_worker(db):
    async with db.transaction() as tx:
        ngo = await tx.insert(
            "INSERT INTO ngos (name, registration, district, director_name, director_phone, "
            "created_at, updated_at) VALUES ('n', 'not_yet', 'shizhong', 'd', '1', ?, ?)", (NOW, NOW))
        request = await tx.insert(
            "INSERT INTO requests (ngo_id, title, field, district, hours_per_week, headcount, "
            "start_date, duration_weeks, created_at, updated_at) "
            "VALUES (?, 't', 'elderly', 'shizhong', 4, 1, '2026-12-01', 4, ?, ?)", (ngo, NOW, NOW))
        worker = await tx.insert(
            "INSERT INTO workers (name, phone, district, hours_per_week, created_at, updated_at) "
            "VALUES ('w', '1', 'shizhong', 10, ?, ?)", (NOW, NOW))
    insert = ("INSERT INTO placements (request_id, worker_id, status, score, created_at, updated_at) "
              "VALUES (?, ?, ?, 0.5, ?, ?)")
    async with db.transaction() as tx:
        await tx.execute(insert, (request, worker, "declined", NOW, NOW))
        await tx.execute(insert, (request, worker, "proposed", NOW, NOW))
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        async with db.transaction() as tx:
            await tx.execute(insert, (request, worker, "offered", NOW, NOW))


async def test_an_error_inside_a_transaction_rolls_all_of_it_back(db):
    with pytest.raises(RuntimeError, match="boom"):
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO people (id, created_at, updated_at) VALUES (7, ?, ?)", (NOW, NOW))
            raise RuntimeError("boom")
    assert await db.fetchval("SELECT count(*) FROM people") == 0


async def test_a_cancelled_transaction_is_rolled_back(db):
    entered = asyncio.Event()

    async def slow_writer():
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO people (id, created_at, updated_at) VALUES (8, ?, ?)", (NOW, NOW))
            entered.set()
            await asyncio.Event().wait()  # never finishes on its own

    task = asyncio.create_task(slow_writer())
    await asyncio.wait_for(entered.wait(), timeout=5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await db.fetchval("SELECT count(*) FROM people") == 0
    await add_user(db, 9)
    assert await db.fetchval("SELECT count(*) FROM people") == 1


async def test_concurrent_transactions_are_serialised(db):
    async def bump(n: int):
        async with db.transaction() as tx:
            count = await tx.fetchval("SELECT count(*) FROM people")
            await asyncio.sleep(0)  # yield to the other writers mid-transaction
            await tx.execute(
                "INSERT INTO people (id, display_name, created_at, updated_at) "
                "VALUES (?, ?, ?, ?)", (n, str(count), NOW, NOW))

    await asyncio.gather(*(bump(n) for n in range(20)))
    seen = sorted(int(row[0]) for row in await db.fetchall("SELECT display_name FROM people"))
    assert seen == list(range(20))  # each writer saw all earlier commits and nothing half-done


def dump(path: Path) -> tuple[list[str], list[str]]:
    """The rows in order, and the schema's statements sorted: ``VACUUM INTO`` writes indexes
    before triggers, so a migration's new index may come back in another place."""
    with sqlite3.connect(path) as conn:
        lines = list(conn.iterdump())
    return [line for line in lines if line.startswith("INSERT")], sorted(
        line for line in lines if not line.startswith("INSERT"))


async def test_backup_while_a_writer_is_active_is_a_consistent_verified_copy(db, tmp_path):
    stop = threading.Event()
    written = []

    def writer():
        conn = sqlite3.connect(db.path, timeout=10, isolation_level=None)
        n = 1000
        while not stop.is_set():
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO people (id, created_at, updated_at) VALUES (?, ?, ?)",
                         (n, NOW, NOW))
            conn.execute("COMMIT")
            written.append(n)
            n += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 50:
            await asyncio.sleep(0.01)
        copy = tmp_path / "copy.sqlite3"
        version = await asyncio.to_thread(backup_database, db.path, copy)
    finally:
        stop.set()
        thread.join()
    assert version == discover()[-1].version
    with sqlite3.connect(copy) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM people ORDER BY 1")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert ids == list(range(1000, 1000 + len(ids)))  # a prefix: one consistent moment
    assert len(ids) >= 50

    # With the writer stopped, a backup restores to a database identical to the source.
    final = tmp_path / "final.sqlite3"
    backup_database(db.path, final)
    assert dump(final) == dump(db.path)


def test_backup_of_a_missing_database_fails_clearly(tmp_path):
    with pytest.raises(BackupError, match="no database file"):
        backup_database(tmp_path / "absent.sqlite3", tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()


async def test_the_matching_version_moves_for_verified_workers_only(db):
    from bot.store import members, placements

    profile = {"name": "王芳", "phone": "+8613912340000", "district": "shizhong", "skills_text": "心理咨询",
               "skills": ["psychological_counselling"], "fields": ["mental_health"], "languages": ["mandarin"],
               "certification": "social_worker", "years_experience": 4, "hours_per_week": 10,
               "max_placements": 1, "remote_ok": 0, "introduction": ""}

    async def version() -> int:
        async with db.transaction() as tx:
            return await placements.matching_version(tx)

    async def write(sql: str, *params) -> None:
        async with db.transaction() as tx:
            await tx.execute(sql, params)

    await add_user(db)
    start = await version()
    async with db.transaction() as tx:  # a new profile waits for verification: nothing to rematch
        worker_id = await members.insert_member(tx, MemberKind.WORKER, 1, profile, NOW)
    await write("UPDATE workers SET hours_per_week = 12 WHERE id = ?", worker_id)
    assert await version() == start
    await write("UPDATE workers SET status = 'verified' WHERE id = ?", worker_id)
    assert await version() == start + 1
    await write("UPDATE workers SET hours_per_week = 14 WHERE id = ?", worker_id)
    assert await version() == start + 2
    await write("UPDATE workers SET status = 'paused' WHERE id = ?", worker_id)
    assert await version() == start + 3
