"""The one CSV writer of the project: no cell a spreadsheet would run as a formula.

Excel, LibreOffice and Google Sheets run a cell beginning with = + - @ (and, after a tab or a
carriage return, the same) as a formula, so a roster name ``=HYPERLINK(...)`` would become a link
on the director's screen. OWASP's advice: make such a cell text with a leading apostrophe. A phone
number such as ``+86 139 1234 5678`` is left as written: digits cannot call anything, and an
apostrophe in front of every phone would spoil the file for the people who read it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"\+[0-9][0-9 ]{5,}")


def safe_cell(value: Any) -> str:
    """A cell's text as written to CSV: None as "", a would-be formula behind an apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _PHONE.fullmatch(text):
        return "'" + text
    return text


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through :func:`safe_cell`."""

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out)

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(value) for value in values])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
