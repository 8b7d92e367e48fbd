"""`matchbot import workers`: good files in, every bad row reported by number, all or nothing,
re-imports update by roster key, and the shipped template fits the import."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from bot.cli import main
from bot.datatools.roster import ROSTER_COLUMNS, parse_roster
from bot.datatools.sheets import read_sheet

ROOT = Path(__file__).resolve().parents[2]
HEADER_ZH = ["花名册编号", "姓名", "电话", "区县", "技能", "每周小时数", "资格证书", "可远程"]
GOOD_ROWS = [
    ["SW-001", "王芳", "139 1234 0001", "历下区", "心理咨询, 小组工作", "10", "助理社会工作师", "是"],
    ["SW-002", "赵磊", "13912340002", "市中区", "养老服务", "8", "", ""],
    ["SW-003", "Li Ming", "+86 139 1234 0003", "lixia", "counselling", "12", "social worker", "no"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.fixture
def config(tmp_path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\npath = "{tmp_path / "roster.sqlite3"}"\n', encoding="utf-8")
    return path


def db_rows(config: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(config.parent / "roster.sqlite3") as conn:
        return conn.execute(sql).fetchall()


def run_import(config: Path, file: Path, *more: str) -> int:
    return main(["import", "workers", str(file), "--config", str(config), "--bot-username", "jinan_match_bot",
                 "--lang", "en", *more])


def test_a_good_chinese_csv_is_understood_with_the_forms_parsers(tmp_path):
    roster = parse_roster(read_sheet(write_csv(tmp_path / "r.csv", [HEADER_ZH, *GOOD_ROWS])), "en")
    assert roster.problems == ()
    wang = roster.rows[0]
    assert (wang.row, wang.roster_key) == (2, "SW-001")
    assert wang.values["phone"] == "+8613912340001" and wang.values["district"] == "lixia"
    assert wang.values["skills"] == ["psychological_counselling", "group_work"]
    assert (wang.values["certification"], wang.values["remote_ok"]) == ("assistant", 1)
    assert (roster.rows[1].values["certification"], roster.rows[1].values["max_placements"]) == ("none", 1)


def test_a_csv_saved_by_chinese_excel_in_gb18030_reads_the_same(tmp_path):
    utf8 = read_sheet(write_csv(tmp_path / "a.csv", [HEADER_ZH, *GOOD_ROWS]))
    gbk = read_sheet(write_csv(tmp_path / "b.csv", [HEADER_ZH, *GOOD_ROWS], encoding="gb18030"))
    assert gbk == utf8


def test_an_xlsx_roster_with_numbers_in_cells_is_read_as_excel_shows_them(tmp_path):
    rows = [["roster_key", "name", "phone", "district", "skills", "hours_per_week"],
            ["SW-9", "王芳", 13912340001, "历下", "心理咨询", 7.5], [None] * 6]
    roster = parse_roster(read_sheet(write_xlsx(tmp_path / "r.xlsx", rows)), "zh")
    assert roster.problems == ()
    assert [(r.values["phone"], r.values["hours_per_week"]) for r in roster.rows] == [("+8613912340001", 7.5)]


def test_every_bad_row_is_reported_with_its_number_and_reason(tmp_path):
    rows = [HEADER_ZH, GOOD_ROWS[0],
            ["SW-002", "赵磊", "12345", "历下区", "养老服务", "8", "", ""],
            ["SW-003", "", "13912340003", "火星区", "心理咨询", "99", "", "maybe"],
            ["sw-001", "王芳", "13912340001", "历下区", "心理咨询", "10", "", ""]]
    roster = parse_roster(read_sheet(write_csv(tmp_path / "bad.csv", rows)), "en")
    found = {(p.row, p.column) for p in roster.problems}
    assert found == {(3, "phone"), (4, "name"), (4, "district"), (4, "hours_per_week"), (4, "remote_ok"),
                     (5, "roster_key")}
    reasons = {(p.row, p.column): p.reason for p in roster.problems}
    assert "火星区" in reasons[(4, "district")] and "row 2" in reasons[(5, "roster_key")]
    assert all("<" not in reason for reason in reasons.values())


def test_a_wrong_header_is_reported_before_any_row(tmp_path):
    rows = [["roster_key", "name", "telephone", "district", "skills", "hours_per_week"], GOOD_ROWS[0][:6]]
    roster = parse_roster(read_sheet(write_csv(tmp_path / "h.csv", rows)), "en")
    assert {(p.row, p.column) for p in roster.problems} == {(1, "telephone"), (1, "phone")}
    assert roster.rows == ()


def test_a_bad_file_imports_nothing_and_lists_every_problem(tmp_path, config, capsys):
    rows = [HEADER_ZH, GOOD_ROWS[0], ["SW-002", "赵磊", "12345", "历下区", "养老服务", "8", "", ""], GOOD_ROWS[2]]
    assert run_import(config, write_csv(tmp_path / "bad.csv", rows)) == 1
    err = capsys.readouterr().err
    assert "row 3, phone:" in err and "nothing was imported" in err
    assert "1 problem in 1 row;" in err
    assert not (config.parent / "roster.sqlite3").exists() or db_rows(config, "SELECT * FROM workers") == []


def test_a_good_file_is_imported_verified_with_a_progress_bar_and_invite_links(tmp_path, config, capsys):
    links = tmp_path / "links.csv"
    assert run_import(config, write_csv(tmp_path / "good.csv", [HEADER_ZH, *GOOD_ROWS]), "--links", str(links)) == 0
    out, err = capsys.readouterr()
    assert "3 workers imported: 3 new, 0 updated" in out
    assert "importing [" in err and err.rstrip().endswith("3/3")
    assert db_rows(config, "SELECT roster_key, status, person_id FROM workers ORDER BY id") == [
        ("SW-001", "verified", None), ("SW-002", "verified", None), ("SW-003", "verified", None)]
    written = list(csv.DictReader(io.StringIO(links.read_text(encoding="utf-8-sig"))))
    assert [row["roster_key"] for row in written] == ["SW-001", "SW-002", "SW-003"]
    assert all(row["link"].startswith("https://t.me/jinan_match_bot?start=") for row in written)
    assert len({row["link"] for row in written}) == 3 and all(row["link"] in out for row in written)


def test_a_re_import_updates_by_roster_key_instead_of_duplicating(tmp_path, config, capsys):
    assert run_import(config, write_csv(tmp_path / "first.csv", [HEADER_ZH, *GOOD_ROWS])) == 0
    changed = [[*GOOD_ROWS[0][:1], "王芳芳", *GOOD_ROWS[0][2:]], *GOOD_ROWS[1:],
               ["SW-004", "周洁", "13912340004", "槐荫区", "社区工作", "6", "", ""]]
    capsys.readouterr()
    assert run_import(config, write_csv(tmp_path / "second.csv", [HEADER_ZH, *changed])) == 0
    out = capsys.readouterr().out
    assert "4 workers imported: 1 new, 3 updated" in out
    assert "earlier link still valid" in out and out.count("https://t.me/") == 1  # only SW-004 gets one
    assert db_rows(config, "SELECT roster_key, name FROM workers ORDER BY id") == [
        ("SW-001", "王芳芳"), ("SW-002", "赵磊"), ("SW-003", "Li Ming"), ("SW-004", "周洁")]


def test_an_unreadable_file_is_a_clear_failure(tmp_path, config, capsys):
    (tmp_path / "roster.xlsx").write_bytes(b"not a workbook")
    assert run_import(config, tmp_path / "roster.xlsx") == 1
    assert "not an Excel .xlsx workbook" in capsys.readouterr().err


def test_without_a_bot_username_or_token_the_import_says_what_to_pass(tmp_path, config, capsys, monkeypatch):
    monkeypatch.delenv("MATCHBOT_TOKEN", raising=False)
    file = write_csv(tmp_path / "good.csv", [HEADER_ZH, *GOOD_ROWS])
    assert main(["import", "workers", str(file), "--config", str(config)]) == 2
    assert "--bot-username" in capsys.readouterr().err
    assert not (config.parent / "roster.sqlite3").exists()


def test_the_shipped_templates_have_exactly_the_import_columns():
    book = load_workbook(ROOT / "docs" / "roster-template.xlsx")
    assert [c.value for c in book.worksheets[0][1]] == [c.zh for c in ROSTER_COLUMNS]
    assert [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)] == [
        c.name for c in ROSTER_COLUMNS]
    header = (ROOT / "docs" / "roster-template.csv").read_text(encoding="utf-8-sig").strip().split(",")
    assert header == [c.name for c in ROSTER_COLUMNS]


def test_the_templates_examples_make_a_valid_row(tmp_path):
    rows = [[c.name for c in ROSTER_COLUMNS], [c.example for c in ROSTER_COLUMNS]]
    assert parse_roster(read_sheet(write_csv(tmp_path / "example.csv", rows)), "en").problems == ()


def test_a_roster_name_that_looks_like_a_formula_lands_in_the_links_file_as_text(tmp_path, config, capsys):
    links = tmp_path / "links.csv"
    hostile = ["SW-009", '=HYPERLINK("http://evil.example","x")', "13912340009", "历下区", "心理咨询", "6", "", ""]
    assert run_import(config, write_csv(tmp_path / "hostile.csv", [HEADER_ZH, hostile]), "--links", str(links)) == 0
    [written] = list(csv.DictReader(io.StringIO(links.read_text(encoding="utf-8-sig"))))
    assert written["name"] == "'" + hostile[1]


def test_the_report_is_in_one_language_with_local_times(tmp_path, config, capsys):
    file = write_csv(tmp_path / "good.csv", [HEADER_ZH, *GOOD_ROWS])
    assert main(["import", "workers", str(file), "--config", str(config), "--bot-username", "jinan_match_bot",
                 "--lang", "zh"]) == 0
    out, err = capsys.readouterr()
    assert "已导入 3 名社工：新增 3 名，更新 0 名" in out and "正在导入" in err
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"https://\S+|SW-\d+|Li Ming", "", out))  # no English left
    expiries = re.findall(r"有效期至 (\S+ \S+)", out)
    assert len(expiries) == 3 and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", e) for e in expiries)
    assert "Z" not in "".join(expiries)


def test_problems_are_reported_in_the_configured_language_without_lang(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "r.sqlite3"}"\n[association]\ndefault_language = "zh"\n',
                      encoding="utf-8")
    rows = [HEADER_ZH, ["SW-002", "赵磊", "12345", "历下区", "养老服务", "8", "", ""]]
    assert main(["import", "workers", str(write_csv(tmp_path / "bad.csv", rows)), "--config", str(config),
                 "--bot-username", "b"]) == 1
    err = capsys.readouterr().err
    assert "第 2 行，电话：" in err and "1 行中共有 1 个问题，没有导入任何内容" in err
    assert "row" not in err and "nothing" not in err


def test_an_older_template_with_the_former_placements_header_is_still_read(tmp_path):
    header = [c.zh if c.name != "max_placements" else "同时安置上限" for c in ROSTER_COLUMNS]
    rows = [header, [c.example for c in ROSTER_COLUMNS]]
    roster = parse_roster(read_sheet(write_csv(tmp_path / "old.csv", rows)), "zh")
    assert roster.problems == () and roster.rows[0].values["max_placements"] == 1
