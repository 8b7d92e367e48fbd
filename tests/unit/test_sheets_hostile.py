"""Hostile roster files end in one clear line saying where, never a traceback or an exhausted machine."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hostile_files import HEADER, roster_row, with_dimension, workbook, zip_bomb
from test_roster import run_import

from bot.datatools.sheets import SheetError, read_sheet

MEMORY_CAP = 1024 * 1024 * 1024


def read_under_a_memory_cap(path: Path) -> subprocess.CompletedProcess:
    """read_sheet in a child process that may use no more than 1 GiB of address space."""
    program = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))
        from bot.datatools.sheets import SheetError, read_sheet
        try:
            print(len(read_sheet(__import__("pathlib").Path({str(path)!r})).rows))
        except SheetError as error:
            print(error)
    """)
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)


def test_a_cell_at_the_last_excel_cell_is_refused_without_exhausting_memory(tmp_path):
    path = workbook(tmp_path / "far.xlsx", [HEADER, roster_row(1)], far_cell="XFD1048576")
    done = read_under_a_memory_cap(path)
    assert done.returncode == 0, done.stderr
    assert "row 1,048,576 holds data; a roster has at most 200,000 rows" in done.stdout


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = zip_bomb(tmp_path / "bomb.xlsx", unpacked_mib=200)
    assert path.stat().st_size < 2 * 1024 * 1024
    done = read_under_a_memory_cap(path)
    assert done.returncode == 0, done.stderr
    assert "unpacks to 200 MiB, more than a roster can be (64 MiB)" in done.stdout


def test_a_sheet_declaring_fewer_rows_than_it_holds_is_read_to_its_last_row(tmp_path):
    path = with_dimension(workbook(tmp_path / "five.xlsx", [HEADER, *map(roster_row, range(1, 6))]), "A1:F2")
    assert [number for number, _ in read_sheet(path).rows] == [2, 3, 4, 5, 6]


def test_a_sheet_declaring_a_huge_dimension_is_not_padded_to_it(tmp_path):
    path = with_dimension(workbook(tmp_path / "wide.xlsx", [HEADER, roster_row(1)]), "A1:XFD1048576")
    sheet = read_sheet(path)
    assert sheet.header == tuple(HEADER) and len(sheet.rows) == 1 and len(sheet.rows[0][1]) == len(HEADER)


def test_a_row_wider_than_a_roster_is_refused_with_its_place(tmp_path):
    path = workbook(tmp_path / "wide.xlsx", [HEADER, [*roster_row(1), *["x"] * 200]])
    with pytest.raises(SheetError, match=r"row 2, column GX holds data; a roster has at most 100 columns"):
        read_sheet(path)


def test_a_csv_cell_over_128_kib_names_its_row_and_column(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(roster_row(1)) + "\nSW-2,王," + "9" * 140_000 + "\n",
                    encoding="utf-8")
    with pytest.raises(SheetError, match=r"row 3, column C: a cell of 140,000 characters"):
        read_sheet(path)


def test_binary_junk_in_a_csv_names_its_row_and_column(tmp_path):
    path = tmp_path / "junk.csv"
    path.write_bytes(",".join(HEADER).encode() + b"\nSW-1,\x00\x01\x02\x89PNG,139\n")
    with pytest.raises(SheetError, match=r"row 2, column B: binary data"):
        read_sheet(path)


def test_the_import_command_prints_one_line_and_exits_1_for_a_hostile_file(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "r.sqlite3"}"\n', encoding="utf-8")
    path = tmp_path / "junk.csv"
    path.write_bytes(b"roster_key,name\n\x00\x00\x00")
    assert run_import(config, path) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1 and "binary data" in err
