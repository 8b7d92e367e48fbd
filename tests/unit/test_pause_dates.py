"""The date a pause ends: typed by a worker in /profile, or after a name in a director's /pause."""

from __future__ import annotations

from datetime import date

import pytest

from bot.members.pauses import _split_date, parse_resume_date
from bot.parsers.result import Invalid, Ok

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(("typed", "day"), [
    ("2026-12-20", "2026-12-20"), ("12月20日", "2026-12-20"), ("明天", "2026-12-03"), ("next Monday", "2026-12-07"),
])
def test_a_resume_date_after_today_is_read_in_either_language(typed: str, day: str) -> None:
    assert parse_resume_date(typed, TODAY) == Ok(day)


@pytest.mark.parametrize(("typed", "key"), [
    ("2026-12-02", "errors.resume_not_after_today"), ("今天", "errors.resume_not_after_today"),
    ("2026-11-30", "errors.date_in_past"), ("someday", "errors.bad_date"), ("2030-01-01", "errors.date_too_far"),
])
def test_today_a_past_day_or_no_date_is_refused_with_the_reason(typed: str, key: str) -> None:
    result = parse_resume_date(typed, TODAY)
    assert isinstance(result, Invalid) and result.key == key


def test_a_directors_pause_reads_a_trailing_date_and_keeps_the_rest_as_the_name() -> None:
    assert _split_date("王芳 2026-12-20", TODAY) == ("王芳", date(2026, 12, 20), None)
    assert _split_date("Tom Li 12/20", TODAY) == ("Tom Li", date(2026, 12, 20), None)
    assert _split_date("阳光心理服务中心", TODAY) == ("阳光心理服务中心", None, None)
    assert _split_date("Tom Li", TODAY) == ("Tom Li", None, None)
    name, day, why = _split_date("王芳 2026-11-01", TODAY)
    assert (name, day) == ("王芳", None) and isinstance(why, Invalid) and why.key == "errors.date_in_past"
