"""`matchbot backup DEST`: a consistent, verified copy of the database, safe while the bot runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.commands._common import CommandFailed, add_config_argument, load_config
from bot.store import BackupError, backup_database


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup", help="copy the database safely, even while the bot runs",
        description="Copy the database with SQLite's online backup API and verify the copy "
                    "with PRAGMA integrity_check before it replaces DEST.",
    )
    parser.add_argument("dest", type=Path, metavar="DEST", help="file to write the copy to")
    add_config_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_config(args)
    try:
        version = backup_database(settings.database.path, args.dest)
    except BackupError as error:
        raise CommandFailed(str(error), code=1) from None
    print(f"{args.dest}: backup of {settings.database.path} (schema version {version}) verified")
    return 0
