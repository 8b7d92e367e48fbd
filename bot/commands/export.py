"""`matchbot export --format xlsx|csv --out PATH`: the association's data as a workbook or CSV zip."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.commands._common import CommandFailed, add_config_argument, load_config
from bot.commands._database import database_errors
from bot.config import Settings
from bot.datatools.exporting import FORMATS, build_export
from bot.store import open_database
from bot.store.exports import export_rows

_DESCRIPTION = """\
Export workers, NGOs, requests, placements, check-in answers and service hours: an Excel
workbook with one sheet each (--format xlsx), or a zip of CSV files in UTF-8 with a BOM so
Excel shows Chinese correctly (--format csv). Headers are in --lang; times are in the
association's time zone. The file holds personal data: keep it as safe as the database.
"""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export", help="export the data as an Excel workbook or a zip of CSV files",
        description=_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", choices=FORMATS, default="xlsx", dest="file_format",
                        help="xlsx (default) or csv (a zip of CSV files)")
    parser.add_argument("--out", type=Path, required=True, metavar="PATH", help="the file to write")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="language of headers and labels (default: association.default_language)")
    add_config_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_config(args)
    if not settings.database.path.exists():
        raise CommandFailed(f"{settings.database.path}: no database yet; nothing to export", code=1)
    lang = args.lang or settings.association.default_language
    with database_errors(settings.database.path):
        tables = asyncio.run(_read(settings))
    content = build_export(tables, args.file_format, lang, ZoneInfo(settings.association.timezone))
    try:
        args.out.write_bytes(content)
    except OSError as error:
        raise CommandFailed(f"{args.out}: cannot write: {error.strerror or error}", code=1) from None
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in tables.items())
    print(f"{args.out}: exported {counts}")
    return 0


async def _read(settings: Settings) -> dict:
    db = await open_database(settings.database.path, busy_timeout_ms=settings.database.busy_timeout_ms)
    try:
        return await export_rows(db)
    finally:
        await db.close()
