"""The NGO registration: seven questions, eight for a registered NGO, and its answers as columns."""

from __future__ import annotations

from typing import Any

from bot.forms.fields import ignoring_today, vocabulary_choice, vocabulary_multi, yes_no
from bot.forms.model import Field, Kind, text_choices
from bot.parsers import parse_name, parse_phone, parse_registration_number
from bot.store.members import NgoRow

REGISTRATIONS = ("registered", "in_process", "not_yet")


def _is_registered(answers: dict[str, Any]) -> bool:
    return answers.get("registration") == "registered"


FIELDS = (
    Field("name", "ngo_form.ask_name", "labels.ngo_name", parse=ignoring_today(parse_name)),
    Field("registration", "ngo_form.ask_registration", "labels.registration", Kind.CHOICE,
          choices=lambda: text_choices("registration", REGISTRATIONS), columns=1),
    Field("registration_number", "ngo_form.ask_registration_number", "labels.registration_number",
          parse=ignoring_today(parse_registration_number), applies=_is_registered),
    vocabulary_multi("fields", "ngo_form.ask_fields", "labels.fields", "field"),
    vocabulary_choice("district", "ngo_form.ask_district", "labels.district", "district", columns=3),
    yes_no("incubated", "ngo_form.ask_incubated", "labels.incubated"),
    Field("director_name", "ngo_form.ask_director_name", "labels.director_name",
          parse=ignoring_today(parse_name)),
    Field("director_phone", "ngo_form.ask_director_phone", "labels.director_phone", Kind.PHONE,
          parse=ignoring_today(parse_phone)),
)


def columns_from_answers(answers: dict[str, Any]) -> dict[str, Any]:
    registered = _is_registered(answers)
    return {
        "name": answers["name"], "registration": answers["registration"],
        "registration_number": answers["registration_number"] if registered else None,
        "fields": answers["fields"], "district": answers["district"],
        "incubated": int(answers["incubated"] == "yes"), "director_name": answers["director_name"],
        "director_phone": answers["director_phone"],
    }


def answers_from_columns(ngo: NgoRow) -> dict[str, Any]:
    """A stored profile as form answers, so editing starts from what is there."""
    row = ngo.as_dict()
    answers = {k: row[k] for k in ("name", "registration", "fields", "district", "director_name",
                                   "director_phone")}
    answers["incubated"] = "yes" if ngo.incubated else "no"
    if ngo.registration_number:
        answers["registration_number"] = ngo.registration_number
    return answers
