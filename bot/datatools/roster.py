"""The roster the association keeps in a spreadsheet -> worker profiles, every bad cell reported.

Pure: a :class:`~bot.datatools.sheets.Sheet` in, checked rows and problems out. The columns are
documented in the README and drawn into the shipped template from :data:`ROSTER_COLUMNS`, so
the three cannot drift apart. Cells are checked with the same parsers as the chat forms.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.datatools.sheets import Sheet
from bot.forms.fields import TYPED_CHOICE_CUTOFF
from bot.parsers import (
    Invalid,
    Ok,
    ParseResult,
    parse_hours_per_week,
    parse_introduction,
    parse_line,
    parse_name,
    parse_phone,
    parse_placements_at_once,
    parse_skills_text,
    parse_years_of_experience,
    parse_yes_no,
)
from bot.texts import Lang, t
from matching import normalise

ROSTER_KEY_MAX = 64
Fragment = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One roster column: its English and Chinese header, and how a cell becomes profile values."""

    name: str
    zh: str
    required: bool
    example: str
    parse: Callable[[str], ParseResult[Fragment]]
    default: str = ""


@dataclass(frozen=True)
class RosterRow:
    row: int                 # as Excel numbers it: the header is row 1
    roster_key: str
    values: Fragment         # the workers-table columns


@dataclass(frozen=True)
class RowProblem:
    row: int                 # 1 for a problem with the header
    column: str
    reason: str              # plain text in the report's language


@dataclass(frozen=True)
class Roster:
    rows: tuple[RosterRow, ...]
    problems: tuple[RowProblem, ...]


def _into(column: str, parser: Callable[[str], ParseResult[Any]]) -> Callable[[str], ParseResult[Fragment]]:
    def parse(text: str) -> ParseResult[Fragment]:
        result = parser(text)
        return result if isinstance(result, Invalid) else Ok({column: result.value})
    return parse


def _term(kind: str) -> Callable[[str], ParseResult[str]]:
    """Exactly one term of a vocabulary, by id or by a name in either language."""
    def parse(text: str) -> ParseResult[str]:
        found = [n for n in normalise(text, kind, TYPED_CHOICE_CUTOFF) if n.id is not None]
        if len(found) == 1:
            return Ok(found[0].id)
        return Invalid(f"roster.unknown.{kind}", {"text": text})
    return parse


def _terms(kind: str) -> Callable[[str], ParseResult[list[str]]]:
    """Several terms of a vocabulary; every item must be one."""
    def parse(text: str) -> ParseResult[list[str]]:
        found = normalise(text, kind, TYPED_CHOICE_CUTOFF)
        unknown = [n.source for n in found if n.id is None]
        if unknown:
            return Invalid(f"roster.unknown.{kind}", {"text": unknown[0]})
        return Ok(list(dict.fromkeys(n.id for n in found if n.id is not None)))
    return parse


def _skills(text: str) -> ParseResult[Fragment]:
    checked = parse_skills_text(text)
    if isinstance(checked, Invalid):
        return checked
    found = normalise(text, "skill")
    ids = list(dict.fromkeys(n.id for n in found if n.id is not None))
    free = [n.source for n in found if n.id is None]
    return Ok({"skills_text": text.strip(), "skills": [*ids, *free]})


def _yes_no(text: str) -> ParseResult[int]:
    result = parse_yes_no(text)
    return result if isinstance(result, Invalid) else Ok(int(result.value))


ROSTER_COLUMNS: tuple[Column, ...] = (
    Column("roster_key", "花名册编号", True, "SW-0001", _into("roster_key", lambda s: parse_line(s, ROSTER_KEY_MAX))),
    Column("name", "姓名", True, "王芳", _into("name", parse_name)),
    Column("phone", "电话", True, "13912345678", _into("phone", parse_phone)),
    Column("district", "区县", True, "历下区", _into("district", _term("district"))),
    Column("skills", "技能", True, "心理咨询, 小组工作", _skills),
    Column("fields", "服务领域", False, "青少年, 为老服务", _into("fields", _terms("field"))),
    Column("languages", "语言", False, "普通话, English", _into("languages", _terms("language"))),
    Column("certification", "资格证书", False, "助理社会工作师", _into("certification", _term("certification")),
           default="none"),
    Column("years_experience", "工作年限", False, "3", _into("years_experience", parse_years_of_experience),
           default="0"),
    Column("hours_per_week", "每周小时数", True, "10", _into("hours_per_week", parse_hours_per_week)),
    Column("max_placements", "同时对接上限", False, "1", _into("max_placements", parse_placements_at_once),
           default="1"),
    Column("remote_ok", "可远程", False, "是", _into("remote_ok", _yes_no), default="no"),
    Column("introduction", "自我介绍", False, "五年社区工作经验。", _into("introduction", parse_introduction)),
)
_EMPTY_LISTS = {"fields": [], "languages": [], "introduction": ""}
# Headers of older templates, still read: 安置 was the word for a placement before 对接.
_OLD_HEADERS = {"同时安置上限": "max_placements"}
_BY_HEADER = {name.casefold(): c for c in ROSTER_COLUMNS for name in (c.name, c.zh)} | {
    old: next(c for c in ROSTER_COLUMNS if c.name == name) for old, name in _OLD_HEADERS.items()}


def parse_roster(sheet: Sheet, lang: Lang) -> Roster:
    """Every row checked; ``problems`` lists each bad cell (and bad header) with its row number."""
    columns, problems = _header(sheet.header, lang)
    if problems:
        return Roster((), tuple(problems))
    rows: list[RosterRow] = []
    first_row_of_key: dict[str, int] = {}
    for number, cells in sheet.rows:
        row, row_problems = _row(number, columns, cells, lang)
        problems += row_problems
        if row is None:
            continue
        earlier = first_row_of_key.setdefault(row.roster_key.casefold(), number)
        if earlier != number:
            problems.append(RowProblem(number, "roster_key", _plain(t(lang, "roster.duplicate_key", row=earlier))))
        rows.append(row)
    return Roster(tuple(rows), tuple(problems))


def _header(header: tuple[str, ...], lang: Lang) -> tuple[dict[int, Column], list[RowProblem]]:
    columns: dict[int, Column] = {}
    problems = []
    for index, cell in enumerate(header):
        column = _BY_HEADER.get(cell.strip().casefold())
        if not cell.strip():
            continue
        if column is None:
            known = ", ".join(c.name for c in ROSTER_COLUMNS)
            problems.append(RowProblem(1, cell, _plain(t(lang, "roster.unknown_column", known=known))))
        elif column in columns.values():
            problems.append(RowProblem(1, cell, _plain(t(lang, "roster.repeated_column"))))
        else:
            columns[index] = column
    for column in ROSTER_COLUMNS:
        if column.required and column not in columns.values():
            problems.append(RowProblem(1, column.name, _plain(t(lang, "roster.missing_column"))))
    return columns, problems


def _row(number: int, columns: dict[int, Column], cells: tuple[str, ...],
         lang: Lang) -> tuple[RosterRow | None, list[RowProblem]]:
    values: Fragment = dict(_EMPTY_LISTS)
    problems = []
    for index, column in columns.items():
        text = cells[index].strip() if index < len(cells) else ""
        if not text and column.required:
            problems.append(RowProblem(number, column.name, _plain(t(lang, "roster.required"))))
            continue
        if not text and not column.default:
            continue
        result = column.parse(text or column.default)
        if isinstance(result, Invalid):
            problems.append(RowProblem(number, column.name, _plain(result.render(lang))))
        else:
            values.update(result.value)
    for column in ROSTER_COLUMNS:  # optional columns left out of the file take their default
        if column not in columns.values() and column.default:
            values.update(column.parse(column.default).value)  # type: ignore[union-attr]
    if problems:
        return None, problems
    return RosterRow(number, values.pop("roster_key"), values), []


def _plain(text: str) -> str:
    """A catalog text without its HTML, for a terminal report."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))
