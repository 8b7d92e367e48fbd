"""Online backup with ``VACUUM INTO``: safe while the bot keeps writing, and sure to finish.

SQLite's backup API copies pages in steps and starts over whenever another connection writes
between two steps, so under sustained writes it may never finish. ``VACUUM INTO`` copies from one
read transaction: in WAL mode writers carry on beside it and the copy is of one consistent moment,
so it always makes progress. A progress handler checks a deadline and a stop request (Ctrl+C,
SIGTERM) while it runs; whatever happens, no ``.partial`` file is left behind.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

# How many SQLite virtual-machine steps between two looks at the deadline and the stop request.
_STEPS_BETWEEN_CHECKS = 1_000


class BackupError(Exception):
    """The copy could not be made or did not pass its integrity check."""


class BackupStopped(BackupError):
    """The copy was stopped on request or at its deadline; nothing was written to the destination."""


def backup_database(source: Path, destination: Path, *, timeout_seconds: float = 600.0,
                    stop_requested: Callable[[], bool] = lambda: False, busy_timeout_ms: int = 5000) -> int:
    """Copy ``source`` to ``destination`` consistently; verify it; return its schema version.

    The copy is written next to the destination and renamed into place only after
    ``PRAGMA integrity_check`` says ok, so a failed or stopped backup never leaves a file.
    """
    if not source.exists():
        raise BackupError(f"{source}: no database file there")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    _remove(partial)  # left by a backup that was killed outright
    try:
        _copy(source, partial, timeout_seconds, stop_requested, busy_timeout_ms)
        version = _verify(partial, destination)
        os.replace(partial, destination)
    finally:
        _remove(partial)
    return version


def _copy(source: Path, partial: Path, timeout_seconds: float, stop_requested: Callable[[], bool],
          busy_timeout_ms: int) -> None:
    deadline = time.monotonic() + timeout_seconds
    why: list[str] = []

    def keep_going() -> int:
        if stop_requested():
            why.append(f"{source}: backup stopped on request; nothing was written")
        elif time.monotonic() > deadline:
            why.append(f"{source}: backup did not finish within {timeout_seconds:g} s; nothing was written. "
                       "Try again with a larger --timeout, or when the bot is less busy")
        return 1 if why else 0

    with _connect(source) as src:
        src.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        src.set_progress_handler(keep_going, _STEPS_BETWEEN_CHECKS)
        try:
            src.execute("VACUUM INTO ?", (str(partial),))
        except sqlite3.DatabaseError as error:
            if not why:
                raise BackupError(f"{source}: cannot be copied: {error}") from None
    # A small copy may finish between two checks: a stop or a deadline that came meanwhile still counts.
    if why or keep_going():
        raise BackupStopped(why[0])


def _verify(partial: Path, destination: Path) -> int:
    with _connect(partial) as copy:
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        version = copy.execute("PRAGMA user_version").fetchone()[0]
    if verdict != "ok":
        raise BackupError(f"{destination}: integrity check failed: {verdict}")
    return int(version)


def _remove(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        leftover.unlink(missing_ok=True)


class _connect:
    """A sqlite3 connection that is closed (not just committed) on leaving the block."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None)

    def __enter__(self) -> sqlite3.Connection:
        return self._conn

    def __exit__(self, *exc: object) -> None:
        self._conn.close()
