"""The one CSV writer: a cell a spreadsheet would run as a formula is written as text (OWASP)."""

from __future__ import annotations

import csv
import io

from bot.datatools.safe_csv import SafeCsvWriter, safe_cell


def test_every_formula_start_gets_an_apostrophe():
    for text in ("=1+1", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")'):
        assert safe_cell(text) == "'" + text


def test_phone_numbers_numbers_and_plain_text_are_written_as_they_are():
    for value, written in (("+8613912345678", "+8613912345678"), ("+86 139 1234 5678", "+86 139 1234 5678"),
                           (12, "12"), (None, ""), ("王芳", "王芳"), ("a=b", "a=b")):
        assert safe_cell(value) == written


def test_a_phone_with_something_after_it_is_no_phone():
    assert safe_cell("+86 139 1234 5678+HYPERLINK(1)") == "'+86 139 1234 5678+HYPERLINK(1)"


def test_the_writer_protects_every_cell_and_reads_back_as_csv():
    out = io.StringIO()
    SafeCsvWriter(out).writerows([["=cmd", "ok"], ["+8613912345678", "@x"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=cmd", "ok"], ["+8613912345678", "'@x"]]
