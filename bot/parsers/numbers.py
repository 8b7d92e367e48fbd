"""Counts and amounts: hours per week, headcount, years, placements at once, weeks.

People answer "20", "２０", "20 hours", "每周20小时", "二十个小时" or "twenty": the one number in
the answer is taken, whatever words surround it. Two numbers ("10-20", "三四个") are ambiguous
and asked again. Words are read only when there are no digits, so the 一 of 一般 or 一周 does
not count as a second number beside "一般每周10小时".
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from bot.parsers.numerals import CHINESE_NUMERAL, chinese_numeral_value, english_number_values
from bot.parsers.result import Invalid, Ok, ParseResult

HOURS_PER_WEEK = (1, 60)
HEADCOUNT = (1, 20)
YEARS_OF_EXPERIENCE = (0, 60)
PLACEMENTS_AT_ONCE = (1, 5)
DURATION_WEEKS = (1, 104)

# The minus sign counts only where it cannot be a range dash ("10-20").
_DIGIT_NUMBER = re.compile(r"(?:(?<![0-9])[-−])?[0-9]+(?:\.[0-9]+)?")
# Words that contain a Chinese numeral but are not an answer: "一周", "每个星期", "一般".
_NUMERAL_WORDS = re.compile(r"[每一](?:个)?(?:周|星期|礼拜)|一般|一共|一起|一下|大概|左右")
_NO_EXPERIENCE = frozenset(
    {"none", "no", "nil", "no experience", "无", "没有", "暂无", "没", "新手", "刚入行", "刚开始"}
)
_LONGEST_SHOWN = 12


def parse_int_in_range(
    text: str, low: int, high: int, key_name: str = "errors.out_of_range", example: int | None = None
) -> ParseResult[int]:
    """A whole number from ``low`` to ``high``; ``key_name`` is the out-of-range error text."""
    example = _default_example(low, high) if example is None else example
    found = _one_number(text, low, high, example)
    if isinstance(found, Invalid):
        return found
    number = found.value
    # Range first: a number outside it may be too long to round safely.
    if not low <= number <= high:
        return Invalid(key_name, {"low": low, "high": high, "value": _shown(number)})
    if number != number.to_integral_value():
        rounded = _clamp(int(number.quantize(Decimal(1), ROUND_HALF_UP)), low, high)
        return Invalid("errors.not_whole_number", {"example": rounded})
    return Ok(int(number))


def parse_hours_per_week(text: str) -> ParseResult[float]:
    """Hours a week, 1–60, with at most one decimal place ("7.5"): stored as a REAL column.

    A whole number comes back as an ``int``, so it is stored and shown without ".0".
    """
    low, high = HOURS_PER_WEEK
    found = _one_number(text, low, high, example=10)
    if isinstance(found, Invalid):
        return found
    number = found.value
    if not low <= number <= high:
        return Invalid("errors.out_of_range", {"low": low, "high": high, "value": _shown(number)})
    one_place = number.quantize(Decimal("0.1"), ROUND_HALF_UP)
    if number != one_place:
        return Invalid("errors.too_many_decimals", {"example": _shown(one_place)})
    return Ok(int(number) if number == number.to_integral_value() else float(number))


def parse_headcount(text: str) -> ParseResult[int]:
    """How many social workers a request needs: 1–20."""
    return parse_int_in_range(text, *HEADCOUNT, example=2)


def parse_years_of_experience(text: str) -> ParseResult[int]:
    """Years in social work: 0–60; "none" / "无" / "新手" mean 0."""
    if _tidy(text).strip(" .。!！") in _NO_EXPERIENCE:
        return Ok(0)
    return parse_int_in_range(text, *YEARS_OF_EXPERIENCE, example=3)


def parse_placements_at_once(text: str) -> ParseResult[int]:
    """How many NGOs a social worker can serve at the same time: 1–5."""
    return parse_int_in_range(text, *PLACEMENTS_AT_ONCE, example=1)


def parse_duration_weeks(text: str) -> ParseResult[int]:
    """How many weeks a request runs: 1–104 (two years)."""
    return parse_int_in_range(text, *DURATION_WEEKS, example=12)


def _one_number(text: str, low: int, high: int, example: int) -> Ok[Decimal] | Invalid:
    tidy = _tidy(text)
    digits = _DIGIT_NUMBER.findall(tidy)
    if digits:
        candidates: list[Decimal | None] = [Decimal(d.replace("−", "-")) for d in digits]
    else:
        words = _NUMERAL_WORDS.sub(" ", tidy)
        runs = CHINESE_NUMERAL.findall(words)
        candidates = [_decimal(chinese_numeral_value(run)) for run in runs]
        candidates += [Decimal(value) for value in english_number_values(words)]
    if len(candidates) > 1 or (candidates and candidates[0] is None):
        return Invalid("errors.one_number", {"low": low, "high": high})
    if not candidates or candidates[0] is None:
        return Invalid("errors.not_a_number", {"low": low, "high": high, "example": example})
    return Ok(candidates[0])


def _tidy(text: str) -> str:
    # NFKC turns full-width digits and signs (２０, －) into ASCII ones.
    return unicodedata.normalize("NFKC", text).strip().lower()


def _decimal(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _shown(number: Decimal) -> str:
    shown = format(number, "f")
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return shown if len(shown) <= _LONGEST_SHOWN else shown[:_LONGEST_SHOWN] + "…"


def _default_example(low: int, high: int) -> int:
    return (low + high) // 2


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
