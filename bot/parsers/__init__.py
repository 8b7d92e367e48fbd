"""Parsers for everything a person types into a form.

Each parser is a pure function from the raw text (and, for dates, ``today``) to ``Ok(value)``
or ``Invalid(key, params)``, where ``key`` names an ``errors.*`` text: the handler replies with
``invalid.render(lang)`` and asks again. No parser raises on any string.
"""

from bot.parsers.choices import parse_choice, parse_yes_no
from bot.parsers.dates import example_date, latest_start_date, parse_start_date
from bot.parsers.ids import parse_row_id
from bot.parsers.numbers import (
    DURATION_WEEKS,
    HEADCOUNT,
    HOURS_PER_WEEK,
    PLACEMENTS_AT_ONCE,
    YEARS_OF_EXPERIENCE,
    parse_duration_weeks,
    parse_headcount,
    parse_hours_per_week,
    parse_int_in_range,
    parse_placements_at_once,
    parse_service_hours,
    parse_years_of_experience,
)
from bot.parsers.phone import format_phone, parse_phone
from bot.parsers.result import Invalid, Ok, ParseResult
from bot.parsers.text import (
    DESCRIPTION_MAX,
    INTRODUCTION_MAX,
    NAME_MAX,
    REASON_MAX,
    SKILLS_TEXT_MAX,
    TITLE_MAX,
    parse_description,
    parse_introduction,
    parse_line,
    parse_multiline,
    parse_name,
    parse_reason,
    parse_skills_text,
    parse_title,
)
from bot.parsers.uscc import parse_registration_number, uscc_check_character

__all__ = [
    "DESCRIPTION_MAX",
    "DURATION_WEEKS",
    "HEADCOUNT",
    "HOURS_PER_WEEK",
    "INTRODUCTION_MAX",
    "NAME_MAX",
    "PLACEMENTS_AT_ONCE",
    "REASON_MAX",
    "SKILLS_TEXT_MAX",
    "TITLE_MAX",
    "YEARS_OF_EXPERIENCE",
    "Invalid",
    "Ok",
    "ParseResult",
    "example_date",
    "format_phone",
    "latest_start_date",
    "parse_choice",
    "parse_description",
    "parse_duration_weeks",
    "parse_headcount",
    "parse_hours_per_week",
    "parse_int_in_range",
    "parse_introduction",
    "parse_line",
    "parse_multiline",
    "parse_name",
    "parse_phone",
    "parse_placements_at_once",
    "parse_reason",
    "parse_registration_number",
    "parse_row_id",
    "parse_service_hours",
    "parse_skills_text",
    "parse_start_date",
    "parse_title",
    "parse_years_of_experience",
    "parse_yes_no",
    "uscc_check_character",
]
