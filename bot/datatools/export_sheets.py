"""What each sheet of the export holds: its columns, their header text key and how a value is read.

A value is text, a number, a date or a timestamp; timestamps are shown in the association's time
zone. Vocabulary ids (skills, districts...) and statuses are shown as labels in the chosen language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import from_iso
from bot.datatools.checkins import read_answer
from bot.texts import Lang, t
from matching.vocabulary import label

Row = dict[str, Any]
Value = str | int | float | date | datetime | None
Reader = Callable[[Row, Lang, ZoneInfo], Value]


@dataclass(frozen=True)
class Column:
    header: str          # key in [export.columns]
    read: Reader


def _plain(name: str) -> Reader:
    return lambda row, lang, zone: row.get(name)


def _when(name: str) -> Reader:
    """A stored UTC timestamp as the association's local time (Excel has no time zones)."""
    def read(row: Row, lang: Lang, zone: ZoneInfo) -> datetime | None:
        stamp = row.get(name)
        return from_iso(stamp).astimezone(zone).replace(tzinfo=None) if stamp else None
    return read


def _day(name: str) -> Reader:
    return lambda row, lang, zone: date.fromisoformat(row[name]) if row.get(name) else None


def _term(name: str) -> Reader:
    return lambda row, lang, zone: label(row[name], lang) if row.get(name) else ""


def _terms(name: str) -> Reader:
    separator = {"zh": "、", "en": ", "}
    return lambda row, lang, zone: separator[lang].join(label(v, lang) for v in row.get(name) or [])


def _catalog(prefix: str, name: str) -> Reader:
    return lambda row, lang, zone: t(lang, f"{prefix}.{row[name]}") if row.get(name) else ""


def _yes_no(name: str) -> Reader:
    return lambda row, lang, zone: t(lang, "common.yes" if row.get(name) else "common.no")


def _answer(part: str) -> Reader:
    return lambda row, lang, zone: getattr(read_answer(row.get("answer")), part)


def _flag_in_answer(part: str) -> Reader:
    return lambda row, lang, zone: t(lang, "common.yes" if getattr(read_answer(row.get("answer")), part)
                                     else "common.no")


_CREATED = Column("created_at", _when("created_at"))
_MEMBER = (Column("status", _catalog("export.member_status", "status")), Column("district", _term("district")),
           Column("fields", _terms("fields")))

SHEETS: dict[str, tuple[Column, ...]] = {
    "workers": (
        Column("id", _plain("id")), Column("roster_key", _plain("roster_key")), Column("name", _plain("name")),
        Column("phone", _plain("phone")), *_MEMBER, Column("skills", _terms("skills")),
        Column("skills_text", _plain("skills_text")), Column("languages", _terms("languages")),
        Column("certification", _term("certification")), Column("years_experience", _plain("years_experience")),
        Column("hours_per_week", _plain("hours_per_week")), Column("max_placements", _plain("max_placements")),
        Column("remote_ok", _yes_no("remote_ok")), Column("introduction", _plain("introduction")), _CREATED),
    "ngos": (
        Column("id", _plain("id")), Column("ngo_name", _plain("name")), *_MEMBER,
        Column("registration", _catalog("registration", "registration")),
        Column("registration_number", _plain("registration_number")), Column("incubated", _yes_no("incubated")),
        Column("director_name", _plain("director_name")), Column("director_phone", _plain("director_phone")),
        _CREATED),
    "requests": (
        Column("id", _plain("id")), Column("ngo_name", _plain("ngo_name")), Column("title", _plain("title")),
        Column("status", _catalog("request_status", "status")), Column("description", _plain("description")),
        Column("skills", _terms("skills")), Column("skills_text", _plain("skills_text")),
        Column("field", _term("field")), Column("district", _term("district")),
        Column("remote_ok", _yes_no("remote_ok")), Column("hours_per_week", _plain("hours_per_week")),
        Column("headcount", _plain("headcount")), Column("min_certification", _term("min_certification")),
        Column("languages", _terms("languages")),
        Column("start_date", _day("start_date")), Column("duration_weeks", _plain("duration_weeks")), _CREATED),
    "placements": (
        Column("id", _plain("id")), Column("request_id", _plain("request_id")),
        Column("title", _plain("request_title")), Column("ngo_name", _plain("ngo_name")),
        Column("worker_id", _plain("worker_id")), Column("name", _plain("worker_name")),
        Column("status", _catalog("placement_status", "status")), Column("score", _plain("score")), _CREATED,
        Column("decided_at", _when("decided_at")), Column("offered_at", _when("offered_at")),
        Column("started_at", _when("started_at")), Column("ended_at", _when("ended_at"))),
    "checkins": (
        Column("placement_id", _plain("placement_id")), Column("name", _plain("worker_name")),
        Column("ngo_name", _plain("ngo_name")), Column("side", _catalog("export.side", "side")),
        Column("answered_at", _when("answered_at")), Column("rating", _answer("rating")),
        Column("problem", _flag_in_answer("problem")), Column("comment", _answer("comment"))),
    "hours": (
        Column("placement_id", _plain("placement_id")), Column("name", _plain("worker_name")),
        Column("ngo_name", _plain("ngo_name")), Column("answered_at", _when("answered_at")),
        Column("service_hours", _answer("hours"))),
}


def sheet_rows(tables: dict[str, list[Row]], sheet: str) -> list[Row]:
    """The rows a sheet shows: the hours sheet keeps the check-ins that report hours."""
    if sheet == "hours":
        return [row for row in tables["checkins"] if read_answer(row.get("answer")).hours is not None]
    return tables[sheet]
