"""`matchbot migrate`: bring the database schema up to date by hand (the bot also does it on start)."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.commands._common import add_config_argument, load_config
from bot.commands._database import database_errors
from bot.store import open_and_migrate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "migrate", help="apply pending database migrations",
        description="Apply the migrations in migrations/ that the database lacks, each atomically.",
    )
    add_config_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_config(args)
    with database_errors(settings.database.path):
        applied = asyncio.run(_migrate(settings.database.path, settings.database.busy_timeout_ms))
    if applied:
        print(f"{settings.database.path}: applied migrations {', '.join(map(str, applied))}")
    else:
        print(f"{settings.database.path}: already up to date")
    return 0


async def _migrate(path: Path, busy_timeout_ms: int) -> list[int]:
    db, applied = await open_and_migrate(path, busy_timeout_ms=busy_timeout_ms)
    await db.close()
    return applied
