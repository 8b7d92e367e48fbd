"""Hostile spreadsheets, made on the spot: zip bombs, far-away cells, lying dimensions, junk."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

HEADER = ["roster_key", "name", "phone", "district", "skills", "hours_per_week"]


def roster_row(number: int) -> list[str]:
    return [f"SW-{number:05d}", f"社工{number}", f"139{number:08d}", "历下区", "心理咨询", "6"]


def workbook(path: Path, rows: list[list[object]], far_cell: str | None = None) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    if far_cell:
        book.active[far_cell] = "x"
    book.save(path)
    return path


def with_dimension(path: Path, declared: str) -> Path:
    """The workbook with its sheet's <dimension ref> rewritten (Excel trusts it less than openpyxl did)."""
    lied = path.with_name(f"lied-{path.name}")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(lied, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{declared}"'.encode(), data)
            target.writestr(part, data)
    return lied


def zip_bomb(path: Path, unpacked_mib: int) -> Path:
    """A small .xlsx whose shared strings unpack to ``unpacked_mib`` MiB of one repeated string."""
    source = workbook(path.with_name("seed.xlsx"), [HEADER, roster_row(1)])
    chunk = b"<si><t>" + b"A" * 1000 + b"</t></si>"
    with zipfile.ZipFile(source) as seed, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in seed.infolist():
            bomb.writestr(part, seed.read(part))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for _ in range(unpacked_mib * 1024 * 1024 // len(chunk)):
                strings.write(chunk)
            strings.write(b"</sst>")
    return path
