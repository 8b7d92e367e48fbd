"""Reading a spreadsheet the association keeps (.xlsx or .csv) as a header and rows of text.

Cells come back as the text a person would read in Excel: 13912345678 rather than 13912345678.0,
empty cells as "". Chinese Excel saves CSV in GB18030, so that is tried after UTF-8. A hostile or
broken file (a zip bomb, a cell at XFD1048576, a sheet declaring fewer rows than it holds, a
megabyte cell, binary junk) ends in a SheetError saying where, never in a traceback or a
machine out of memory.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

SUPPORTED = (".xlsx", ".csv")
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024  # every part of an .xlsx together, as unpacked
MAX_ROWS = 200_000
MAX_COLUMNS = 100
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Numbered = list[tuple[int, tuple[str, ...]]]


class SheetError(Exception):
    """The file cannot be read as a spreadsheet at all."""


@dataclass(frozen=True)
class Sheet:
    """The header cells and the data rows, each with its row number as Excel shows it."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def read_sheet(path: Path) -> Sheet:
    """The first sheet of an .xlsx file, or a .csv file; empty rows are left out.

    Nothing in the file is trusted to be small: the file, its unpacked parts, the rows, the
    columns and each cell are bounded, and a file over a bound is refused with where and why.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SheetError(f"{path}: expected an .xlsx or .csv file")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SheetError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MiB; split the roster")
        raw = path.read_bytes()
    except OSError as error:
        raise SheetError(f"{path}: cannot be read: {error.strerror or error}") from None
    numbered = _xlsx_rows(raw, path) if suffix == ".xlsx" else _csv_rows(raw, path)
    if not numbered:
        raise SheetError(f"{path}: the file is empty")
    (_, header), *rows = numbered
    return Sheet(header, tuple(rows))


def _xlsx_rows(raw: bytes, path: Path) -> Numbered:
    _check_unpacked_size(raw, path)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise SheetError(f"{path}: not an Excel .xlsx workbook ({error})") from None
    try:
        sheet = workbook.worksheets[0]
        # Streamed, and to the last row there is: the <dimension> a file declares may be smaller
        # (rows would be dropped) or huge (every row padded to it).
        sheet.reset_dimensions()
        return _bounded_rows(sheet.iter_rows(values_only=True), path)
    except SheetError:
        raise
    except Exception as error:
        raise SheetError(f"{path}: the first sheet cannot be read ({error})") from None
    finally:
        workbook.close()


def _check_unpacked_size(raw: bytes, path: Path) -> None:
    """Refuse a zip bomb before unpacking: zipfile never unpacks more than a part's declared size."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise SheetError(f"{path}: not an Excel .xlsx workbook (not a zip archive)") from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise SheetError(f"{path}: unpacks to {unpacked / 2**20:,.0f} MiB, more than a roster can be "
                         f"({MAX_UNCOMPRESSED_BYTES // 2**20} MiB); is it really the roster?")


def _csv_rows(raw: bytes, path: Path) -> Numbered:
    # The csv module refuses a NUL without saying where; another control character stands in for
    # it, so the cell check names the row and column of the binary data.
    text = _decode(raw, path).replace("\x00", "\x01")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    with _field_size_limit(len(text) + 1):  # a long cell is reported by _bounded_rows, with its place
        try:
            return _bounded_rows((tuple(cell.strip() for cell in row)
                                  for row in csv.reader(io.StringIO(text), dialect)), path)
        except csv.Error as error:
            raise SheetError(f"{path}: not a CSV file ({error})") from None


@contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    previous = csv.field_size_limit(max(limit, csv.field_size_limit()))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _bounded_rows(rows: Iterable[tuple[object, ...]], path: Path) -> Numbered:
    """The non-empty rows with their numbers, each checked against the bounds."""
    numbered: Numbered = []
    for number, values in enumerate(rows, start=1):
        cells = [cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            _check_row(cells, number, path)
            numbered.append((number, tuple(cells)))
    return numbered


def _check_row(cells: list[str], number: int, path: Path) -> None:
    if number > MAX_ROWS:
        raise SheetError(f"{path}: row {number:,} holds data; a roster has at most {MAX_ROWS:,} rows")
    if len(cells) > MAX_COLUMNS:
        raise SheetError(f"{path}: row {number}, column {get_column_letter(len(cells))} holds data; "
                         f"a roster has at most {MAX_COLUMNS} columns")
    for column, cell in enumerate(cells, start=1):
        where = f"{path}: row {number}, column {get_column_letter(column)}"
        if len(cell) > MAX_CELL_CHARS:
            raise SheetError(f"{where}: a cell of {len(cell):,} characters; a cell holds at most "
                             f"{MAX_CELL_CHARS:,} (Excel's limit)")
        if control := _CONTROL.search(cell):
            raise SheetError(f"{where}: binary data (character U+{ord(control.group()):04X}); "
                             "is this really the roster, saved as CSV or .xlsx?")


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

