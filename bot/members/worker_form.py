"""The social worker's profile: its twelve questions, and its answers as workers-table columns."""

from __future__ import annotations

from typing import Any

from bot.forms.fields import hours_answer, ignoring_today, vocabulary_choice, vocabulary_multi, yes_no
from bot.forms.model import Field, Kind
from bot.forms.skills import answer_from_stored, stored_from_answer
from bot.parsers import (
    parse_hours_per_week,
    parse_introduction,
    parse_name,
    parse_phone,
    parse_placements_at_once,
    parse_skills_text,
    parse_years_of_experience,
)
from bot.store.members import WorkerRow

FIELDS = (
    Field("name", "worker_form.ask_name", "labels.name", parse=ignoring_today(parse_name)),
    Field("phone", "worker_form.ask_phone", "labels.phone", Kind.PHONE, parse=ignoring_today(parse_phone)),
    vocabulary_choice("district", "worker_form.ask_district", "labels.district", "district", columns=3),
    Field("skills", "worker_form.ask_skills", "labels.skills", Kind.SKILLS,
          parse=ignoring_today(parse_skills_text)),
    vocabulary_multi("fields", "worker_form.ask_fields", "labels.fields", "field"),
    vocabulary_multi("languages", "worker_form.ask_languages", "labels.languages", "language"),
    vocabulary_choice("certification", "worker_form.ask_certification", "labels.certification",
                      "certification", columns=1),
    Field("years_experience", "worker_form.ask_years", "labels.years_experience",
          parse=ignoring_today(parse_years_of_experience), unit="common.years_value"),
    Field("hours_per_week", "worker_form.ask_hours", "labels.hours_per_week",
          parse=ignoring_today(parse_hours_per_week), unit="common.hours_value"),
    Field("max_placements", "worker_form.ask_max_placements", "labels.max_placements",
          parse=ignoring_today(parse_placements_at_once), unit="common.ngos_value"),
    yes_no("remote_ok", "worker_form.ask_remote", "labels.remote_ok"),
    Field("introduction", "worker_form.ask_introduction", "labels.introduction",
          parse=ignoring_today(parse_introduction), optional=True),
)


def columns_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The workers-table values of a finished form."""
    return {
        "name": answers["name"], "phone": answers["phone"], "district": answers["district"],
        "skills_text": answers["skills"]["text"], "skills": stored_from_answer(answers["skills"]),
        "fields": answers["fields"], "languages": answers["languages"],
        "certification": answers["certification"], "years_experience": answers["years_experience"],
        "hours_per_week": answers["hours_per_week"], "max_placements": answers["max_placements"],
        "remote_ok": int(answers["remote_ok"] == "yes"), "introduction": answers.get("introduction") or "",
    }


def answers_from_columns(row: WorkerRow) -> dict[str, Any]:
    """A stored profile as form answers, so editing starts from what is there."""
    return {
        "name": row.name, "phone": row.phone, "district": row.district,
        "skills": answer_from_stored(row.skills_text, row.skills),
        "fields": row.fields, "languages": row.languages,
        "certification": row.certification, "years_experience": row.years_experience,
        "hours_per_week": hours_answer(row.hours_per_week), "max_placements": row.max_placements,
        "remote_ok": "yes" if row.remote_ok else "no", "introduction": row.introduction or None,
    }
