"""Reading a spreadsheet the association keeps (.xlsx or .csv) as a header and rows of text.

Cells come back as the text a person would read in Excel: 13912345678 rather than 13912345678.0,
empty cells as "". Chinese Excel saves CSV in GB18030, so that is tried after UTF-8.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

SUPPORTED = (".xlsx", ".csv")
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")


class SheetError(Exception):
    """The file cannot be read as a spreadsheet at all."""


@dataclass(frozen=True)
class Sheet:
    """The header cells and the data rows, each with its row number as Excel shows it."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def read_sheet(path: Path) -> Sheet:
    """The first sheet of an .xlsx file, or a .csv file; empty rows are left out."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SheetError(f"{path}: expected an .xlsx or .csv file")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SheetError(f"{path}: cannot be read: {error.strerror or error}") from None
    lines = _xlsx_rows(raw, path) if suffix == ".xlsx" else _csv_rows(raw, path)
    numbered = [(number, row) for number, row in enumerate(lines, start=1) if any(row)]
    if not numbered:
        raise SheetError(f"{path}: the file is empty")
    (_, header), *rows = numbered
    return Sheet(header, tuple(rows))


def _xlsx_rows(raw: bytes, path: Path) -> list[tuple[str, ...]]:
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise SheetError(f"{path}: not an Excel .xlsx workbook ({error})") from None
    try:
        sheet = workbook.worksheets[0]
        return [tuple(cell_text(value) for value in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _csv_rows(raw: bytes, path: Path) -> list[tuple[str, ...]]:
    text = _decode(raw, path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    return [tuple(cell.strip() for cell in row) for row in csv.reader(io.StringIO(text), dialect)]


def _decode(raw: bytes, path: Path) -> str:
    for encoding in _CSV_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SheetError(f"{path}: not UTF-8 or GB18030 text; save it as \"CSV UTF-8\" in Excel")


def cell_text(value: object) -> str:
    """A cell's value as text: whole floats without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()

