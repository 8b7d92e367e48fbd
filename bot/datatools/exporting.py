"""The export as an Excel workbook (one sheet per table) or a zip of UTF-8-with-BOM CSV files.

Headers are in the chosen language; dates and timestamps are real Excel dates in the workbook
and ``YYYY-MM-DD [HH:MM]`` text in the CSVs. The BOM is what makes Excel read the CSVs as UTF-8.
What people typed is never run as a formula: such cells stay text in the workbook, and the CSVs
go through the one safe CSV writer (``safe_csv``), which puts an apostrophe before a would-be formula.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Font

from bot.datatools.export_sheets import SHEETS, Row, Value, sheet_rows
from bot.datatools.safe_csv import SafeCsvWriter
from bot.texts import Lang, t

FORMATS = ("xlsx", "csv")
_EXCEL_FORMATS = {datetime: "yyyy-mm-dd hh:mm", date: "yyyy-mm-dd"}
_BOLD = Font(bold=True)


def export_table(tables: dict[str, list[Row]], sheet: str, lang: Lang, zone: ZoneInfo) -> list[list[Value]]:
    """One sheet as rows of values, the header row first."""
    columns = SHEETS[sheet]
    header: list[Value] = [t(lang, f"export.columns.{c.header}") for c in columns]
    return [header, *([c.read(row, lang, zone) for c in columns] for row in sheet_rows(tables, sheet))]


def build_workbook(tables: dict[str, list[Row]], lang: Lang, zone: ZoneInfo) -> bytes:
    """The .xlsx file: one sheet per table, headers bold, frozen and filterable, dates formatted as dates."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(t(lang, f"export.sheets.{sheet}"))
        for values in export_table(tables, sheet, lang, zone):
            worksheet.append(values)
        _style(worksheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _style(worksheet) -> None:
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = worksheet.dimensions  # a filter button on every header
    for cell in worksheet[1]:
        cell.font = _BOLD
    for row in worksheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # openpyxl takes a text starting with "=" for a formula
                cell.data_type = "s"
            number_format = _EXCEL_FORMATS.get(type(cell.value))
            if number_format:
                cell.number_format = number_format
    for column in worksheet.columns:
        widest = max(len(str(c.value)) if c.value is not None else 0 for c in column)
        worksheet.column_dimensions[column[0].column_letter].width = min(max(10, widest + 2), 50)


def build_csv_zip(tables: dict[str, list[Row]], lang: Lang, zone: ZoneInfo) -> bytes:
    """A zip with one ``<sheet>.csv`` per table, UTF-8 with BOM."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in SHEETS:
            text = io.StringIO()
            writer = SafeCsvWriter(text)
            for values in export_table(tables, sheet, lang, zone):
                writer.writerow([_csv_cell(v) for v in values])
            archive.writestr(f"{sheet}.csv", ("\ufeff" + text.getvalue()).encode("utf-8"))
    return out.getvalue()


def _csv_cell(value: Value) -> Value:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def build_export(tables: dict[str, list[Row]], file_format: str, lang: Lang, zone: ZoneInfo) -> bytes:
    """The export in ``file_format`` ("xlsx" or "csv")."""
    if file_format == "xlsx":
        return build_workbook(tables, lang, zone)
    if file_format == "csv":
        return build_csv_zip(tables, lang, zone)
    raise ValueError(f"unknown export format {file_format!r}; expected one of {FORMATS}")


def export_file_name(file_format: str, today: date) -> str:
    return f"matchbot-export-{today.isoformat()}.{'xlsx' if file_format == 'xlsx' else 'zip'}"
