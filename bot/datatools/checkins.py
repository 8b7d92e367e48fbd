"""What a check-in answer says: a 1–5 rating (or "there is a problem"), an optional comment,
optional service hours.

Answers are stored on ``followups.answer`` as a JSON object (``{"rating": 4, "comment": "…",
"hours": 12}``); a bare number is read as a rating. Anything else counts as no answer, so one
odd row never breaks the stats or an export.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

_HOURS_KEYS = ("hours", "service_hours")


@dataclass(frozen=True)
class CheckinAnswer:
    rating: int | None
    comment: str
    hours: float | None
    problem: bool = False                # the "there is a problem" button instead of a rating


def read_answer(text: str | None) -> CheckinAnswer:
    """The parts of a stored answer; missing or malformed parts are None / ""."""
    try:
        value = json.loads(text) if text else None
    except ValueError:
        value = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = {"rating": value}
    if not isinstance(value, dict):
        return CheckinAnswer(None, "", None)
    rating = value.get("rating")
    hours = next((value[k] for k in _HOURS_KEYS if k in value), None)
    comment = value.get("comment")
    return CheckinAnswer(
        rating=int(rating) if _number(rating) and 1 <= rating <= 5 else None,
        comment=comment if isinstance(comment, str) else "",
        hours=float(hours) if _number(hours) and hours >= 0 else None,
        problem=value.get("problem") is True,
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
