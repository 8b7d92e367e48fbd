"""Schema migrations: ``migrations/NNNN_name.sql`` applied in order, each in one transaction.

The applied version lives in ``PRAGMA user_version``. A database newer than this code knows is
refused and left untouched, because running old code on a newer schema can corrupt data.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from bot.store.database import Database, DatabaseTooNew

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


__all__ = ["DatabaseTooNew", "Migration", "MigrationError", "current_version", "discover", "migrate"]


class MigrationError(Exception):
    """A migration could not be applied; the database stays at its previous version."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def discover(directory: Path = MIGRATIONS_DIR) -> tuple[Migration, ...]:
    """The migration files in version order; versions must run 1, 2, 3... without gaps."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise MigrationError(f"{path.name}: migration files are named NNNN_name.sql")
        found.append(Migration(int(match[1]), match[2], path.read_text(encoding="utf-8")))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(
                f"migration {migration.version:04d}_{migration.name}.sql: expected version {expected}"
            )
    return tuple(found)


async def current_version(db: Database) -> int:
    return int(await db.fetchval("PRAGMA user_version"))


async def migrate(db: Database, migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Bring the database up to the newest migration; return the versions applied (maybe none)."""
    migrations = discover() if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    version = await current_version(db)
    if version > latest:
        raise DatabaseTooNew(
            f"{db.path}: the database is at schema version {version}, but this matchbot knows "
            f"only up to {latest}. Upgrade matchbot; the database was left untouched."
        )
    applied = []
    for migration in migrations[version:]:
        await _apply(db, migration)
        applied.append(migration.version)
        log.info("applied migration %04d_%s", migration.version, migration.name)
    return applied


async def _apply(db: Database, migration: Migration) -> None:
    script = f"BEGIN;\n{migration.sql}\n;PRAGMA user_version = {migration.version};\nCOMMIT;"
    try:
        await db.run_script(script)
    except Exception as error:
        raise MigrationError(
            f"migration {migration.version:04d}_{migration.name}.sql failed: {error}; "
            f"the database stays at version {migration.version - 1}"
        ) from error
