"""`matchbot backup DEST`: a consistent, verified copy of the database, safe while the bot runs."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.commands._common import CommandFailed, add_config_argument, load_config
from bot.store import BackupError, BackupStopped, backup_database

_EXIT_BY_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup", help="copy the database safely, even while the bot runs",
        description="Copy the database with SQLite's VACUUM INTO (one consistent moment, while the bot "
                    "keeps writing) and verify the copy with PRAGMA integrity_check before it replaces "
                    "DEST. Ctrl+C, SIGTERM or the --timeout stop it and leave no partial file.",
    )
    parser.add_argument("dest", type=Path, metavar="DEST", help="file to write the copy to")
    parser.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS",
                        help="give up after this long, leaving nothing behind (default: 600)")
    add_config_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_config(args)
    with _stop_signals() as received:
        print(f"backing up {settings.database.path} to {args.dest} ...", file=sys.stderr, flush=True)
        try:
            version = backup_database(settings.database.path, args.dest, timeout_seconds=args.timeout,
                                      stop_requested=lambda: bool(received),
                                      busy_timeout_ms=settings.database.busy_timeout_ms)
        except BackupStopped as stopped:
            raise CommandFailed(str(stopped), code=_EXIT_BY_SIGNAL.get(received[0], 1) if received else 1) from None
        except BackupError as error:
            raise CommandFailed(str(error), code=1) from None
    print(f"{args.dest}: backup of {settings.database.path} (schema version {version}) verified")
    return 0


@contextmanager
def _stop_signals() -> Iterator[list[signal.Signals]]:
    """Ctrl+C and SIGTERM only ask the copy to stop (it then cleans up); the list holds what came."""
    received: list[signal.Signals] = []
    previous = {signum: signal.signal(signum, lambda number, _: received.append(signal.Signals(number)))
                for signum in _EXIT_BY_SIGNAL}
    try:
        yield received
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
