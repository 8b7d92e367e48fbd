"""`matchbot import workers FILE`: the association's roster in, all or nothing, with invite links out."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from telegram.error import TelegramError

from bot.channels.telegram.client import bot_username
from bot.clock import Clock, from_iso
from bot.commands._common import CommandFailed, add_config_argument, load_config
from bot.commands._database import database_errors
from bot.config import Settings
from bot.datatools.invites import invite_link
from bot.datatools.progress import ProgressBar
from bot.datatools.roster import ROSTER_COLUMNS, Roster, parse_roster
from bot.datatools.roster_import import ImportedWorker, import_roster
from bot.datatools.safe_csv import SafeCsvWriter
from bot.datatools.sheets import SheetError, read_sheet
from bot.store import open_database
from bot.texts import Lang, t

EXIT_BAD_FILE = 1
_DESCRIPTION = """\
Import social workers from the association's roster (.xlsx or .csv; the columns are in the
README and in docs/roster-template.xlsx). Every row is checked first: if any row is bad, each
problem is listed with its row number and nothing is written. Otherwise all rows are written in
one transaction; a roster_key already in the database updates that worker instead of adding one.
Imported workers are verified. Each one without a Telegram account gets a single-use invite link
(valid 30 days), printed on stdout and, with --links, written to a CSV file.
"""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import", help="import social workers from the association's roster (.xlsx or .csv)",
        description=_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("workers",), help="what the file holds")
    parser.add_argument("file", type=Path, metavar="FILE", help="the roster, .xlsx or .csv")
    parser.add_argument("--links", type=Path, metavar="PATH", help="also write the invite links to this CSV")
    parser.add_argument("--bot-username", metavar="NAME",
                        help="the bot's @username for the links (default: asked from Telegram)")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of the problem report "
                        "(default: association.default_language)")
    add_config_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_config(args)
    lang = args.lang or settings.association.default_language
    try:
        checked = parse_roster(read_sheet(args.file), lang)
    except SheetError as error:
        raise CommandFailed(str(error), code=EXIT_BAD_FILE) from None
    if checked.problems:
        _report_problems(args.file, checked, lang)
        return EXIT_BAD_FILE
    if args.links is not None and not args.links.parent.is_dir():
        # Checked before writing: the codes are shown once and only their hashes are kept.
        raise CommandFailed(f"{args.links}: no such folder {args.links.parent}", code=EXIT_BAD_FILE)
    username = args.bot_username or asyncio.run(_ask_bot_username(settings))
    with database_errors(settings.database.path):
        imported = asyncio.run(_write(settings, checked, lang))
    _report(imported, username, lang, ZoneInfo(settings.association.timezone))
    if args.links is not None:
        _write_links(args.links, imported, username)
        print(t(lang, "roster.report.links_written", path=args.links))
    return 0


def _report_problems(path: Path, checked: Roster, lang: Lang) -> None:
    for problem in checked.problems:
        print(t(lang, "roster.report.problem", path=path, row=problem.row, column=_column(problem.column, lang),
                reason=problem.reason), file=sys.stderr)
    rows = len({p.row for p in checked.problems})
    print(t(lang, "roster.report.problems", path=path, problems=len(checked.problems), rows=rows), file=sys.stderr)


async def _ask_bot_username(settings: Settings) -> str:
    telegram_settings = settings.telegram
    if not telegram_settings.token:
        raise CommandFailed("no bot token in the config to ask Telegram for the bot's username; "
                            "pass --bot-username NAME")
    try:
        return await bot_username(telegram_settings)
    except TelegramError as error:
        raise CommandFailed(f"cannot ask Telegram for the bot's username ({error}); "
                            "pass --bot-username NAME") from None


async def _write(settings: Settings, checked: Roster, lang: Lang) -> tuple[ImportedWorker, ...]:
    db = await open_database(settings.database.path, busy_timeout_ms=settings.database.busy_timeout_ms)
    try:
        with ProgressBar(sys.stderr, t(lang, "roster.report.progress")) as progress:
            return await import_roster(db, checked, Clock().now(), progress)
    finally:
        await db.close()


def _report(imported: tuple[ImportedWorker, ...], username: str, lang: Lang, zone: ZoneInfo) -> None:
    """What was imported, and each new invite link, in ``lang``; times in the association's zone."""
    created = sum(w.created for w in imported)
    print(t(lang, "roster.report.imported", count=len(imported), new=created, updated=len(imported) - created))
    for worker in imported:
        names = {"key": worker.roster_key, "name": worker.name}
        if worker.invite is not None:
            print(t(lang, "roster.report.new_link", link=invite_link(username, worker.invite.code),
                    expires=_local(worker.invite.expires_at, zone), **names))
        elif worker.live_invite_expires is not None:
            print(t(lang, "roster.report.earlier_link", expires=_local(worker.live_invite_expires, zone), **names))


def _column(name: str, lang: Lang) -> str:
    """A column by its name in the report's language (电话 rather than phone); a header as written."""
    column = next((c for c in ROSTER_COLUMNS if c.name == name), None)
    return column.zh if column is not None and lang == "zh" else name


def _local(iso: str, zone: ZoneInfo) -> str:
    """A stored UTC time as the association reads it: "2027-01-01 16:20"."""
    return from_iso(iso).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _write_links(path: Path, imported: tuple[ImportedWorker, ...], username: str) -> None:
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = SafeCsvWriter(out)
            writer.writerow(("roster_key", "name", "link", "expires_at"))
            for worker in imported:
                if worker.invite is not None:
                    writer.writerow((worker.roster_key, worker.name, invite_link(username, worker.invite.code),
                                     worker.invite.expires_at))
    except OSError as error:
        raise CommandFailed(f"{path}: cannot write the links: {error.strerror or error}", code=1) from None
