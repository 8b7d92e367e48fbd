"""The talent request an NGO director fills in for each role: twelve questions, and the columns."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.forms.fields import hours_answer, ignoring_today, vocabulary_choice, vocabulary_multi, yes_no
from bot.forms.model import Field, Kind
from bot.forms.skills import answer_from_stored, stored_from_answer
from bot.parsers import (
    parse_description,
    parse_duration_weeks,
    parse_headcount,
    parse_hours_per_week,
    parse_skills_text,
    parse_start_date,
    parse_title,
)
from bot.parsers.result import Invalid, Ok, ParseResult
from bot.store.requests import RequestRow


def _start_date(text: str, today: date) -> ParseResult[str]:
    result = parse_start_date(text, today)
    return result if isinstance(result, Invalid) else Ok(result.value.isoformat())


FIELDS = (
    Field("title", "request_form.ask_title", "labels.title", parse=ignoring_today(parse_title)),
    Field("description", "request_form.ask_description", "labels.description",
          parse=ignoring_today(parse_description)),
    Field("skills", "request_form.ask_skills", "labels.skills_needed", Kind.SKILLS,
          parse=ignoring_today(parse_skills_text)),
    vocabulary_choice("field", "request_form.ask_field", "labels.field", "field"),
    vocabulary_choice("district", "request_form.ask_district", "labels.district", "district", columns=3),
    yes_no("remote_ok", "request_form.ask_remote", "labels.remote_ok"),
    Field("hours_per_week", "request_form.ask_hours", "labels.hours_per_week",
          parse=ignoring_today(parse_hours_per_week), unit="common.hours_value"),
    Field("headcount", "request_form.ask_headcount", "labels.headcount",
          parse=ignoring_today(parse_headcount), unit="common.people_value"),
    vocabulary_choice("min_certification", "request_form.ask_min_certification",
                      "labels.min_certification", "certification", columns=1),
    vocabulary_multi("languages", "request_form.ask_languages", "labels.languages", "language",
                     optional=True, when_empty="common.no_requirement"),
    Field("start_date", "request_form.ask_start_date", "labels.start_date", parse=_start_date),
    Field("duration_weeks", "request_form.ask_duration", "labels.duration_weeks",
          parse=ignoring_today(parse_duration_weeks), unit="common.weeks_value"),
)


def columns_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": answers["title"], "description": answers["description"],
        "skills_text": answers["skills"]["text"], "skills": stored_from_answer(answers["skills"]),
        "field": answers["field"], "district": answers["district"],
        "remote_ok": int(answers["remote_ok"] == "yes"), "hours_per_week": answers["hours_per_week"],
        "headcount": answers["headcount"], "min_certification": answers["min_certification"],
        "languages": answers["languages"] or [], "start_date": answers["start_date"],
        "duration_weeks": answers["duration_weeks"],
    }


def answers_from_columns(request: RequestRow) -> dict[str, Any]:
    """A stored request as form answers, so editing starts from what is there."""
    row = request.as_dict()
    answers = {k: row[k] for k in ("title", "description", "field", "district", "headcount",
                                   "min_certification", "languages", "start_date", "duration_weeks")}
    answers["skills"] = answer_from_stored(row["skills_text"], row["skills"])
    answers["remote_ok"] = "yes" if row["remote_ok"] else "no"
    answers["hours_per_week"] = hours_answer(row["hours_per_week"])
    return answers
