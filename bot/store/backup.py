"""Online backup with SQLite's backup API: safe while the bot keeps writing."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class BackupError(Exception):
    """The copy could not be made or did not pass its integrity check."""


def backup_database(source: Path, destination: Path, *, pages_per_step: int = 256) -> int:
    """Copy ``source`` to ``destination`` consistently; verify it; return its schema version.

    The copy is written next to the destination and renamed into place only after
    ``PRAGMA integrity_check`` says ok, so a failed backup never leaves a half-written file.
    """
    if not source.exists():
        raise BackupError(f"{source}: no database file there")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    with _connect(source) as src, _connect(partial) as dst:
        src.backup(dst, pages=pages_per_step)
        verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
        version = dst.execute("PRAGMA user_version").fetchone()[0]
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"{destination}: integrity check failed: {verdict}")
    os.replace(partial, destination)
    return int(version)


class _connect:
    """A sqlite3 connection that is closed (not just committed) on leaving the block."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path)

    def __enter__(self) -> sqlite3.Connection:
        return self._conn

    def __exit__(self, *exc: object) -> None:
        self._conn.close()
