"""Every SQL statement of the project: the connection, migrations, backup and one module per table."""

from pathlib import Path

from bot.store.backup import BackupError, BackupStopped, backup_database
from bot.store.database import Database, DatabaseError, DatabaseTooNew, Tx
from bot.store.migrations import MigrationError, discover, migrate

__all__ = [
    "BackupError",
    "BackupStopped",
    "Database",
    "DatabaseError",
    "DatabaseTooNew",
    "MigrationError",
    "Tx",
    "backup_database",
    "migrate",
    "open_and_migrate",
    "open_database",
]


async def open_database(path: Path, *, busy_timeout_ms: int = 5000) -> Database:
    """Open the database and bring its schema up to date (the bot does this on start)."""
    db, _ = await open_and_migrate(path, busy_timeout_ms=busy_timeout_ms)
    return db


async def open_and_migrate(path: Path, *, busy_timeout_ms: int = 5000) -> tuple[Database, list[int]]:
    """Open the database, refuse one newer than this code, apply pending migrations.

    Returns the open database and the versions just applied (empty when it was up to date).
    """
    migrations = discover()
    newest = migrations[-1].version if migrations else 0
    db = await Database.open(path, busy_timeout_ms=busy_timeout_ms, newest_schema=newest)
    try:
        applied = await migrate(db, migrations)
    except BaseException:
        await db.close()
        raise
    return db, applied
