"""A database that cannot be used, as one line for the operator: what failed and what to try.

`run`, `export`, `import`, `migrate` and `backup` open the configured file; a file that is no
SQLite database, one the process may not write, one written by a newer matchbot, or a folder
that does not exist would otherwise end in a traceback from deep inside sqlite3.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.commands._common import CommandFailed
from bot.store import DatabaseError, DatabaseTooNew, MigrationError

EXIT_DATABASE = 1


@contextmanager
def database_errors(path: Path) -> Iterator[None]:
    """Turn a failure to use the database at ``path`` into :class:`CommandFailed`, without a traceback."""
    try:
        yield
    except (DatabaseTooNew, MigrationError) as error:
        raise CommandFailed(str(error), code=EXIT_DATABASE) from None
    except DatabaseError as error:
        raise CommandFailed(explain(path, error), code=EXIT_DATABASE) from None
    except OSError as error:
        raise CommandFailed(f"{path}: cannot open the database: {error.strerror or error}; "
                            "check database.path in the config and the folder's permissions",
                            code=EXIT_DATABASE) from None


def explain(path: Path, error: DatabaseError) -> str:
    """SQLite's complaint about ``path`` as a sentence with what to try."""
    said = str(error)
    if "not a database" in said or "malformed" in said:
        return (f"{path}: not a matchbot database (SQLite: {said}). Check database.path in the config, "
                "or restore a copy made by `matchbot backup`.")
    if "readonly" in said or "read-only" in said:
        return (f"{path}: the database is read-only for this user (SQLite: {said}). The bot writes the "
                f"file and, beside it, its -wal and -shm files: make {path} and {path.parent} writable.")
    if "unable to open" in said:
        return (f"{path}: the database cannot be opened (SQLite: {said}). Check that {path.parent} exists "
                "and this user may write to it.")
    if "locked" in said or "busy" in said:
        return (f"{path}: the database stayed locked by another process (SQLite: {said}). Try again, or "
                "raise database.busy_timeout_ms.")
    return f"{path}: database error (SQLite: {said})."
