"""The export: an Excel workbook that reopens with the right sheets, headers, rows and dates; CSV
files that round-trip Chinese text; and `matchbot export` writing either."""

from __future__ import annotations

import asyncio
import csv
import io
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from datatools_seed import seed_association
from openpyxl import load_workbook

from bot.cli import main
from bot.datatools.exporting import build_csv_zip, build_workbook
from bot.store import open_database
from bot.store.exports import export_rows
from bot.texts import t

ZONE = ZoneInfo("Asia/Shanghai")
ROW_COUNTS = {"workers": 4, "ngos": 3, "requests": 4, "placements": 4, "checkins": 3, "hours": 2}


@pytest.fixture
async def database(tmp_path):
    db = await open_database(tmp_path / "export.sqlite3")
    await seed_association(db)
    async with db.transaction() as tx:  # a name that Excel would run as a formula
        await tx.execute("UPDATE workers SET name = '=HYPERLINK(\"http://x\")' WHERE name = '孙强'")
        await tx.execute("UPDATE ngos SET director_name = '@SUM(1+1)*cmd|' || director_name WHERE id = 1")
    yield db
    await db.close()


@pytest.fixture
async def tables(database):
    return await export_rows(database)


def workbook_of(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_the_workbook_has_one_sheet_per_table_named_in_the_chosen_language(tables):
    for lang in ("zh", "en"):
        book = workbook_of(build_workbook(tables, lang, ZONE))
        assert book.sheetnames == [t(lang, f"export.sheets.{sheet}") for sheet in ROW_COUNTS]


def test_every_sheet_has_its_headers_and_one_row_per_record(tables):
    book = workbook_of(build_workbook(tables, "zh", ZONE))
    for sheet, count in ROW_COUNTS.items():
        rows = list(book[t("zh", f"export.sheets.{sheet}")].iter_rows(values_only=True))
        assert len(rows) == count + 1, sheet
    workers = list(book["社工"].iter_rows(values_only=True))
    assert workers[0][:4] == ("编号", "花名册编号", "姓名", "电话")
    assert [row[2] for row in workers[1:3]] == ["王芳", "赵磊"]
    assert workers[1][4] == "已审核" and workers[1][5] == "历下区"


def test_dates_are_real_dates_and_times_are_local(tables):
    book = workbook_of(build_workbook(tables, "en", ZONE))
    requests = book["Requests"]
    column = 1 + [c.value for c in requests[1]].index("Start date")
    start = requests.cell(row=2, column=column)
    assert start.value == datetime(2026, 9, 15) and start.number_format == "yyyy-mm-dd"
    placements = list(book["Proposals and placements"].iter_rows(values_only=True))
    started = placements[0].index("Started")
    assert placements[2][started] == datetime(2026, 10, 1, 4, 0)  # 2026-09-30 20:00 UTC in Jinan


def test_check_in_answers_and_service_hours_have_their_own_sheets(tables):
    book = workbook_of(build_workbook(tables, "en", ZONE))
    checkins = list(book["Check-in answers"].iter_rows(values_only=True))
    rating, comment = checkins[0].index("Rating (1–5)"), checkins[0].index("Comment")
    assert [(row[rating], row[comment]) for row in checkins[1:]] == [(4, "很好"), (5, None), (3, None)]  # empty
    assert [row[3] for row in checkins[1:]] == ["social worker", "NGO", "social worker"]
    hours = list(book["Service hours"].iter_rows(values_only=True))
    assert [row[-1] for row in hours[1:]] == [10, 20.5]


def test_text_that_looks_like_a_formula_stays_text(tables):
    book = workbook_of(build_workbook(tables, "en", ZONE))
    cell = next(c for c in book["Social workers"]["C"] if str(c.value).startswith("="))
    assert cell.data_type == "s"
    files = zipfile.ZipFile(io.BytesIO(build_csv_zip(tables, "en", ZONE)))
    assert "'=HYPERLINK" in files.read("workers.csv").decode("utf-8-sig")


def test_a_cell_starting_with_at_stays_text_in_both_formats_and_phones_stay_as_written(tables):
    book = workbook_of(build_workbook(tables, "en", ZONE))
    cells = [c for row in book["NGOs"].iter_rows() for c in row if str(c.value).startswith("@SUM")]
    assert cells and all(c.data_type == "s" for c in cells)
    files = zipfile.ZipFile(io.BytesIO(build_csv_zip(tables, "en", ZONE)))
    ngos = list(csv.reader(io.StringIO(files.read("ngos.csv").decode("utf-8-sig"))))
    assert any(cell.startswith("'@SUM(1+1)") for row in ngos for cell in row)
    workers = list(csv.reader(io.StringIO(files.read("workers.csv").decode("utf-8-sig"))))
    phones = [row[workers[0].index("Phone")] for row in workers[1:]]
    assert phones and all(phone.startswith("+86") for phone in phones)
    sheet = list(book["Social workers"].iter_rows(values_only=True))
    assert [row[sheet[0].index("Phone")] for row in sheet[1:]] == phones


def test_the_csv_files_are_utf8_with_bom_and_round_trip_chinese(tables):
    archive = zipfile.ZipFile(io.BytesIO(build_csv_zip(tables, "zh", ZONE)))
    assert sorted(archive.namelist()) == sorted(f"{sheet}.csv" for sheet in ROW_COUNTS)
    raw = archive.read("ngos.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:2] == ["编号", "机构"]
    assert [row[1] for row in rows[1:]] == ["阳光心理服务中心", "和美助老服务社", "新苗公益"]
    requests = list(csv.reader(io.StringIO(archive.read("requests.csv").decode("utf-8-sig"))))
    assert requests[1][requests[0].index("开始日期")] == date(2026, 9, 15).isoformat()
    assert len(requests) == ROW_COUNTS["requests"] + 1


async def seeded_file(path) -> None:
    db = await open_database(path)
    try:
        await seed_association(db)
    finally:
        await db.close()


@pytest.mark.parametrize(("file_format", "suffix"), [("xlsx", "xlsx"), ("csv", "zip")])
def test_matchbot_export_writes_the_file(tmp_path, capsys, file_format, suffix):
    path = tmp_path / "cli.sqlite3"
    asyncio.run(seeded_file(path))
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{path}"\n[association]\ndefault_language = "en"\n', encoding="utf-8")
    out = tmp_path / f"out.{suffix}"
    assert main(["export", "--format", file_format, "--out", str(out), "--config", str(config)]) == 0
    assert "4 workers" in capsys.readouterr().out
    if file_format == "xlsx":
        assert workbook_of(out.read_bytes()).sheetnames[0] == "Social workers"
    else:
        assert "workers.csv" in zipfile.ZipFile(out).namelist()


def test_matchbot_export_without_a_database_says_so(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "none.sqlite3"}"\n', encoding="utf-8")
    assert main(["export", "--out", str(tmp_path / "x.xlsx"), "--config", str(config)]) == 1
    assert "no database yet" in capsys.readouterr().err


def test_every_sheet_has_a_filter_and_the_columns_people_asked_for(tables):
    odd = {**tables, "checkins": [*tables["checkins"], {**tables["checkins"][0], "answer": '{"problem": true}'}]}
    book = workbook_of(build_workbook(odd, "en", ZONE))
    for sheet in book.worksheets:
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
    headers = {sheet.title: [c.value for c in sheet[1]] for sheet in book.worksheets}
    assert "Introduction" in headers["Social workers"]
    assert {"Description", "Minimum certification", "Languages", "Remote work"} <= set(headers["Requests"])
    checkins = list(book["Check-in answers"].iter_rows(values_only=True))
    problem = checkins[0].index("Problem reported")
    assert [row[problem] for row in checkins[1:]] == ["No", "No", "No", "Yes"]
