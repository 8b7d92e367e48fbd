"""The roster template shipped in docs/: drawn from ROSTER_COLUMNS, so it always fits the import.

Regenerate with ``python -m bot.datatools.roster_template docs/`` after changing a column.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.datatools.roster import ROSTER_COLUMNS
from bot.datatools.safe_csv import SafeCsvWriter

TEMPLATE_NAME = "roster-template"
_HELP_HEADER = ("column", "列名", "required / 必填", "example / 示例")


def write_templates(folder: Path) -> tuple[Path, Path]:
    """``roster-template.xlsx`` (Chinese headers, a help sheet) and ``roster-template.csv`` (English)."""
    xlsx, csv_path = folder / f"{TEMPLATE_NAME}.xlsx", folder / f"{TEMPLATE_NAME}.csv"
    workbook = Workbook()
    roster = workbook.active
    roster.title = "花名册 roster"
    roster.append([c.zh for c in ROSTER_COLUMNS])
    help_sheet = workbook.create_sheet("说明 help")
    help_sheet.append(list(_HELP_HEADER))
    for c in ROSTER_COLUMNS:
        help_sheet.append([c.name, c.zh, "yes / 是" if c.required else "no / 否", c.example])
    for sheet in (roster, help_sheet):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 18
    workbook.save(xlsx)
    with csv_path.open("w", encoding="utf-8-sig", newline="") as out:
        SafeCsvWriter(out).writerow([c.name for c in ROSTER_COLUMNS])
    return xlsx, csv_path


if __name__ == "__main__":
    for written in write_templates(Path(sys.argv[1] if len(sys.argv) > 1 else "docs")):
        print(written)
