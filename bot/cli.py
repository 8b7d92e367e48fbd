"""The `matchbot` command: one subcommand per job, each in its own module under bot/commands/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.commands import backup, export, import_, match, migrate, run, sandbox
from bot.commands._common import CommandFailed

SUBCOMMANDS = (run, sandbox, migrate, backup, match, export, import_)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="matchbot",
        description="Telegram bot that places an association's social workers with startup NGOs.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CommandFailed as failure:
        print(failure, file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
