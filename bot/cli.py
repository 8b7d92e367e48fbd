"""The `matchbot` command: one subcommand per job, each in its own module under bot/commands/.

Only the chosen subcommand's module is imported: `matchbot match` needs the matcher, not
python-telegram-bot, the web server or the chart library, and starts that much sooner.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from bot.commands._common import CommandFailed

SUBCOMMANDS = {
    "run": "bot.commands.run", "sandbox": "bot.commands.sandbox", "migrate": "bot.commands.migrate",
    "backup": "bot.commands.backup", "match": "bot.commands.match", "export": "bot.commands.export",
    "import": "bot.commands.import_",
}  # fmt: skip


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with ``only`` that one (the others unimported)."""
    parser = argparse.ArgumentParser(
        prog="matchbot",
        description="Telegram bot that places an association's social workers with startup NGOs.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in SUBCOMMANDS.items():
        if only in (None, name):
            importlib.import_module(module).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    chosen = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    args = build_parser(chosen).parse_args(argv)
    try:
        return args.func(args)
    except CommandFailed as failure:
        print(failure, file=sys.stderr)
        return failure.code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
