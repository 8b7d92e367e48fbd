"""One aiosqlite connection per process, and the transactions every write goes through.

PTB runs JobQueue jobs beside update handlers on the same event loop, so two coroutines can
reach this connection at once; an ``asyncio.Lock`` serialises every statement and transaction,
which also stops a reader from seeing another task's uncommitted writes on the shared connection.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]


# What SQLite raises for a file that is no database, read-only, locked...: named here so code
# outside the store can catch it without importing sqlite3 itself.
DatabaseError = sqlite3.DatabaseError


class DatabaseTooNew(Exception):
    """The database was written by a newer matchbot than this one."""


async def _refuse_newer(conn: aiosqlite.Connection, path: Path, newest: int) -> None:
    async with conn.execute("PRAGMA user_version") as cursor:
        (version,) = await cursor.fetchone()
    if version > newest:
        raise DatabaseTooNew(
            f"{path}: the database is at schema version {version}, but this matchbot knows "
            f"only up to {newest}. Upgrade matchbot; the database was left untouched."
        )


class Tx:
    """The statements of one open transaction (only valid inside ``Database.transaction``)."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        cursor = await self._conn.execute(sql, params)
        count = cursor.rowcount
        await cursor.close()
        return count

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT; return the new row's id."""
        cursor = await self._conn.execute(sql, params)
        row_id = cursor.lastrowid
        await cursor.close()
        assert row_id is not None
        return row_id

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self._conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def define_function(self, name: str, arguments: int, function: Any) -> None:
        """A Python function SQL can call on this connection (a scan filters in SQLite, not here)."""
        await self._conn.create_function(name, arguments, function)

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


class Database:
    """The process's connection: WAL, synchronous=FULL, foreign keys on, a busy timeout."""

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self.path = path

    @classmethod
    async def open(cls, path: Path, *, busy_timeout_ms: int = 5000,
                   newest_schema: int | None = None) -> Database:
        """Open (creating if needed) the database file and set the connection's pragmas.

        With ``newest_schema``, a database at a higher schema version is refused before
        anything is written to it (switching to WAL alone rewrites the file header).
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, sqlite3 adds none of its own.
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if newest_schema is not None:
                await _refuse_newer(conn, path, newest_schema)
            await conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL may roll back a committed transaction on power loss; FULL does not.
            await conn.execute("PRAGMA synchronous = FULL")
            await conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path)

    async def close(self) -> None:
        """Close the connection (an open aiosqlite connection keeps its thread, and the process, alive)."""
        async with self._lock:
            await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """A write transaction: BEGIN IMMEDIATE, COMMIT on success, ROLLBACK on any error or cancel.

        BEGIN IMMEDIATE takes the write lock up front: a deferred BEGIN that reads and then
        writes fails with SQLITE_BUSY when another process wrote meanwhile, whatever busy_timeout says.
        """
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self._conn)
            except BaseException:
                # Shielded: a second cancellation must not leave the transaction open.
                await asyncio.shield(self._rollback())
                raise
            await self._conn.execute("COMMIT")

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[Tx]:
        """A read-only view: several SELECTs that see one consistent state."""
        async with self._lock:
            await self._conn.execute("BEGIN")
            try:
                yield Tx(self._conn)
            finally:
                await asyncio.shield(self._rollback())

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._lock:
            return await Tx(self._conn).fetchone(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._lock:
            return await Tx(self._conn).fetchall(sql, params)

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        async with self._lock:
            return await Tx(self._conn).fetchval(sql, params)

    async def run_script(self, script: str) -> None:
        """Run a multi-statement script as is (the migration runner brings its own BEGIN/COMMIT)."""
        async with self._lock:
            try:
                await self._conn.executescript(script)
            except BaseException:
                await asyncio.shield(self._rollback())
                raise

    async def _rollback(self) -> None:
        if self._conn.in_transaction:
            await self._conn.execute("ROLLBACK")
